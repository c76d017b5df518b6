import { ApiProperty } from '@nestjs/swagger';
import type { AdminBranchRow } from '../branches.repository';
import { regionName } from '../regions';
import { unionName } from '../unions';
import { REGION_KEY, UNION_KEY } from './reference.dto';

/** Branches a page of the admins' list, unless the request says otherwise. */
export const ADMIN_BRANCHES_PAGE_SIZE = 25;

/** One branch in the admins' list of branches. */
export class AdminBranchListItemDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'UNISON Leeds City Branch' }) publicName!: string;
  @ApiProperty({ ...UNION_KEY, example: 'unison' }) union!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The union’s name when `union` is `other`', example: null }) unionOther!: string | null;
  @ApiProperty({ description: 'The union as shown', example: 'UNISON' }) unionName!: string;
  @ApiProperty({ ...REGION_KEY, example: 'yorkshire_humber' }) region!: string;
  @ApiProperty({ description: 'The region as shown', example: 'Yorkshire and the Humber' }) regionName!: string;
  @ApiProperty({ type: 'integer', minimum: 1, example: 350 }) membershipSize!: number;
  @ApiProperty({ description: 'Whether the branch consents to be on the public list', example: true }) listPublicly!: boolean;
  @ApiProperty({ type: String, format: 'date-time', description: 'When the branch was registered' }) registeredAt!: Date;

  static from(r: AdminBranchRow): AdminBranchListItemDto {
    return {
      id: r.id,
      publicName: r.publicName,
      union: r.union,
      unionOther: r.unionOther,
      unionName: unionName(r.union, r.unionOther),
      region: r.region,
      regionName: regionName(r.region),
      membershipSize: r.membershipSize,
      listPublicly: r.listPublicly,
      registeredAt: r.registeredAt,
    };
  }
}
