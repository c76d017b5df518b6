import { KIND_INFO, type DocumentKind } from './document-kinds';

/** "Model motion", "Affiliation letter": a kind as people call it. */
export function kindLabel(kind: string): string {
  const label = (KIND_INFO as Record<string, { label: string } | undefined>)[kind]?.label ?? kind;
  return label.charAt(0).toUpperCase() + label.slice(1);
}

export type { DocumentKind };
