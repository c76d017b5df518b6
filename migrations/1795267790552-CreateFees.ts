import { MigrationInterface, QueryRunner } from "typeorm";

export class CreateFees1795267790552 implements MigrationInterface {
    name = 'CreateFees1795267790552'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "invoice_sequences" (
                "year" integer NOT NULL,
                "last_number" integer NOT NULL,
                CONSTRAINT "pk_invoice_sequences" PRIMARY KEY ("year")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "invoices" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "affiliation_id" uuid NOT NULL,
                "branch_id" uuid NOT NULL,
                "reference" character varying(32) NOT NULL,
                "affiliation_year" integer NOT NULL,
                "amount_pence" integer NOT NULL,
                "band_label" character varying(120) NOT NULL,
                "issued_on" date NOT NULL,
                "due_on" date NOT NULL,
                "paid_at" TIMESTAMP WITH TIME ZONE,
                "overdue_at" TIMESTAMP WITH TIME ZONE,
                "lapsed_at" TIMESTAMP WITH TIME ZONE,
                "amount_agreed_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_invoices_reference" UNIQUE ("reference"),
                CONSTRAINT "uq_invoices_affiliation" UNIQUE ("affiliation_id"),
                CONSTRAINT "ck_invoices_amount_pence" CHECK ("amount_pence" >= 0),
                CONSTRAINT "pk_invoices" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_invoices_due_on" ON "invoices" ("due_on")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_invoices_branch_issued" ON "invoices" ("branch_id", "issued_on")
        `);
        await queryRunner.query(`
            CREATE TABLE "payments" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "invoice_id" uuid NOT NULL,
                "branch_id" uuid NOT NULL,
                "amount_pence" integer NOT NULL,
                "received_on" date NOT NULL,
                "method" character varying(16) NOT NULL,
                "bank_reference" character varying(140) NOT NULL,
                "note" text,
                "reverses_payment_id" uuid,
                "source" character varying(16) NOT NULL DEFAULT 'manual',
                "recorded_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_payments_reverses" UNIQUE ("reverses_payment_id"),
                CONSTRAINT "uq_payments_natural_key" UNIQUE (
                    "invoice_id",
                    "amount_pence",
                    "received_on",
                    "method",
                    "bank_reference"
                ),
                CONSTRAINT "ck_payments_sign" CHECK (
                    (
                        "reverses_payment_id" IS NULL
                        AND "amount_pence" > 0
                    )
                    OR (
                        "reverses_payment_id" IS NOT NULL
                        AND "amount_pence" < 0
                    )
                ),
                CONSTRAINT "ck_payments_method" CHECK (
                    "method" IN ('bank_transfer', 'cheque', 'card', 'cash')
                ),
                CONSTRAINT "pk_payments" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_payments_received_on" ON "payments" ("received_on")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_payments_branch" ON "payments" ("branch_id", "received_on")
        `);
        await queryRunner.query(`
            ALTER TABLE "invoices"
            ADD CONSTRAINT "fk_invoices_affiliation" FOREIGN KEY ("affiliation_id") REFERENCES "affiliations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "invoices"
            ADD CONSTRAINT "fk_invoices_branch" FOREIGN KEY ("branch_id") REFERENCES "branches"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "payments"
            ADD CONSTRAINT "fk_payments_invoice" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "payments"
            ADD CONSTRAINT "fk_payments_branch" FOREIGN KEY ("branch_id") REFERENCES "branches"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "payments"
            ADD CONSTRAINT "fk_payments_reverses" FOREIGN KEY ("reverses_payment_id") REFERENCES "payments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        // The payments ledger is append-only: corrections are reversing entries, never edits.
        await queryRunner.query(`
            CREATE FUNCTION "payments_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'payments is an append-only ledger: % is not allowed; record a reversing entry instead', TG_OP
                    USING ERRCODE = 'restrict_violation';
            END
            $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER "trg_payments_append_only" BEFORE UPDATE OR DELETE ON "payments"
            FOR EACH ROW EXECUTE FUNCTION "payments_append_only"()
        `);
        await queryRunner.query(`
            CREATE TRIGGER "trg_payments_no_truncate" BEFORE TRUNCATE ON "payments"
            FOR EACH STATEMENT EXECUTE FUNCTION "payments_append_only"()
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP TRIGGER "trg_payments_no_truncate" ON "payments"
        `);
        await queryRunner.query(`
            DROP TRIGGER "trg_payments_append_only" ON "payments"
        `);
        await queryRunner.query(`
            DROP FUNCTION "payments_append_only"()
        `);
        await queryRunner.query(`
            ALTER TABLE "payments" DROP CONSTRAINT "fk_payments_reverses"
        `);
        await queryRunner.query(`
            ALTER TABLE "payments" DROP CONSTRAINT "fk_payments_branch"
        `);
        await queryRunner.query(`
            ALTER TABLE "payments" DROP CONSTRAINT "fk_payments_invoice"
        `);
        await queryRunner.query(`
            ALTER TABLE "invoices" DROP CONSTRAINT "fk_invoices_branch"
        `);
        await queryRunner.query(`
            ALTER TABLE "invoices" DROP CONSTRAINT "fk_invoices_affiliation"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_payments_branch"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_payments_received_on"
        `);
        await queryRunner.query(`
            DROP TABLE "payments"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_invoices_branch_issued"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_invoices_due_on"
        `);
        await queryRunner.query(`
            DROP TABLE "invoices"
        `);
        await queryRunner.query(`
            DROP TABLE "invoice_sequences"
        `);
    }

}
