// `npm run screenshots`: the pictures in docs/screenshots/, taken by the same
// browser harness as the browser tests, on a test app of their own. Not part
// of `npm test`: they assert nothing and rewrite files in the repository.
const { resolve } = require('node:path');
const root = require('../../jest.config');

const rootDir = resolve(__dirname, '..', '..');

const browser = root.projects.find((p) => p.displayName === 'browser');

/** @type {import('jest').Config} */
module.exports = {
  rootDir,
  globalSetup: root.globalSetup,
  globalTeardown: root.globalTeardown,
  maxWorkers: 1,
  testTimeout: 180000,
  projects: [{ ...browser, rootDir, displayName: 'screenshots', testMatch: ['<rootDir>/test/screenshots/**/*.shots.ts'] }],
};
