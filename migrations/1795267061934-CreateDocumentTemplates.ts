import { MigrationInterface, QueryRunner } from "typeorm";

export class CreateDocumentTemplates1795267061934 implements MigrationInterface {
    name = 'CreateDocumentTemplates1795267061934'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "document_downloads" (
                "kind" character varying(40) NOT NULL,
                "variant" character varying(16) NOT NULL,
                "day" date NOT NULL,
                "count" integer NOT NULL DEFAULT '0',
                CONSTRAINT "ck_document_downloads_count" CHECK ("count" >= 0),
                CONSTRAINT "ck_document_downloads_variant" CHECK ("variant" IN ('generic', 'personalised')),
                CONSTRAINT "pk_document_downloads" PRIMARY KEY ("kind", "variant", "day")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "document_template_versions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "kind" character varying(40) NOT NULL,
                "version" integer NOT NULL,
                "title" character varying(200) NOT NULL,
                "body" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_by" uuid,
                CONSTRAINT "uq_document_template_versions_kind_version" UNIQUE ("kind", "version"),
                CONSTRAINT "ck_document_template_versions_version" CHECK ("version" >= 1),
                CONSTRAINT "pk_document_template_versions" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "document_template_versions"
            ADD CONSTRAINT "fk_document_template_versions_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "document_template_versions" DROP CONSTRAINT "fk_document_template_versions_created_by"
        `);
        await queryRunner.query(`
            DROP TABLE "document_template_versions"
        `);
        await queryRunner.query(`
            DROP TABLE "document_downloads"
        `);
    }

}
