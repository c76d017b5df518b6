import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The index of the admins' search by branch or union name (`q` on the
 * affiliation queue and the branch list): the words of a branch's public name
 * and of a union typed in as "other", for PostgreSQL's text search, so that a
 * search reads the index rather than every branch.
 */
export class AddBranchSearchIndex1796619229186 implements MigrationInterface {
    name = 'AddBranchSearchIndex1796619229186'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // The expression is branch-search.ts's BRANCH_SEARCH_VECTOR, which the queries use word for word.
        await queryRunner.query(`
            CREATE INDEX "ix_branches_search" ON "branches"
            USING gin (to_tsvector('simple', "public_name" || ' ' || coalesce("union_other", '')))
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."ix_branches_search"
        `);
    }

}
