/**
 * The secretary's branch page shows the signed affiliation letter uploaded
 * for the year. The documents feature keeps the letters and depends on this
 * one, so it provides this (SignedLettersCoreModule) rather than being
 * imported. Optional: without it the page has no such section.
 */
export const BRANCH_PAGE_SIGNED_LETTER = Symbol('BRANCH_PAGE_SIGNED_LETTER');

/** The letter uploaded for a year, as the branch page describes it. */
export interface SignedLetterPanel {
  year: number;
  /** "5 MB": the largest file the form takes. */
  maxSize: string;
  current: {
    uploadedAt: Date;
    /** "PDF", "JPEG" or "PNG". */
    format: string;
    /** "1.2 MB". */
    size: string;
    /** Where the secretary downloads it. */
    href: string;
  } | null;
}

export interface BranchPageSignedLetter {
  panel(branchId: string, year: number): Promise<SignedLetterPanel>;
}
