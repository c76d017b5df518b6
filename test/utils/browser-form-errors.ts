import type { Page } from 'playwright-core';

/** What a refused form shows a person, read from the page. */
export interface RefusedForm {
  /** How many error summaries the page has (one). */
  summaries: number;
  heading: string | undefined;
  /** The summary comes straight after the page's h1. */
  afterH1: boolean;
  /** The summary's lines: the link target (null for a line without one) and the words. */
  lines: { href: string | null; text: string }[];
  /** Messages shown beside each refused field (one each). */
  messagesPerField: number[];
  /** Ids used more than once on the page. */
  duplicateIds: string[];
  /** Summary links whose target is missing, or whose control (or its fieldset) is not described by its message. */
  unconnected: string[];
}

export async function readRefusedForm(page: Page): Promise<RefusedForm> {
  return page.evaluate(() => {
    const summary = document.querySelector('.error-summary');
    const h1 = document.querySelector('main h1');
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
    const lines = [...(summary?.querySelectorAll('li') ?? [])].map((li) => ({
      href: li.querySelector('a')?.getAttribute('href') ?? null,
      text: (li.textContent ?? '').trim(),
    }));
    const describedBy = (el: Element | null): string[] => (el?.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    const unconnected = lines
      .filter((l) => l.href?.startsWith('#'))
      .filter((l) => {
        const control = document.getElementById(l.href!.slice(1));
        if (!control) return true;
        const described = [...describedBy(control), ...describedBy(control.closest('fieldset'))];
        return !described.some((id) => document.getElementById(id)?.classList.contains('field-error'));
      })
      .map((l) => l.href!);
    return {
      summaries: document.querySelectorAll('.error-summary').length,
      heading: summary?.querySelector('h2')?.textContent?.trim(),
      afterH1: !!summary && h1?.nextElementSibling === summary,
      lines,
      messagesPerField: [...document.querySelectorAll('.field')].map((f) => f.querySelectorAll('.field-error').length).filter((n) => n > 0),
      duplicateIds: [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))],
      unconnected,
    };
  });
}

/**
 * The page shows the one error summary after its h1, headed "There is a
 * problem", listing `expected` (link target, words) in that order; one message
 * beside each refused field, each control described by its message, no id twice.
 */
export async function expectRefusedForm(page: Page, expected: [string | null, string | RegExp][]): Promise<void> {
  const found = await readRefusedForm(page);
  expect(found).toEqual({
    summaries: 1,
    heading: 'There is a problem',
    afterH1: true,
    lines: expected.map(([href, text]) => ({ href, text: typeof text === 'string' ? text : expect.stringMatching(text) })),
    messagesPerField: expected.filter(([href]) => href).map(() => 1),
    duplicateIds: [],
    unconnected: [],
  });
}
