import type { Request } from 'express';

/** One line of a flash: text, with a link when it names something that has a page. */
export interface FlashItem {
  text: string;
  href?: string;
}

/**
 * What the next page says once, after a form's redirect: what was done (a
 * decision's confirmation), any lists that go with it, and whether to offer
 * the next affiliation waiting for a decision.
 */
export interface Flash {
  kind: 'success' | 'warning';
  message: string;
  groups?: { title: string; items: FlashItem[] }[];
  /** Offer "Next waiting" (GET /admin/affiliations/next). */
  nextWaiting?: boolean;
}

declare module 'express-session' {
  interface SessionData {
    flash?: Flash;
  }
}

/**
 * Keeps `flash` in the session for the next page that shows it, stored before
 * the redirect is answered: express-session would save it only as the
 * response ends, after sending the redirect's headers, and a browser that
 * follows them at once would read the session without it.
 */
export async function setFlash(req: Request, flash: Flash): Promise<void> {
  req.session.flash = flash;
  await new Promise<void>((resolve, reject) => req.session.save((err) => (err ? reject(err as Error) : resolve())));
}

/** The flash, once: reading it removes it from the session (saved as the response ends). */
export function takeFlash(req: Request): Flash | undefined {
  const flash = req.session?.flash;
  if (flash) delete req.session.flash;
  return flash;
}
