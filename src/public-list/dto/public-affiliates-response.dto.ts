import { ApiProperty } from '@nestjs/swagger';

/** One listed branch. Exactly these four fields: nothing else about a branch is public. */
export class PublicAffiliateDto {
  @ApiProperty({ example: 'UNISON Camden Branch', description: 'The name the branch chose to be listed under' })
  publicName!: string;

  @ApiProperty({ example: 'UNISON', description: "The union's display name" })
  union!: string;

  @ApiProperty({ example: 'London', description: 'The TUC region or nation, as displayed' })
  region!: string;

  @ApiProperty({ example: 2024, description: "Year of the branch's first approved affiliation (a number, e.g. 2024)" })
  affiliatedSince!: number;
}

export class PublicAffiliatesResponseDto {
  @ApiProperty({ example: 1234, description: 'Branches matching the filters, across all pages' })
  total!: number;

  @ApiProperty({ type: [PublicAffiliateDto], description: 'This page, ordered by union, region and public name' })
  items!: PublicAffiliateDto[];
}

export class PublicApiErrorDto {
  @ApiProperty({ example: 400 }) statusCode!: number;
  @ApiProperty({ example: 'Please correct the highlighted fields' }) message!: string;
  @ApiProperty({
    required: false,
    example: { pageSize: ['pageSize must be at most 100'] },
    additionalProperties: { type: 'array', items: { type: 'string' } },
  })
  errors?: Record<string, string[]>;
}
