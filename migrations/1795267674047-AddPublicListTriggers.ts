import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tells every app instance when the public list may have changed: a
 * statement-level trigger on branches and affiliations sends
 * NOTIFY public_list_changed (one per transaction, as PostgreSQL folds
 * identical notifications), and each instance rebuilds its in-memory list.
 * Only the columns the public list depends on fire it. TypeORM does not track
 * functions or triggers, so they leave the entities untouched.
 */
export class AddPublicListTriggers1795267674047 implements MigrationInterface {
  name = 'AddPublicListTriggers1795267674047';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION "fn_public_list_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('public_list_changed', '');
        RETURN NULL;
      END
      $$
    `);
    await queryRunner.query(`
      CREATE TRIGGER "tr_branches_public_list_changed"
      AFTER INSERT OR DELETE OR UPDATE OF "public_name", "union", "union_other", "union_key", "region",
        "list_publicly", "list_consent_at", "list_consent_withdrawn_at"
      ON "branches" FOR EACH STATEMENT EXECUTE FUNCTION "fn_public_list_changed"()
    `);
    await queryRunner.query(`
      CREATE TRIGGER "tr_branches_public_list_truncated"
      AFTER TRUNCATE ON "branches" FOR EACH STATEMENT EXECUTE FUNCTION "fn_public_list_changed"()
    `);
    await queryRunner.query(`
      CREATE TRIGGER "tr_affiliations_public_list_changed"
      AFTER INSERT OR DELETE OR UPDATE OF "branch_id", "affiliation_year", "status", "endorses_statement", "approved_at"
      ON "affiliations" FOR EACH STATEMENT EXECUTE FUNCTION "fn_public_list_changed"()
    `);
    await queryRunner.query(`
      CREATE TRIGGER "tr_affiliations_public_list_truncated"
      AFTER TRUNCATE ON "affiliations" FOR EACH STATEMENT EXECUTE FUNCTION "fn_public_list_changed"()
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "tr_affiliations_public_list_truncated" ON "affiliations"`);
    await queryRunner.query(`DROP TRIGGER "tr_affiliations_public_list_changed" ON "affiliations"`);
    await queryRunner.query(`DROP TRIGGER "tr_branches_public_list_truncated" ON "branches"`);
    await queryRunner.query(`DROP TRIGGER "tr_branches_public_list_changed" ON "branches"`);
    await queryRunner.query(`DROP FUNCTION "fn_public_list_changed"()`);
  }
}
