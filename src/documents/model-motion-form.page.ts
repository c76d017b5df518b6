import type { FieldErrors } from '../common/errors/domain-error';
import { BRANCH_NAME_MAX, UNION_MAX } from './dto/model-motion-form.dto';

const FIELDS = ['union', 'branchName', 'meetingDate'] as const;
type Field = (typeof FIELDS)[number];

export interface ModelMotionFormPage {
  title: string;
  values: Partial<Record<Field, string>>;
  /** One message per field, in the form's order (anything else after), for the fields and the error summary. */
  errors: FieldErrors;
  /** Set when the form was refused: the shared error summary shows. */
  formError?: string;
  unionMax: number;
  branchNameMax: number;
}

/** What the form page shows: empty, or again after refused input with what was typed. */
export function modelMotionFormPage(body?: unknown, errors: FieldErrors = {}, formError?: string): ModelMotionFormPage {
  const submitted = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const values: ModelMotionFormPage['values'] = {};
  for (const field of FIELDS) {
    const value = submitted[field];
    if (typeof value === 'string') values[field] = value;
  }
  const ordered = Object.entries(errors)
    .filter(([, messages]) => messages[0] !== undefined)
    .sort(([a], [b]) => rank(a) - rank(b));
  const refused = ordered.length > 0 || formError !== undefined;
  return {
    title: refused ? 'Error: Personalise the model motion' : 'Personalise the model motion',
    values,
    errors: Object.fromEntries(ordered.map(([field, messages]) => [field, [messages[0]!]])),
    ...(refused && { formError: formError ?? 'Please correct the highlighted fields' }),
    unionMax: UNION_MAX,
    branchNameMax: BRANCH_NAME_MAX,
  };
}

function rank(field: string): number {
  const i = (FIELDS as readonly string[]).indexOf(field);
  return i === -1 ? FIELDS.length : i;
}
