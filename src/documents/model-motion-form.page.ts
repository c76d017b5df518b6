import type { FieldErrors } from '../common/errors/domain-error';
import { BRANCH_NAME_MAX, UNION_MAX } from './dto/model-motion-form.dto';

const FIELDS = ['union', 'branchName', 'meetingDate'] as const;
type Field = (typeof FIELDS)[number];

export interface ModelMotionFormPage {
  title: string;
  values: Partial<Record<Field, string>>;
  /** First message of each field, shown beside it. */
  fieldErrors: Partial<Record<Field, string>>;
  /** Every message, for the summary at the top; `field` links to the input. */
  errorSummary: { field?: Field; message: string }[];
  unionMax: number;
  branchNameMax: number;
}

/** What the form page shows: empty, or again after refused input with what was typed. */
export function modelMotionFormPage(body?: unknown, errors: FieldErrors = {}): ModelMotionFormPage {
  const submitted = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const values: ModelMotionFormPage['values'] = {};
  for (const field of FIELDS) {
    const value = submitted[field];
    if (typeof value === 'string') values[field] = value;
  }
  const fieldErrors: ModelMotionFormPage['fieldErrors'] = {};
  const errorSummary: ModelMotionFormPage['errorSummary'] = [];
  for (const [key, messages] of Object.entries(errors)) {
    const unique = [...new Set(messages)];
    const field = (FIELDS as readonly string[]).includes(key) ? (key as Field) : undefined;
    if (field && unique[0]) fieldErrors[field] = unique[0];
    for (const message of unique) errorSummary.push({ ...(field && { field }), message });
  }
  errorSummary.sort((a, b) => rank(a.field) - rank(b.field));
  return {
    title: errorSummary.length ? 'Error: Personalise the model motion' : 'Personalise the model motion',
    values,
    fieldErrors,
    errorSummary,
    unionMax: UNION_MAX,
    branchNameMax: BRANCH_NAME_MAX,
  };
}

function rank(field: Field | undefined): number {
  return field ? FIELDS.indexOf(field) : FIELDS.length;
}
