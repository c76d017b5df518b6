import { KIND_INFO, type DocumentKind } from './document-kinds';

/** "Model motion", "Affiliation letter": a kind as people call it, from its file label. */
export function kindLabel(kind: string): string {
  const label = (KIND_INFO as Record<string, { fileLabel: string } | undefined>)[kind]?.fileLabel.split(' - ').at(-1) ?? kind;
  return label.charAt(0).toUpperCase() + label.slice(1);
}

export type { DocumentKind };
