import { readFileSync } from 'node:fs';
import { loadRetentionConfig } from '../config/retention.config';
import { RETENTION_RULES } from '../retention/retention-rules';
import { PRIVACY_DOC, renderRetentionBlock, replaceRetentionBlock, retentionBlockOf, retentionTable } from './retention-table';

describe('the retention table', () => {
  it('is what docs/PRIVACY.md says, with the default settings (run `npm run privacy:table` after changing a period)', () => {
    const doc = readFileSync(PRIVACY_DOC, 'utf8');
    expect(retentionBlockOf(doc)).toBe(renderRetentionBlock(loadRetentionConfig({})));
  });

  it('states the periods the job reads, whatever they are set to', () => {
    const config = loadRetentionConfig({
      RETENTION_UNVERIFIED_ACCOUNT_DAYS: '3',
      RETENTION_TOKEN_DAYS: '14',
      RETENTION_HANDOVER_DAYS: '21',
      RETENTION_AUDIT_IP_DAYS: '1',
      RETENTION_MAIL_BODY_DAYS: '2',
      RETENTION_SIGNED_LETTER_YEARS: '2',
      RETENTION_JOB_CRON: '0 2 * * *',
    });
    const rows = retentionTable(config);
    const keptFor = (setting: string): string | undefined => rows.find((r) => r.setting === setting)?.keptFor;
    expect(keptFor('RETENTION_UNVERIFIED_ACCOUNT_DAYS')).toBe('3 days after registration');
    expect(keptFor('RETENTION_TOKEN_DAYS')).toBe('14 days after the link was used or expired');
    expect(keptFor('RETENTION_HANDOVER_DAYS')).toBe('21 days after the invitation was accepted, cancelled or expired');
    expect(keptFor('RETENTION_AUDIT_IP_DAYS')).toBe('1 day after the event');
    expect(keptFor('RETENTION_MAIL_BODY_DAYS')).toBe('2 days after it was sent (or its last attempt failed)');
    expect(keptFor('RETENTION_SIGNED_LETTER_YEARS')).toBe('Until the affiliation year it was uploaded for has ended, plus 2 years');
    expect(retentionTable(loadRetentionConfig({ RETENTION_SIGNED_LETTER_YEARS: '0' })).find((r) => r.setting === 'RETENTION_SIGNED_LETTER_YEARS')?.keptFor).toBe(
      'Until the affiliation year it was uploaded for has ended',
    );
    expect(renderRetentionBlock(config)).toContain('by default `0 2 * * *`');
  });

  it('has a row for every rule the job applies, besides what the queue deletes, each rule with its setting but the throttles', () => {
    const rows = retentionTable(loadRetentionConfig({}));
    expect(rows).toHaveLength(RETENTION_RULES.length + 1);
    expect(rows.filter((r) => r.setting)).toHaveLength(RETENTION_RULES.length - 1);
    expect(JSON.stringify(rows)).not.toMatch(/not held yet|still to come/i);
  });

  it('replaces only the block between the markers, and refuses a page without them', () => {
    const block = renderRetentionBlock(loadRetentionConfig({}));
    const page = `# Title\n\nBefore.\n\n<!-- retention:start -->\nold $& table\n<!-- retention:end -->\n\nAfter.\n`;
    expect(replaceRetentionBlock(page, block)).toBe(`# Title\n\nBefore.\n\n${block}\n\nAfter.\n`);
    expect(() => replaceRetentionBlock('# No table here', block)).toThrow(/markers .* are missing/);
  });
});
