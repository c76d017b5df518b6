import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Branch } from '../branch.entity';
import { regionName } from '../regions';
import { unionName } from '../unions';

/** What the API returns for a branch: to its secretary and admins only. */
export class BranchResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() union!: string;
  @ApiPropertyOptional({ nullable: true }) unionOther!: string | null;
  @ApiProperty() unionName!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ nullable: true }) code!: string | null;
  @ApiProperty() region!: string;
  @ApiProperty() regionName!: string;
  @ApiProperty() membershipSize!: number;
  @ApiProperty() regionalBody!: boolean;
  @ApiProperty() publicName!: string;
  @ApiProperty() listPublicly!: boolean;
  @ApiPropertyOptional({ nullable: true }) listConsentAt!: Date | null;
  @ApiPropertyOptional({ nullable: true }) listConsentWording!: string | null;
  @ApiPropertyOptional({ nullable: true }) address!: string | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;

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
