import { readFileSync, writeFileSync } from 'node:fs';
import { loadRetentionConfig } from '../config/retention.config';
import { PRIVACY_DOC, renderRetentionBlock, replaceRetentionBlock } from './retention-table';

/**
 * `npm run privacy:table` rewrites the retention table in docs/PRIVACY.md from
 * the default settings, after a period or a rule changes (a unit test fails
 * until it is run: retention-table.spec.ts).
 */
function main(): number {
  const before = readFileSync(PRIVACY_DOC, 'utf8');
  const after = replaceRetentionBlock(before, renderRetentionBlock(loadRetentionConfig({})));
  if (after === before) {
    console.log('docs/PRIVACY.md: the retention table is up to date');
  } else {
    writeFileSync(PRIVACY_DOC, after);
    console.log('docs/PRIVACY.md: the retention table was rewritten');
  }
  return 0;
}

process.exit(main());
