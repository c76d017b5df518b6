import { MigrationInterface, QueryRunner } from "typeorm";

export class AddSignedLetters1796616704890 implements MigrationInterface {
    name = 'AddSignedLetters1796616704890'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "signed_letters" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "branch_id" uuid NOT NULL,
                "affiliation_year" integer NOT NULL,
                "media_type" character varying(40) NOT NULL,
                "size_bytes" integer NOT NULL,
                "sha256" character(64) NOT NULL,
                "file_name" character varying(120),
                "content" bytea NOT NULL,
                "uploaded_by" uuid,
                "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "uq_signed_letters_branch_year" UNIQUE ("branch_id", "affiliation_year"),
                CONSTRAINT "ck_signed_letters_size_bytes" CHECK (
                    "size_bytes" > 0
                    AND "size_bytes" = octet_length("content")
                ),
                CONSTRAINT "ck_signed_letters_media_type" CHECK (
                    "media_type" IN ('application/pdf', 'image/jpeg', 'image/png')
                ),
                CONSTRAINT "pk_signed_letters" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_signed_letters_uploaded_by" ON "signed_letters" ("uploaded_by")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_signed_letters_affiliation_year" ON "signed_letters" ("affiliation_year")
        `);
        await queryRunner.query(`
            ALTER TABLE "signed_letters"
            ADD CONSTRAINT "fk_signed_letters_branch" FOREIGN KEY ("branch_id") REFERENCES "branches"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "signed_letters"
            ADD CONSTRAINT "fk_signed_letters_uploaded_by" FOREIGN KEY ("uploaded_by") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "signed_letters" DROP CONSTRAINT "fk_signed_letters_uploaded_by"
        `);
        await queryRunner.query(`
            ALTER TABLE "signed_letters" DROP CONSTRAINT "fk_signed_letters_branch"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_signed_letters_affiliation_year"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_signed_letters_uploaded_by"
        `);
        await queryRunner.query(`
            DROP TABLE "signed_letters"
        `);
    }

}
