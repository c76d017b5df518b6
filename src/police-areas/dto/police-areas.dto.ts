import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { TrimmedOrUndefined } from '../../common/dto/transforms';
import { FieldOrder, IsSafeText } from '../../common/validation';
import { BODY_KINDS, type BodyKind } from '../police-area-kinds';
import type { PoliceAreaView } from '../police-areas.service';

export const AREA_NAME_MAX = 120;
export const BODY_MAX = 160;

/** One police force area as the public sees it: what a letter's picker needs. */
export class PublicPoliceAreaDto {
  @ApiProperty({ description: 'Stable key', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', example: 'avon-and-somerset' })
  key!: string;

  @ApiProperty({ example: 'Avon and Somerset', maxLength: AREA_NAME_MAX })
  name!: string;

  @ApiProperty({ description: 'The body that holds the force to account: whom to write to', example: 'Avon and Somerset Police and Crime Commissioner', maxLength: BODY_MAX })
  accountableBody!: string;

  static from(a: PoliceAreaView): PublicPoliceAreaDto {
    return { key: a.key, name: a.name, accountableBody: a.accountableBody };
  }
}

export class PublicPoliceAreasDto {
  @ApiProperty({ type: [PublicPoliceAreaDto], description: 'Every police force area of the UK (and British Transport Police), by name' })
  items!: PublicPoliceAreaDto[];
}

/** One police force area as admins see it, with the kind of body. */
export class PoliceAreaDto extends PublicPoliceAreaDto {
  @ApiProperty({ enum: BODY_KINDS, enumName: 'PoliceAreaBodyKind', description: 'pcc, pfcc (also fire), mayor (holds the PCC functions) or authority (police authority or policing board)' })
  bodyKind!: BodyKind;

  static override from(a: PoliceAreaView): PoliceAreaDto {
    return { ...PublicPoliceAreaDto.from(a), bodyKind: a.bodyKind };
  }
}

export class PoliceAreasDto {
  @ApiProperty({ type: [PoliceAreaDto] })
  items!: PoliceAreaDto[];
}

const Text = (label: string, max: number) =>
  applyDecorators(
    TrimmedOrUndefined(),
    IsString({ message: `Enter the ${label.toLowerCase()}` }),
    MaxLength(max, { message: `${label} must be ${max} characters or fewer` }),
    IsSafeText({ label }),
  );

/** An admin's correction: every field, as the form sends them. */
@FieldOrder('name', 'accountableBody', 'bodyKind')
export class UpdatePoliceAreaDto {
  @ApiProperty({ maxLength: AREA_NAME_MAX, example: 'Avon and Somerset' })
  @Text('Name', AREA_NAME_MAX)
  name!: string;

  @ApiProperty({ maxLength: BODY_MAX, example: 'Avon and Somerset Police and Crime Commissioner' })
  @Text('Accountable body', BODY_MAX)
  accountableBody!: string;

  @ApiProperty({ enum: BODY_KINDS, enumName: 'PoliceAreaBodyKind' })
  @IsIn(BODY_KINDS, { message: 'Choose the kind of body' })
  bodyKind!: BodyKind;
}

/** The admin page's form: the same fields, with its CSRF token. */
@FieldOrder('name', 'accountableBody', 'bodyKind')
export class UpdatePoliceAreaFormDto extends UpdatePoliceAreaDto {
  @IsOptional()
  @IsString()
  _csrf?: string;
}
