import { MigrationInterface, QueryRunner } from "typeorm";

export class TrackBranchAddressAndPublicDetails1796612291304 implements MigrationInterface {
    name = 'TrackBranchAddressAndPublicDetails1796612291304'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "branches"
            ADD "address_entered_by" uuid
        `);
        await queryRunner.query(`
            ALTER TABLE "branches"
            ADD "public_details_unconfirmed_since" TIMESTAMP WITH TIME ZONE
        `);
        // Addresses typed so far: by the secretary of the day, the only one who could type them.
        await queryRunner.query(`
            UPDATE "branches" SET "address_entered_by" = "secretary_id" WHERE "address" IS NOT NULL
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "branches" DROP COLUMN "public_details_unconfirmed_since"
        `);
        await queryRunner.query(`
            ALTER TABLE "branches" DROP COLUMN "address_entered_by"
        `);
    }

}
