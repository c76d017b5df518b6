import { CookieAccessInfo } from 'cookiejar';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { SignedIn } from './auth';
import { axeViolations, describeViolations, foreignRequests, horizontalOverflow, launchBrowser, recordRequests } from './browser';
import type { TestApp } from './test-app';

/** The width every page is checked at: a small phone, as many secretaries use. */
export const PHONE_WIDTH = 375;

/** A phone-sized browser context with one page, recording what the page asks for. */
export interface Phone {
  context: BrowserContext;
  page: Page;
  /** Every URL the page has requested. */
  requests: string[];
  /** Console messages saying the Content Security Policy refused something. */
  cspErrors: string[];
  /**
   * The page as it is now: no axe violations, nothing forcing sideways
   * scrolling, nothing loaded from another origin, nothing refused by the CSP
   * (the last two for everything since the page opened). Failures name the URL.
   */
  audit(): Promise<void>;
  close(): Promise<void>;
}

export interface PhoneOptions {
  /** Signed in as this test user (the session of the helper's supertest agent). */
  as?: SignedIn;
  javaScriptEnabled?: boolean;
  /** Another viewport width, e.g. a desktop's 1280 px (the audit is the same). */
  width?: number;
}

/** One Chromium for a test file, against a test app started with `listen: true`. */
export interface BrowserSession {
  browser: Browser;
  phone(options?: PhoneOptions): Promise<Phone>;
  /** A phone signed in as `who`. */
  phoneAs(who: SignedIn, options?: Omit<PhoneOptions, 'as'>): Promise<Phone>;
  close(): Promise<void>;
}

/** The cookies of a signed-in supertest agent, for a browser on `baseUrl`. */
function sessionCookies(who: SignedIn, baseUrl: string): { name: string; value: string; url: string }[] {
  const jar = (who.agent as unknown as { jar: { getCookies(a: CookieAccessInfo): { name: string; value: string }[] } }).jar;
  return jar.getCookies(CookieAccessInfo.All).map((c) => ({ name: c.name, value: c.value, url: baseUrl }));
}

export async function browserSession(t: TestApp): Promise<BrowserSession> {
  if (!t.baseUrl) throw new Error('browserSession needs a test app started with { listen: true }');
  const browser = await launchBrowser();

  async function phone(options: PhoneOptions = {}): Promise<Phone> {
    const context = await browser.newContext({
      viewport: { width: options.width ?? PHONE_WIDTH, height: 800 },
      ...(options.javaScriptEnabled === false && { javaScriptEnabled: false }),
    });
    if (options.as) await context.addCookies(sessionCookies(options.as, t.baseUrl));
    const page = await context.newPage();
    const requests = recordRequests(page);
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) cspErrors.push(m.text());
    });
    return {
      context,
      page,
      requests,
      cspErrors,
      audit: async () => {
        const url = page.url();
        expect({ url, violations: describeViolations(await axeViolations(page)) }).toEqual({ url, violations: '' });
        expect({ url, overflowPx: Math.max(0, await horizontalOverflow(page)) }).toEqual({ url, overflowPx: 0 });
        expect({ url, foreign: foreignRequests(requests, t.baseUrl), refusedByCsp: cspErrors }).toEqual({ url, foreign: [], refusedByCsp: [] });
      },
      close: () => context.close(),
    };
  }

  return {
    browser,
    phone,
    phoneAs: (who, options = {}) => phone({ ...options, as: who }),
    close: () => browser.close(),
  };
}
