import { PinoLogger } from 'nestjs-pino';
import pino from 'pino';

export interface LogEntry {
  level: number;
  context?: string;
  msg?: string;
  req?: { id?: string; method?: string; path?: string };
  res?: { statusCode?: number };
  [key: string]: unknown;
}

export interface LogCapture {
  /** Everything written, exactly as it would reach stdout. */
  raw(): string;
  entries(): LogEntry[];
  restore(): void;
}

/**
 * The JSON lines pino writes, caught at its destination stream: the entries
 * exactly as they would reach stdout, kept out of the test output. Start the
 * app at `warn` (LOG_LEVEL) so its start-up lines stay out; info is on only
 * while capturing.
 */
export function captureLog(): LogCapture {
  const root = PinoLogger.root;
  const stream = (root as unknown as Record<symbol, { write(chunk: string): boolean }>)[pino.symbols.streamSym];
  const chunks: string[] = [];
  const spy = jest.spyOn(stream, 'write').mockImplementation((chunk: string) => chunks.push(chunk) > 0);
  const level = root.level;
  root.level = 'info';
  const raw = (): string => chunks.join('');
  return {
    raw,
    entries: () =>
      raw()
        .split('\n')
        .filter((line) => line.trim())
        .map((line) => JSON.parse(line) as LogEntry),
    restore: () => {
      root.level = level;
      spy.mockRestore();
    },
  };
}
