import { MigrationInterface, QueryRunner } from "typeorm";

export class CreateLetterReplies1797300000100 implements MigrationInterface {
    name = 'CreateLetterReplies1797300000100'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "letter_follow_ups" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "kind" character varying(32) NOT NULL,
                "area" character varying(120),
                "email" character varying(254),
                "written_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "sent_at" TIMESTAMP WITH TIME ZONE,
                "token_hash" character(64),
                "answer" character varying(16),
                "answered_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "ck_letter_follow_ups_kind" CHECK ("kind" IN ('mp', 'councillor', 'pcc', 'home-affairs-committee', 'home-office')),
                CONSTRAINT "ck_letter_follow_ups_answer" CHECK ("answer" IN ('replied', 'unsatisfactory', 'no-reply')),
                CONSTRAINT "pk_letter_follow_ups" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_letter_follow_ups_due_at" ON "letter_follow_ups" ("due_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_letter_follow_ups_written_at" ON "letter_follow_ups" ("written_at")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_letter_follow_ups_token_hash" ON "letter_follow_ups" ("token_hash")
        `);
        // One questionnaire waiting per address and kind of recipient, whatever the address's case
        // (not expressible as an entity index): letters written again do not multiply the emails.
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_letter_follow_ups_pending" ON "letter_follow_ups" (lower("email"), "kind") WHERE "sent_at" IS NULL AND "email" IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE TABLE "letter_replies" (
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "kind" character varying(32) NOT NULL,
                "representative_name" character varying(120) NOT NULL,
                "area" character varying(120),
                "police_area_key" character varying(64),
                "received_on" date NOT NULL,
                "stance" character varying(16) NOT NULL,
                "summary" text,
                "email" character varying(254),
                "status" character varying(16) NOT NULL DEFAULT 'pending',
                "published_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "ck_letter_replies_kind" CHECK ("kind" IN ('mp', 'councillor', 'pcc', 'home-affairs-committee', 'home-office')),
                CONSTRAINT "ck_letter_replies_stance" CHECK ("stance" IN ('supportive', 'noncommittal', 'unsupportive')),
                CONSTRAINT "ck_letter_replies_status" CHECK ("status" IN ('pending', 'published', 'hidden')),
                CONSTRAINT "pk_letter_replies" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_letter_replies_status_created_at" ON "letter_replies" ("status", "created_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_letter_replies_police_area_key" ON "letter_replies" ("police_area_key")
        `);
        await queryRunner.query(`
            ALTER TABLE "letter_replies"
            ADD CONSTRAINT "fk_letter_replies_police_area" FOREIGN KEY ("police_area_key") REFERENCES "police_areas"("key") ON DELETE SET NULL ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "letter_replies" DROP CONSTRAINT "fk_letter_replies_police_area"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_letter_replies_police_area_key"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_letter_replies_status_created_at"
        `);
        await queryRunner.query(`
            DROP TABLE "letter_replies"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_letter_follow_ups_pending"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_letter_follow_ups_token_hash"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_letter_follow_ups_written_at"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_letter_follow_ups_due_at"
        `);
        await queryRunner.query(`
            DROP TABLE "letter_follow_ups"
        `);
    }

}
