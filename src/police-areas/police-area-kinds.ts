/** What the portal knows about one kind of body that holds a police force to account. */
export interface BodyKindDescription {
  /** How the kind reads on pages. */
  readonly label: string;
}

/**
 * Every kind of accountable body, described once: the CHECK constraint, the
 * API's enum and the admin form's choices are derived from this table.
 */
export const BODY_KIND = {
  pcc: { label: 'Police and Crime Commissioner' },
  pfcc: { label: 'Police, Fire and Crime Commissioner' },
  mayor: { label: 'Elected mayor with police and crime functions' },
  authority: { label: 'Police authority or policing board' },
} as const satisfies Record<string, BodyKindDescription>;

export type BodyKind = keyof typeof BODY_KIND;

export const BODY_KINDS = Object.keys(BODY_KIND) as BodyKind[];

export function isBodyKind(value: unknown): value is BodyKind {
  return typeof value === 'string' && (BODY_KINDS as string[]).includes(value);
}
