import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { REGION_KEY } from '../../branches/dto/reference.dto';
import type { Page } from '../../common/openapi/page.dto';

/**
 * A union as the public list keys it: a listed union's key, or `other:<name>`
 * (lower-case, as normalised) for one that is not on the list. Bare `other` is
 * never one: the filter refuses it.
 */
export const PUBLIC_UNION_KEY_SCHEMA = {
  anyOf: [{ $ref: getSchemaPath('UnionKey') }, { type: 'string', pattern: '^other:\\S', maxLength: 160 }],
};

/**
 * One listed branch. Only what the branch chose to publish: its public name,
 * its union and region (as shown, and as the keys that filter the list), and
 * the year it first affiliated. Nothing else about a branch is public.
 */
export class PublicAffiliateDto {
  @ApiProperty({ example: 'UNISON Camden Branch', description: 'The name the branch chose to be listed under' })
  publicName!: string;

  @ApiProperty({ example: 'UNISON', description: "The union's display name" })
  union!: string;

  @ApiProperty({
    ...PUBLIC_UNION_KEY_SCHEMA,
    example: 'unison',
    description: 'The union’s key, as the `union` filter takes it: a listed union’s key, or `other:<name>` for one not on the list',
  })
  unionKey!: string;

  @ApiProperty({ example: 'London', description: 'The TUC region or nation, as displayed' })
  region!: string;

  @ApiProperty({ ...REGION_KEY, example: 'london', description: 'The region’s key, as the `region` filter takes it' })
  regionKey!: string;

  @ApiProperty({ type: 'integer', example: 2024, description: "Year of the branch's first approved affiliation (a number, e.g. 2024)" })
  affiliatedSince!: number;
}

/** A page of the public list, ordered by union, region and public name. */
export type PublicAffiliatesPage = Page<PublicAffiliateDto>;
