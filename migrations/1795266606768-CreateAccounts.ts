import { MigrationInterface, QueryRunner } from "typeorm";

export class CreateAccounts1795266606768 implements MigrationInterface {
    name = 'CreateAccounts1795266606768'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "audit_events" (
                "id" BIGSERIAL NOT NULL,
                "actor_id" uuid,
                "actor_role" character varying(16),
                "action" character varying(64) NOT NULL,
                "subject_type" character varying(32),
                "subject_id" character varying(64),
                "summary" jsonb NOT NULL DEFAULT '{}',
                "ip" character varying(64),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_audit_events" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_audit_events_actor" ON "audit_events" ("actor_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_audit_events_subject" ON "audit_events" ("subject_type", "subject_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_audit_events_action_created_at" ON "audit_events" ("action", "created_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_audit_events_created_at" ON "audit_events" ("created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "rate_limits" (
                "key" character varying(255) NOT NULL,
                "points" integer NOT NULL DEFAULT '0',
                "expire" bigint,
                CONSTRAINT "pk_rate_limits" PRIMARY KEY ("key")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "users" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "email" character varying(254) NOT NULL,
                "name" character varying(120) NOT NULL,
                "role" character varying(16) NOT NULL DEFAULT 'secretary',
                "password_hash" character varying(255) NOT NULL,
                "email_verified_at" TIMESTAMP WITH TIME ZONE,
                "totp_secret" character varying(64),
                "totp_last_step" bigint,
                "disabled_at" TIMESTAMP WITH TIME ZONE,
                "password_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_users_email" UNIQUE ("email"),
                CONSTRAINT "pk_users" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "recovery_codes" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "code_hash" character varying(64) NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "pk_recovery_codes" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_recovery_codes_user" ON "recovery_codes" ("user_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "sessions" (
                "sid" character varying(255) NOT NULL,
                "sess" json NOT NULL,
                "expire" TIMESTAMP(6) NOT NULL,
                "user_id" uuid,
                CONSTRAINT "pk_sessions" PRIMARY KEY ("sid")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_sessions_user" ON "sessions" ("user_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_sessions_expire" ON "sessions" ("expire")
        `);
        await queryRunner.query(`
            CREATE TABLE "user_tokens" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid,
                "purpose" character varying(32) NOT NULL,
                "token_hash" character varying(64) NOT NULL,
                "data" jsonb NOT NULL DEFAULT '{}',
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_user_tokens_hash" UNIQUE ("token_hash"),
                CONSTRAINT "pk_user_tokens" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_user_tokens_user_purpose" ON "user_tokens" ("user_id", "purpose")
        `);
        await queryRunner.query(`
            ALTER TABLE "recovery_codes"
            ADD CONSTRAINT "fk_recovery_codes_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "user_tokens"
            ADD CONSTRAINT "fk_user_tokens_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        // Sessions carry their user's id in a column (set from the session data
        // by this trigger), so every session of a user can be ended at once.
        await queryRunner.query(`
            CREATE FUNCTION "sessions_set_user_id"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.user_id := NULLIF(NEW.sess::jsonb #>> '{passport,user}', '')::uuid;
                RETURN NEW;
            END
            $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER "tr_sessions_set_user_id" BEFORE INSERT OR UPDATE OF "sess" ON "sessions"
            FOR EACH ROW EXECUTE FUNCTION "sessions_set_user_id"()
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "tr_sessions_set_user_id" ON "sessions"`);
        await queryRunner.query(`DROP FUNCTION "sessions_set_user_id"()`);
        await queryRunner.query(`
            ALTER TABLE "user_tokens" DROP CONSTRAINT "fk_user_tokens_user"
        `);
        await queryRunner.query(`
            ALTER TABLE "recovery_codes" DROP CONSTRAINT "fk_recovery_codes_user"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_user_tokens_user_purpose"
        `);
        await queryRunner.query(`
            DROP TABLE "user_tokens"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_sessions_expire"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_sessions_user"
        `);
        await queryRunner.query(`
            DROP TABLE "sessions"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_recovery_codes_user"
        `);
        await queryRunner.query(`
            DROP TABLE "recovery_codes"
        `);
        await queryRunner.query(`
            DROP TABLE "users"
        `);
        await queryRunner.query(`
            DROP TABLE "rate_limits"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_audit_events_created_at"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_audit_events_action_created_at"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_audit_events_subject"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_audit_events_actor"
        `);
        await queryRunner.query(`
            DROP TABLE "audit_events"
        `);
    }

}
