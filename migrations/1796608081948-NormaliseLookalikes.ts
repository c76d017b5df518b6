import { Logger } from '@nestjs/common';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { normaliseBranchCode, normaliseBranchName, unionKeyOf } from '../src/branches/normalise';
import { normaliseEmail } from '../src/common/validation/email-address';

interface UserRow {
  id: string;
  email: string;
}

interface BranchRow {
  id: string;
  union: string;
  union_other: string | null;
  name: string;
  code: string | null;
  union_key: string;
  normalised_name: string;
  normalised_code: string | null;
}

/**
 * Data only, no schema change: rewrites stored comparison forms with the
 * rules of this release (issue 10, defect 7). Emails become NFC (so an NFD
 * spelling finds the same account); branches' union keys, names and codes
 * become the look-alike-proof forms of src/branches/normalise.ts.
 *
 * Rows that made two records of one thing before (two accounts for NFC and NFD
 * spellings, two branches of look-alike names) cannot be merged here: the
 * oldest takes the new form, the others keep theirs (an account) or get a form
 * no registration can produce (a branch, suffixed with its id), and their ids
 * are logged for an admin to resolve. Nothing personal is logged.
 *
 * It uses the app's normalisers, so it applies whatever rules they hold when
 * it first runs on a database; a later change of rules needs its own backfill.
 */
export class NormaliseLookalikes1796608081948 implements MigrationInterface {
  name = 'NormaliseLookalikes1796608081948';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const logger = new Logger('Migration');
    const kept = await this.normaliseEmails(queryRunner);
    if (kept.length) logger.warn(`Accounts left with an unnormalised email because another account has its normal form (resolve by hand): ${kept.join(', ')}`);
    const suffixed = await this.normaliseBranches(queryRunner);
    if (suffixed.length) logger.warn(`Branches that look like an older branch of the same union (resolve by hand): ${suffixed.join(', ')}`);
  }

  public async down(): Promise<void> {
    // The earlier forms are not kept; the earlier rules still find every row this one wrote.
  }

  private async normaliseEmails(queryRunner: QueryRunner): Promise<string[]> {
    const users: UserRow[] = await queryRunner.query(`SELECT id, email FROM users ORDER BY created_at, id`);
    const taken = new Set(users.filter((u) => normaliseEmail(u.email) === u.email).map((u) => u.email));
    const kept: string[] = [];
    for (const user of users) {
      const email = normaliseEmail(user.email);
      if (email === user.email) continue;
      if (taken.has(email)) {
        kept.push(user.id);
        continue;
      }
      taken.add(email);
      await queryRunner.query(`UPDATE users SET email = $2 WHERE id = $1`, [user.id, email]);
    }
    // An open hand-over compares its invitee with the account's address.
    const invitees: { id: string; invitee_email: string }[] = await queryRunner.query(
      `SELECT id, invitee_email FROM branch_handovers WHERE accepted_at IS NULL AND cancelled_at IS NULL`,
    );
    for (const h of invitees) {
      const email = normaliseEmail(h.invitee_email);
      if (email !== h.invitee_email) await queryRunner.query(`UPDATE branch_handovers SET invitee_email = $2 WHERE id = $1`, [h.id, email]);
    }
    return kept;
  }

  private async normaliseBranches(queryRunner: QueryRunner): Promise<string[]> {
    const rows: BranchRow[] = await queryRunner.query(
      `SELECT id, "union", union_other, name, code, union_key, normalised_name, normalised_code FROM branches ORDER BY created_at, id`,
    );
    const names = new Set<string>();
    const codes = new Set<string>();
    const suffixed: string[] = [];
    const changed: (BranchRow & { next: { unionKey: string; name: string; code: string | null } })[] = [];
    for (const row of rows) {
      const unionKey = unionKeyOf(row.union, row.union_other);
      let name = normaliseBranchName(row.name);
      let code = normaliseBranchCode(row.code);
      // "~" never appears in a normalised form, so a suffixed one matches no new registration.
      if (names.has(`${unionKey}\n${name}`)) name = `${name.slice(0, 140)}~${row.id.slice(0, 8)}`;
      if (code && codes.has(`${unionKey}\n${code}`)) code = `${code.slice(0, 30)}~${row.id.slice(0, 8)}`;
      if (name.includes('~') || code?.includes('~')) suffixed.push(row.id);
      names.add(`${unionKey}\n${name}`);
      if (code) codes.add(`${unionKey}\n${code}`);
      if (unionKey !== row.union_key || name !== row.normalised_name || code !== row.normalised_code) {
        changed.push({ ...row, next: { unionKey, name, code } });
      }
    }
    if (!changed.length) return suffixed;
    // Unique indexes are checked row by row: clear the changed rows first (an id is
    // never a normalised name), so no row meets another's old value on the way.
    await queryRunner.query(`UPDATE branches SET normalised_name = id::text, normalised_code = NULL WHERE id = ANY($1::uuid[])`, [changed.map((r) => r.id)]);
    for (const row of changed) {
      await queryRunner.query(`UPDATE branches SET union_key = $2, normalised_name = $3, normalised_code = $4 WHERE id = $1`, [
        row.id,
        row.next.unionKey,
        row.next.name,
        row.next.code,
      ]);
    }
    return suffixed;
  }
}
