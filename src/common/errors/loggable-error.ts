interface ErrorFields {
  name?: unknown;
  message?: unknown;
  stack?: unknown;
  code?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
  routine?: unknown;
  query?: unknown;
  driverError?: unknown;
  cause?: unknown;
}

export interface LoggableError {
  type: string;
  message: string;
  stack?: string;
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
  routine?: string;
  /** The SQL text, which is ours; never its parameters, which may be what a person typed. */
  query?: string;
  cause?: LoggableError;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * An error as the log may hold it. A serializer that copies every property
 * would write a failed query's parameters and PostgreSQL's `detail`
 * ("Key (email)=(…) already exists"): personal data. Only the fields that say
 * what went wrong and where are kept, by name.
 */
export function loggableError(error: unknown, depth = 0): LoggableError {
  if (typeof error !== 'object' || error === null) return { type: typeof error, message: String(error) };
  const e = error as ErrorFields;
  const driver = (e.driverError ?? {}) as ErrorFields;
  const out: LoggableError = {
    type: text(e.name) ?? error.constructor?.name ?? 'Error',
    message: text(e.message) ?? '',
  };
  const fields = {
    stack: text(e.stack),
    code: text(e.code) ?? text(driver.code),
    constraint: text(e.constraint) ?? text(driver.constraint),
    table: text(e.table) ?? text(driver.table),
    column: text(e.column) ?? text(driver.column),
    routine: text(e.routine) ?? text(driver.routine),
    query: text(e.query),
  };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) (out as unknown as Record<string, string>)[key] = value;
  if (e.cause !== undefined && depth < 3) out.cause = loggableError(e.cause, depth + 1);
  return out;
}
