import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/**
 * Full-page pictures of a browser test's pages, to be looked at by a person
 * (not committed, not compared): taken only when the environment variable
 * `envVar` names a folder, which is made if need be. Otherwise a no-op.
 */
export function pageShots(envVar: string): (page: Page, name: string) => Promise<void> {
  const dir = process.env[envVar];
  if (dir) mkdirSync(dir, { recursive: true });
  return async (page, name) => {
    if (dir) await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
  };
}
