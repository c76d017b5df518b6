import { MigrationInterface, QueryRunner } from "typeorm";

export class CreateBranchDocumentDownloads1795268558623 implements MigrationInterface {
    name = 'CreateBranchDocumentDownloads1795268558623'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "branch_document_downloads" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "branch_id" uuid NOT NULL,
                "kind" character varying(40) NOT NULL,
                "version" integer NOT NULL,
                "user_id" uuid,
                "downloaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_branch_document_downloads" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_branch_document_downloads_branch_downloaded_at" ON "branch_document_downloads" ("branch_id", "downloaded_at")
        `);
        await queryRunner.query(`
            ALTER TABLE "branch_document_downloads"
            ADD CONSTRAINT "fk_branch_document_downloads_branch" FOREIGN KEY ("branch_id") REFERENCES "branches"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "branch_document_downloads"
            ADD CONSTRAINT "fk_branch_document_downloads_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "branch_document_downloads" DROP CONSTRAINT "fk_branch_document_downloads_user"
        `);
        await queryRunner.query(`
            ALTER TABLE "branch_document_downloads" DROP CONSTRAINT "fk_branch_document_downloads_branch"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_branch_document_downloads_branch_downloaded_at"
        `);
        await queryRunner.query(`
            DROP TABLE "branch_document_downloads"
        `);
    }

}
