import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsUUID } from 'class-validator';
import { FormBody } from '../../common/dto/transforms';
import type { AffiliationStatus } from '../affiliation-status';

/**
 * The decisions an admin may take on several affiliations at once, with the
 * outcome each reports when it is taken. Only those that need no words for the
 * secretary: a rejection or a request for changes is written for one branch.
 */
export const BULK_DECISIONS = { approve: 'approved' } as const satisfies Record<string, AffiliationStatus>;
export type BulkAction = keyof typeof BULK_DECISIONS;
export const BULK_ACTIONS = Object.keys(BULK_DECISIONS) as BulkAction[];

/** `conflict`: it was not waiting for this decision (already decided, by another admin or earlier); nothing changed. */
export const BULK_OUTCOMES = [...new Set(Object.values(BULK_DECISIONS)), 'conflict', 'not_found'] as const;
export type BulkOutcome = (typeof BULK_OUTCOMES)[number];

export const MAX_BULK_IDS = 100;

/** A decision on several affiliations, by their ids (1 to 100, each once). */
export class BulkDecisionDto {
  @ApiProperty({ enum: BULK_ACTIONS, enumName: 'BulkDecisionAction', example: 'approve', description: 'The decision to take on each' })
  @IsIn(BULK_ACTIONS, { message: `action must be one of ${BULK_ACTIONS.join(', ')}` })
  action!: BulkAction;

  @ApiProperty({
    type: 'array',
    items: { type: 'string', format: 'uuid' },
    minItems: 1,
    maxItems: MAX_BULK_IDS,
    uniqueItems: true,
    description: 'The affiliations, each once; decided in this order',
    example: ['0b6f1f7e-3f57-4a53-9a4c-6d2f0f4b8a01', '5d0c2a77-90b1-4c43-8c2e-1b9e2f3a4c5d'],
  })
  @IsArray({ message: `ids must be a list of 1 to ${MAX_BULK_IDS} affiliation ids` })
  @ArrayMinSize(1, { message: 'ids must name at least one affiliation' })
  @ArrayMaxSize(MAX_BULK_IDS, { message: `ids may name at most ${MAX_BULK_IDS} affiliations at once` })
  @IsUUID('all', { each: true, message: 'Each of ids must be an affiliation id (a UUID)' })
  @ArrayUnique({ message: 'ids must name each affiliation only once' })
  ids!: string[];
}

/** The queue page's form: the ticked affiliations (one box ticked arrives as text, several as a list). */
export class BulkApproveFormDto extends FormBody {
  @Transform(({ value }: { value: unknown }) => (value === undefined ? [] : Array.isArray(value) ? value : [value]))
  @IsArray({ message: 'Select at least one affiliation to approve' })
  @ArrayMinSize(1, { message: 'Select at least one affiliation to approve' })
  @ArrayMaxSize(MAX_BULK_IDS, { message: `Select at most ${MAX_BULK_IDS} affiliations at a time` })
  @IsUUID('all', { each: true, message: 'Select affiliations from the list' })
  @ArrayUnique({ message: 'Select each affiliation once' })
  ids!: string[];
}

export class BulkDecisionResultDto {
  @ApiProperty({ format: 'uuid', description: 'The affiliation, as given' }) id!: string;

  @ApiProperty({
    enum: BULK_OUTCOMES,
    enumName: 'BulkDecisionOutcome',
    example: 'approved',
    description: '`approved`: decided now. `conflict`: it was not waiting for this decision (another admin, or an earlier request, decided it), so nothing changed. `not_found`: no such affiliation',
  })
  outcome!: BulkOutcome;
}

export class BulkDecisionResponseDto {
  @ApiProperty({ type: [BulkDecisionResultDto], description: 'One per id, in the order given' })
  results!: BulkDecisionResultDto[];
}
