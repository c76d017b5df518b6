import { ApiProperty } from '@nestjs/swagger';
import { REGION_KEYS } from '../regions';
import { UNION_KEYS } from '../unions';

/**
 * How the API documents a union or region key wherever one is sent or
 * returned: one named enum each, so a generated client has one `UnionKey`
 * and one `RegionKey` type and refuses a misspelt key before it is sent.
 */
export const UNION_KEY = { enum: [...UNION_KEYS], enumName: 'UnionKey' };
export const REGION_KEY = { enum: [...REGION_KEYS], enumName: 'RegionKey' };

/** A union the API accepts, to build a form's choices or a filter. */
export class UnionDto {
  @ApiProperty({ ...UNION_KEY, example: 'unison', description: 'What the API accepts and returns as `union`' })
  key!: string;

  @ApiProperty({ example: 'UNISON', description: 'How the union is shown' })
  name!: string;
}

/** A TUC region or nation the API accepts. */
export class RegionDto {
  @ApiProperty({ ...REGION_KEY, example: 'london', description: 'What the API accepts and returns as `region`' })
  key!: string;

  @ApiProperty({ example: 'London', description: 'How the region is shown' })
  name!: string;
}
