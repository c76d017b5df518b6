import { MigrationInterface, QueryRunner } from "typeorm";

export class AddInvoiceReminders1796619095617 implements MigrationInterface {
    name = 'AddInvoiceReminders1796619095617'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "invoice_reminders" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "invoice_id" uuid NOT NULL,
                "kind" character varying(16) NOT NULL,
                "reminded_by" uuid,
                "reminded_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "ck_invoice_reminders_kind" CHECK ("kind" IN ('manual', 'automatic')),
                CONSTRAINT "pk_invoice_reminders" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_invoice_reminders_invoice_reminded_at" ON "invoice_reminders" ("invoice_id", "reminded_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_invoices_unpaid_due_on" ON "invoices" ("due_on")
            WHERE "paid_at" IS NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "invoice_reminders"
            ADD CONSTRAINT "fk_invoice_reminders_invoice" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        // Until now the overdue rule emailed a reminder (to the secretary, if the branch had one) with every invoice it marked
        // overdue, and audited it: those count as the invoices' last reminders.
        await queryRunner.query(`
            INSERT INTO "invoice_reminders" ("invoice_id", "kind", "reminded_at")
            SELECT i."id", 'automatic', e."created_at"
              FROM "audit_events" e
              JOIN "invoices" i ON i."id"::text = e."subject_id"
             WHERE e."action" = 'invoice.overdue' AND e."subject_type" = 'invoice'
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "invoice_reminders" DROP CONSTRAINT "fk_invoice_reminders_invoice"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_invoices_unpaid_due_on"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_invoice_reminders_invoice_reminded_at"
        `);
        await queryRunner.query(`
            DROP TABLE "invoice_reminders"
        `);
    }
}
