import { MigrationInterface, QueryRunner } from "typeorm";

export class StatusChecksAndRenewalDue1796610456639 implements MigrationInterface {
    name = 'StatusChecksAndRenewalDue1796610456639'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // Renewals used to be raised already approved. One whose invoice is still
        // unpaid is now what the lifecycle calls a renewal waiting for payment.
        await queryRunner.query(`
            WITH unpaid_renewals AS (
                SELECT a.id FROM "affiliations" a
                 WHERE a."status" = 'approved'
                   AND EXISTS (SELECT 1 FROM "affiliation_status_changes" c WHERE c."affiliation_id" = a."id" AND c."action" = 'renew')
                   AND NOT EXISTS (SELECT 1 FROM "affiliation_status_changes" c WHERE c."affiliation_id" = a."id" AND c."action" <> 'renew')
                   AND EXISTS (SELECT 1 FROM "invoices" i WHERE i."affiliation_id" = a."id" AND i."paid_at" IS NULL)
            ), changed AS (
                UPDATE "affiliations" SET "status" = 'renewal_due', "approved_at" = NULL, "submitted_at" = NULL
                 WHERE "id" IN (SELECT "id" FROM unpaid_renewals)
                RETURNING "id"
            )
            UPDATE "affiliation_status_changes" SET "to_status" = 'renewal_due'
             WHERE "action" = 'renew' AND "affiliation_id" IN (SELECT "id" FROM changed)
        `);
        await queryRunner.query(`
            ALTER TABLE "users"
            ADD CONSTRAINT "ck_users_role" CHECK ("role" IN ('secretary', 'admin'))
        `);
        await queryRunner.query(`
            ALTER TABLE "affiliations"
            ADD CONSTRAINT "ck_affiliations_status" CHECK (
                    "status" IN (
                        'draft',
                        'submitted',
                        'changes_requested',
                        'approved',
                        'renewal_due',
                        'rejected',
                        'lapsed',
                        'suspended',
                        'withdrawn'
                    )
                )
        `);
        await queryRunner.query(`
            ALTER TABLE "affiliation_status_changes"
            ADD CONSTRAINT "ck_affiliation_status_changes_action" CHECK (
                    "action" IN (
                        'create',
                        'renew',
                        'submit',
                        'approve',
                        'reject',
                        'request_changes',
                        'resubmit',
                        'edit_facts',
                        'lapse',
                        'suspend',
                        'reinstate',
                        'mark_paid',
                        'withdraw'
                    )
                )
        `);
        await queryRunner.query(`
            ALTER TABLE "affiliation_status_changes"
            ADD CONSTRAINT "ck_affiliation_status_changes_to_status" CHECK (
                    "to_status" IN (
                        'draft',
                        'submitted',
                        'changes_requested',
                        'approved',
                        'renewal_due',
                        'rejected',
                        'lapsed',
                        'suspended',
                        'withdrawn'
                    )
                )
        `);
        await queryRunner.query(`
            ALTER TABLE "affiliation_status_changes"
            ADD CONSTRAINT "ck_affiliation_status_changes_from_status" CHECK (
                    "from_status" IS NULL
                    OR "from_status" IN (
                        'draft',
                        'submitted',
                        'changes_requested',
                        'approved',
                        'renewal_due',
                        'rejected',
                        'lapsed',
                        'suspended',
                        'withdrawn'
                    )
                )
        `);
        await queryRunner.query(`
            ALTER TABLE "branch_claims"
            ADD CONSTRAINT "ck_branch_claims_status" CHECK ("status" IN ('pending', 'approved', 'declined'))
        `);
        await queryRunner.query(`
            ALTER TABLE "fee_bands"
            ADD CONSTRAINT "ck_fee_bands_amount_pence" CHECK ("amount_pence" >= 0)
        `);
        await queryRunner.query(`
            ALTER TABLE "fee_bands"
            ADD CONSTRAINT "ck_fee_bands_min_members" CHECK ("min_members" >= 1)
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "fee_bands" DROP CONSTRAINT "ck_fee_bands_min_members"
        `);
        await queryRunner.query(`
            ALTER TABLE "fee_bands" DROP CONSTRAINT "ck_fee_bands_amount_pence"
        `);
        await queryRunner.query(`
            ALTER TABLE "branch_claims" DROP CONSTRAINT "ck_branch_claims_status"
        `);
        await queryRunner.query(`
            ALTER TABLE "affiliation_status_changes" DROP CONSTRAINT "ck_affiliation_status_changes_from_status"
        `);
        await queryRunner.query(`
            ALTER TABLE "affiliation_status_changes" DROP CONSTRAINT "ck_affiliation_status_changes_to_status"
        `);
        await queryRunner.query(`
            ALTER TABLE "affiliation_status_changes" DROP CONSTRAINT "ck_affiliation_status_changes_action"
        `);
        await queryRunner.query(`
            ALTER TABLE "affiliations" DROP CONSTRAINT "ck_affiliations_status"
        `);
        await queryRunner.query(`
            ALTER TABLE "users" DROP CONSTRAINT "ck_users_role"
        `);
        await queryRunner.query(`
            UPDATE "affiliation_status_changes" SET "to_status" = 'approved' WHERE "action" = 'renew' AND "to_status" = 'renewal_due'
        `);
        await queryRunner.query(`
            UPDATE "affiliations" SET "status" = 'approved', "approved_at" = "created_at", "submitted_at" = "created_at" WHERE "status" = 'renewal_due'
        `);
    }

}
