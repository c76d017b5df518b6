import { ApiProperty } from '@nestjs/swagger';
import type { Branch } from '../branch.entity';
import { regionName } from '../regions';
import { unionName } from '../unions';
import { REGION_KEY, UNION_KEY } from './reference.dto';

/** What the API returns for a branch: to its secretary and admins only. */
export class BranchResponseDto {
  @ApiProperty({ format: 'uuid', example: '3f2b8c1e-5d4a-4e8b-9c7d-2a1b0c9d8e7f' }) id!: string;
  @ApiProperty({ ...UNION_KEY, example: 'unison' }) union!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The union’s name when `union` is `other`', example: null }) unionOther!: string | null;
  @ApiProperty({ description: 'The union as shown', example: 'UNISON' }) unionName!: string;
  @ApiProperty({ example: 'Leeds City' }) name!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Y0123' }) code!: string | null;
  @ApiProperty({ ...REGION_KEY, example: 'yorkshire_humber' }) region!: string;
  @ApiProperty({ description: 'The region as shown', example: 'Yorkshire and the Humber' }) regionName!: string;
  @ApiProperty({ type: 'integer', minimum: 1, example: 350 }) membershipSize!: number;
  @ApiProperty({ example: false }) regionalBody!: boolean;
  @ApiProperty({ example: 'UNISON Leeds City Branch' }) publicName!: string;
  @ApiProperty({ description: 'Whether the branch consents to be on the public list', example: true }) listPublicly!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When consent was given (null: never, or withdrawn)' })
  listConsentAt!: Date | null;
  @ApiProperty({ type: String, nullable: true, description: 'The words the consent was given to' }) listConsentWording!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Postal address for letters; never published' }) address!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;

  static from(b: Branch): BranchResponseDto {
    return {
      id: b.id,
      union: b.union,
      unionOther: b.unionOther,
      unionName: unionName(b.union, b.unionOther),
      name: b.name,
      code: b.code,
      region: b.region,
      regionName: regionName(b.region),
      membershipSize: b.membershipSize,
      regionalBody: b.regionalBody,
      publicName: b.publicName,
      listPublicly: b.listPublicly,
      listConsentAt: b.listConsentAt,
      listConsentWording: b.listConsentWording,
      address: b.address,
      createdAt: b.createdAt,
      updatedAt: b.updatedAt,
    };
  }
}
