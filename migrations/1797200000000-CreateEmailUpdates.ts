import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Email updates (issue 17): what an admin wrote and to whom it goes, one
 * delivery row per recipient (deduplicated by address across audiences, the
 * unsubscribe token stored as a hash once the email is queued), and a branch
 * secretary's choice to receive them, on the account.
 */
export class CreateEmailUpdates1797200000000 implements MigrationInterface {
  name = 'CreateEmailUpdates1797200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "email_updates" boolean NOT NULL DEFAULT true`);
    await queryRunner.query(`
      CREATE TABLE "email_updates" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "subject" character varying(150) NOT NULL,
        "body" text NOT NULL,
        "audiences" character varying(16) array NOT NULL,
        "created_by" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "recipient_count" integer NOT NULL,
        "sent_count" integer NOT NULL DEFAULT 0,
        "completed_at" TIMESTAMP WITH TIME ZONE,
        "batch_job_id" uuid,
        "request_key" uuid,
        CONSTRAINT "uq_email_updates_request_key" UNIQUE ("request_key"),
        CONSTRAINT "ck_email_updates_counts" CHECK ("sent_count" >= 0 AND "sent_count" <= "recipient_count"),
        CONSTRAINT "pk_email_updates" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`CREATE INDEX "ix_email_updates_created_by" ON "email_updates" ("created_by")`);
    await queryRunner.query(`CREATE INDEX "ix_email_updates_created_at" ON "email_updates" ("created_at")`);
    await queryRunner.query(`
      ALTER TABLE "email_updates"
      ADD CONSTRAINT "fk_email_updates_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION
    `);
    await queryRunner.query(`
      CREATE TABLE "email_update_deliveries" (
        "id" BIGSERIAL NOT NULL,
        "update_id" uuid NOT NULL,
        "audience" character varying(16) NOT NULL,
        "ref" character varying(64) NOT NULL,
        "email" character varying(254),
        "name" character varying(120),
        "token_hash" character(64),
        "sent_at" TIMESTAMP WITH TIME ZONE,
        "unsubscribed_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "uq_email_update_deliveries_update_email" UNIQUE ("update_id", "email"),
        CONSTRAINT "uq_email_update_deliveries_token_hash" UNIQUE ("token_hash"),
        CONSTRAINT "ck_email_update_deliveries_audience" CHECK ("audience" IN ('supporters', 'branches')),
        CONSTRAINT "ck_email_update_deliveries_sent" CHECK (("sent_at" IS NULL) = ("token_hash" IS NULL)),
        CONSTRAINT "pk_email_update_deliveries" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`CREATE INDEX "ix_email_update_deliveries_sent_at" ON "email_update_deliveries" ("sent_at")`);
    await queryRunner.query(`
      ALTER TABLE "email_update_deliveries"
      ADD CONSTRAINT "fk_email_update_deliveries_update" FOREIGN KEY ("update_id") REFERENCES "email_updates"("id") ON DELETE CASCADE ON UPDATE NO ACTION
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "email_update_deliveries" DROP CONSTRAINT "fk_email_update_deliveries_update"`);
    await queryRunner.query(`DROP INDEX "public"."ix_email_update_deliveries_sent_at"`);
    await queryRunner.query(`DROP TABLE "email_update_deliveries"`);
    await queryRunner.query(`ALTER TABLE "email_updates" DROP CONSTRAINT "fk_email_updates_created_by"`);
    await queryRunner.query(`DROP INDEX "public"."ix_email_updates_created_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_email_updates_created_by"`);
    await queryRunner.query(`DROP TABLE "email_updates"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "email_updates"`);
  }
}
