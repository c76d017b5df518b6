import { MigrationInterface, QueryRunner } from "typeorm";

export class CreateBranches1795267120581 implements MigrationInterface {
    name = 'CreateBranches1795267120581'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "branches" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "union" character varying(32) NOT NULL,
                "union_other" character varying(120),
                "union_key" character varying(160) NOT NULL,
                "name" character varying(150) NOT NULL,
                "normalised_name" character varying(150) NOT NULL,
                "code" character varying(40),
                "normalised_code" character varying(40),
                "region" character varying(32) NOT NULL,
                "membership_size" integer NOT NULL,
                "regional_body" boolean NOT NULL DEFAULT false,
                "public_name" character varying(200) NOT NULL,
                "list_publicly" boolean NOT NULL DEFAULT false,
                "list_consent_at" TIMESTAMP WITH TIME ZONE,
                "list_consent_wording" text,
                "list_consent_withdrawn_at" TIMESTAMP WITH TIME ZONE,
                "address" text,
                "secretary_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_branches" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_branches_region" ON "branches" ("region")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_branches_union_region" ON "branches" ("union", "region")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_branches_public_name" ON "branches" ("public_name")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_branches_secretary" ON "branches" ("secretary_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_branches_union_normalised_code" ON "branches" ("union_key", "normalised_code")
            WHERE "normalised_code" IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_branches_union_normalised_name" ON "branches" ("union_key", "normalised_name")
        `);
        await queryRunner.query(`
            CREATE TABLE "admin_notes" (
                "id" BIGSERIAL NOT NULL,
                "branch_id" uuid NOT NULL,
                "author_id" uuid,
                "body" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_admin_notes" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_admin_notes_branch" ON "admin_notes" ("branch_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "fee_bands" (
                "id" SERIAL NOT NULL,
                "label" character varying(120) NOT NULL,
                "min_members" integer NOT NULL,
                "max_members" integer,
                "amount_pence" integer NOT NULL,
                "for_regional_bodies" boolean NOT NULL DEFAULT false,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_fee_bands_min_members" UNIQUE ("min_members"),
                CONSTRAINT "pk_fee_bands" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "affiliations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "branch_id" uuid NOT NULL,
                "affiliation_year" integer NOT NULL,
                "status" character varying(24) NOT NULL DEFAULT 'draft',
                "motion_passed_on" date NOT NULL,
                "endorses_statement" boolean NOT NULL,
                "membership_size" integer NOT NULL,
                "fee_band_id" integer,
                "fee_band_label" character varying(120) NOT NULL,
                "fee_pence" integer NOT NULL,
                "pay_what_you_can" boolean NOT NULL DEFAULT false,
                "pay_what_you_can_note" text,
                "pay_what_you_can_agreed_at" TIMESTAMP WITH TIME ZONE,
                "submitted_at" TIMESTAMP WITH TIME ZONE,
                "approved_at" TIMESTAMP WITH TIME ZONE,
                "admin_message" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_affiliations_branch_year" UNIQUE ("branch_id", "affiliation_year"),
                CONSTRAINT "ck_affiliations_fee_pence" CHECK ("fee_pence" >= 0),
                CONSTRAINT "pk_affiliations" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_affiliations_submitted_at" ON "affiliations" ("submitted_at", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_affiliations_status_submitted_at" ON "affiliations" ("status", "submitted_at", "id")
        `);
        await queryRunner.query(`
            CREATE TABLE "affiliation_status_changes" (
                "id" BIGSERIAL NOT NULL,
                "affiliation_id" uuid NOT NULL,
                "from_status" character varying(24),
                "to_status" character varying(24) NOT NULL,
                "action" character varying(32) NOT NULL,
                "actor_id" uuid,
                "actor_role" character varying(16),
                "message" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_affiliation_status_changes" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_affiliation_status_changes_affiliation" ON "affiliation_status_changes" ("affiliation_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "branch_claims" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "branch_id" uuid NOT NULL,
                "requester_id" uuid NOT NULL,
                "message" text,
                "status" character varying(16) NOT NULL DEFAULT 'pending',
                "decided_by_id" uuid,
                "decided_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_branch_claims" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_branch_claims_status_created_at" ON "branch_claims" ("status", "created_at")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_branch_claims_pending" ON "branch_claims" ("branch_id", "requester_id")
            WHERE "status" = 'pending'
        `);
        await queryRunner.query(`
            CREATE TABLE "branch_handovers" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "branch_id" uuid NOT NULL,
                "invited_by_id" uuid,
                "invitee_email" character varying(254) NOT NULL,
                "token_hash" character varying(64) NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "accepted_at" TIMESTAMP WITH TIME ZONE,
                "accepted_by_id" uuid,
                "cancelled_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_branch_handovers" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_branch_handovers_branch" ON "branch_handovers" ("branch_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_branch_handovers_token_hash" ON "branch_handovers" ("token_hash")
        `);
        await queryRunner.query(`
            CREATE TABLE "branch_secretary_changes" (
                "id" BIGSERIAL NOT NULL,
                "branch_id" uuid NOT NULL,
                "from_user_id" uuid,
                "to_user_id" uuid,
                "reason" character varying(32) NOT NULL,
                "actor_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_branch_secretary_changes" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_branch_secretary_changes_branch" ON "branch_secretary_changes" ("branch_id", "created_at")
        `);
        await queryRunner.query(`
            ALTER TABLE "branches"
            ADD CONSTRAINT "fk_branches_secretary" FOREIGN KEY ("secretary_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "admin_notes"
            ADD CONSTRAINT "fk_admin_notes_branch" FOREIGN KEY ("branch_id") REFERENCES "branches"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "affiliations"
            ADD CONSTRAINT "fk_affiliations_branch" FOREIGN KEY ("branch_id") REFERENCES "branches"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "affiliations"
            ADD CONSTRAINT "fk_affiliations_fee_band" FOREIGN KEY ("fee_band_id") REFERENCES "fee_bands"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "affiliation_status_changes"
            ADD CONSTRAINT "fk_affiliation_status_changes_affiliation" FOREIGN KEY ("affiliation_id") REFERENCES "affiliations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "branch_claims"
            ADD CONSTRAINT "fk_branch_claims_branch" FOREIGN KEY ("branch_id") REFERENCES "branches"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "branch_claims"
            ADD CONSTRAINT "fk_branch_claims_requester" FOREIGN KEY ("requester_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "branch_handovers"
            ADD CONSTRAINT "fk_branch_handovers_branch" FOREIGN KEY ("branch_id") REFERENCES "branches"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "branch_secretary_changes"
            ADD CONSTRAINT "fk_branch_secretary_changes_branch" FOREIGN KEY ("branch_id") REFERENCES "branches"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        // The campaign's default fee bands (amounts in pence); admins change them later.
        await queryRunner.query(`
            INSERT INTO "fee_bands" ("label", "min_members", "max_members", "amount_pence", "for_regional_bodies") VALUES
                ('Up to 500 members', 1, 500, 2500, false),
                ('501 to 2,000 members', 501, 2000, 5000, false),
                ('2,001 to 5,000 members', 2001, 5000, 10000, false),
                ('Over 5,000 members, regional and national bodies', 5001, NULL, 25000, true)
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "branch_secretary_changes" DROP CONSTRAINT "fk_branch_secretary_changes_branch"
        `);
        await queryRunner.query(`
            ALTER TABLE "branch_handovers" DROP CONSTRAINT "fk_branch_handovers_branch"
        `);
        await queryRunner.query(`
            ALTER TABLE "branch_claims" DROP CONSTRAINT "fk_branch_claims_requester"
        `);
        await queryRunner.query(`
            ALTER TABLE "branch_claims" DROP CONSTRAINT "fk_branch_claims_branch"
        `);
        await queryRunner.query(`
            ALTER TABLE "affiliation_status_changes" DROP CONSTRAINT "fk_affiliation_status_changes_affiliation"
        `);
        await queryRunner.query(`
            ALTER TABLE "affiliations" DROP CONSTRAINT "fk_affiliations_fee_band"
        `);
        await queryRunner.query(`
            ALTER TABLE "affiliations" DROP CONSTRAINT "fk_affiliations_branch"
        `);
        await queryRunner.query(`
            ALTER TABLE "admin_notes" DROP CONSTRAINT "fk_admin_notes_branch"
        `);
        await queryRunner.query(`
            ALTER TABLE "branches" DROP CONSTRAINT "fk_branches_secretary"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_branch_secretary_changes_branch"
        `);
        await queryRunner.query(`
            DROP TABLE "branch_secretary_changes"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_branch_handovers_token_hash"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_branch_handovers_branch"
        `);
        await queryRunner.query(`
            DROP TABLE "branch_handovers"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_branch_claims_pending"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_branch_claims_status_created_at"
        `);
        await queryRunner.query(`
            DROP TABLE "branch_claims"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_affiliation_status_changes_affiliation"
        `);
        await queryRunner.query(`
            DROP TABLE "affiliation_status_changes"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_affiliations_status_submitted_at"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_affiliations_submitted_at"
        `);
        await queryRunner.query(`
            DROP TABLE "affiliations"
        `);
        await queryRunner.query(`
            DROP TABLE "fee_bands"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_admin_notes_branch"
        `);
        await queryRunner.query(`
            DROP TABLE "admin_notes"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_branches_union_normalised_name"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_branches_union_normalised_code"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_branches_secretary"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_branches_public_name"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_branches_union_region"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_branches_region"
        `);
        await queryRunner.query(`
            DROP TABLE "branches"
        `);
    }

}
