import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

/** The project folder, whether running from `src` (tests) or `dist/src` (build). */
export const PROJECT_ROOT = findRoot(__dirname);
export const VIEWS_DIR = join(PROJECT_ROOT, 'src', 'views');
export const PUBLIC_DIR = join(PROJECT_ROOT, 'src', 'public');
export const TEMPLATES_DIR = join(PROJECT_ROOT, 'templates');
