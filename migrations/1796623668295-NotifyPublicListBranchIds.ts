import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The public list's notifications name the branch that changed (issue 16):
 * with 20,000 listed branches, reading the whole list again after each change
 * cost a few hundred milliseconds, while reading the one branch a change
 * concerns costs about one. The triggers on branches and affiliations become
 * row-level and send the branch's id as the payload of NOTIFY
 * public_list_changed (PostgreSQL folds identical notifications of one
 * transaction, so a branch changed several times is named once). TRUNCATE
 * still sends an empty payload, which means "any branch". An instance that
 * ignores payloads rebuilds the whole list on each, as before.
 */
export class NotifyPublicListBranchIds1796623668295 implements MigrationInterface {
  name = 'NotifyPublicListBranchIds1796623668295';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION "fn_public_list_branch_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'branches' THEN
          IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('public_list_changed', OLD.id::text); END IF;
          IF TG_OP <> 'DELETE' THEN PERFORM pg_notify('public_list_changed', NEW.id::text); END IF;
        ELSE
          IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('public_list_changed', OLD.branch_id::text); END IF;
          IF TG_OP <> 'DELETE' THEN PERFORM pg_notify('public_list_changed', NEW.branch_id::text); END IF;
        END IF;
        RETURN NULL;
      END
      $$
    `);
    await queryRunner.query(`DROP TRIGGER "tr_branches_public_list_changed" ON "branches"`);
    await queryRunner.query(`
      CREATE TRIGGER "tr_branches_public_list_changed"
      AFTER INSERT OR DELETE OR UPDATE OF "public_name", "union", "union_other", "union_key", "region",
        "list_publicly", "list_consent_at", "list_consent_withdrawn_at"
      ON "branches" FOR EACH ROW EXECUTE FUNCTION "fn_public_list_branch_changed"()
    `);
    await queryRunner.query(`DROP TRIGGER "tr_affiliations_public_list_changed" ON "affiliations"`);
    await queryRunner.query(`
      CREATE TRIGGER "tr_affiliations_public_list_changed"
      AFTER INSERT OR DELETE OR UPDATE OF "branch_id", "affiliation_year", "status", "endorses_statement", "approved_at"
      ON "affiliations" FOR EACH ROW EXECUTE FUNCTION "fn_public_list_branch_changed"()
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "tr_affiliations_public_list_changed" ON "affiliations"`);
    await queryRunner.query(`
      CREATE TRIGGER "tr_affiliations_public_list_changed"
      AFTER INSERT OR DELETE OR UPDATE OF "branch_id", "affiliation_year", "status", "endorses_statement", "approved_at"
      ON "affiliations" FOR EACH STATEMENT EXECUTE FUNCTION "fn_public_list_changed"()
    `);
    await queryRunner.query(`DROP TRIGGER "tr_branches_public_list_changed" ON "branches"`);
    await queryRunner.query(`
      CREATE TRIGGER "tr_branches_public_list_changed"
      AFTER INSERT OR DELETE OR UPDATE OF "public_name", "union", "union_other", "union_key", "region",
        "list_publicly", "list_consent_at", "list_consent_withdrawn_at"
      ON "branches" FOR EACH STATEMENT EXECUTE FUNCTION "fn_public_list_changed"()
    `);
    await queryRunner.query(`DROP FUNCTION "fn_public_list_branch_changed"()`);
  }
}
