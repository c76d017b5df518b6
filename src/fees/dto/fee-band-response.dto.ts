import { ApiProperty } from '@nestjs/swagger';
import type { FeeBand } from '../fee-band.entity';

/** A fee band: a membership range and its yearly fee. The bands cover every size from 1 up. */
export class FeeBandDto {
  @ApiProperty({ type: 'integer', minimum: 1, example: 2 })
  id!: number;

  @ApiProperty({ example: '501 to 2,000 members' })
  label!: string;

  @ApiProperty({ type: 'integer', minimum: 1, example: 501 })
  minMembers!: number;

  @ApiProperty({ type: 'integer', nullable: true, example: 2000, description: 'Just below the next band’s start; null for the highest band (open-ended)' })
  maxMembers!: number | null;

  @ApiProperty({ type: 'integer', minimum: 0, example: 5000, description: 'The yearly fee, integer pence' })
  amountPence!: number;

  @ApiProperty({ example: false, description: 'Regional and national bodies pay this band whatever their size' })
  forRegionalBodies!: boolean;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: Date;

  static from(b: FeeBand): FeeBandDto {
    return {
      id: b.id,
      label: b.label,
      minMembers: b.minMembers,
      maxMembers: b.maxMembers,
      amountPence: b.amountPence,
      forRegionalBodies: b.forRegionalBodies,
      updatedAt: b.updatedAt,
    };
  }
}
