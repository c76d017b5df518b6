import { MigrationInterface, QueryRunner } from "typeorm";

export class CreateStatementSignatures1797100000000 implements MigrationInterface {
    name = 'CreateStatementSignatures1797100000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "statement_signatures" (
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" character varying(120) NOT NULL,
                "email" character varying(254) NOT NULL,
                "town" character varying(80),
                "organisation" character varying(120),
                "show_name" boolean NOT NULL DEFAULT false,
                "updates" boolean NOT NULL DEFAULT false,
                "message" text,
                "message_public" boolean NOT NULL DEFAULT false,
                "message_status" character varying(16) NOT NULL DEFAULT 'pending',
                "message_published_at" TIMESTAMP WITH TIME ZONE,
                "confirmed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "ck_statement_signatures_message_status" CHECK (
                    "message_status" IN ('pending', 'published', 'hidden')
                ),
                CONSTRAINT "pk_statement_signatures" PRIMARY KEY ("id")
            )
        `);
        // One signature per address, whatever its case (not expressible as an entity index).
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_statement_signatures_email" ON "statement_signatures" (lower("email"))
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_statement_signatures_confirmed_at" ON "statement_signatures" ("confirmed_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_statement_signatures_created_at" ON "statement_signatures" ("created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "statement_tokens" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "signature_id" uuid NOT NULL,
                "purpose" character varying(16) NOT NULL,
                "token_hash" character(64) NOT NULL,
                "choices" jsonb,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_statement_tokens_purpose" CHECK (
                    "purpose" IN ('confirm', 'withdraw', 'data')
                ),
                CONSTRAINT "pk_statement_tokens" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_statement_tokens_signature_id" ON "statement_tokens" ("signature_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_statement_tokens_token_hash" ON "statement_tokens" ("token_hash")
        `);
        await queryRunner.query(`
            ALTER TABLE "statement_tokens"
            ADD CONSTRAINT "fk_statement_tokens_signature" FOREIGN KEY ("signature_id") REFERENCES "statement_signatures"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "statement_tokens" DROP CONSTRAINT "fk_statement_tokens_signature"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_statement_tokens_token_hash"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_statement_tokens_signature_id"
        `);
        await queryRunner.query(`
            DROP TABLE "statement_tokens"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_statement_signatures_created_at"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_statement_signatures_confirmed_at"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_statement_signatures_email"
        `);
        await queryRunner.query(`
            DROP TABLE "statement_signatures"
        `);
    }

}
