import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { RECOVERY_CODES } from '../totp.service';
import { UserResponseDto } from './user-response.dto';

const CSRF_EXAMPLE = 'b3c1f0e2a9d84c7e6f5a4b3c2d1e0f9a';

export class CsrfTokenResponseDto {
  @ApiProperty({ description: "The session's CSRF token: send it as X-CSRF-Token on every POST, PATCH and DELETE", example: CSRF_EXAMPLE })
  token!: string;
}

/**
 * Signed in (after the password, or an admin after the second factor).
 * `mfaRequired: false` makes the two answers of POST /api/auth/login a union
 * a client tells apart by one field.
 */
export class SignedInResponseDto {
  @ApiProperty({ type: 'boolean', enum: [false], description: 'false: signed in, nothing more to do' })
  mfaRequired!: false;

  @ApiProperty({ type: () => UserResponseDto })
  user!: UserResponseDto;

  @ApiProperty({ description: "The new session's CSRF token, to send as X-CSRF-Token from now on (the one before no longer works)", example: CSRF_EXAMPLE })
  csrfToken!: string;
}

/** An admin's password was right: the session now waits five minutes for the second factor (POST /api/auth/mfa). */
export class MfaRequiredResponseDto {
  @ApiProperty({ type: 'boolean', enum: [true], description: 'true: send the code from the authenticator app to POST /api/auth/mfa' })
  mfaRequired!: true;

  @ApiProperty({ description: "The new session's CSRF token, for POST /api/auth/mfa", example: CSRF_EXAMPLE })
  csrfToken!: string;
}

export type LoginResponse = SignedInResponseDto | MfaRequiredResponseDto;

const RECOVERY_CODES_PROPERTY: ApiPropertyOptions = {
  type: [String],
  minItems: RECOVERY_CODES,
  maxItems: RECOVERY_CODES,
  description: 'Single-use codes that stand in for the authenticator app. Shown only this once: keep them safe',
  example: ['3f9a2-b71c0', '0d4e8-6a2f1', '9c1b7-e35d4', '5a0f3-c8e92', 'b2d6e-14f70', '7e3c9-a05b8', 'e81a4-3d9c6', '4b7d0-f2e15', 'c6f21-8b0a3', '1a9e5-d7c42'],
};

export class RecoveryCodesResponseDto {
  @ApiProperty(RECOVERY_CODES_PROPERTY)
  recoveryCodes!: string[];
}

/** An invitation accepted: the new admin account and its recovery codes. */
export class NewAdminResponseDto {
  @ApiProperty({ type: () => UserResponseDto })
  user!: UserResponseDto;

  @ApiProperty(RECOVERY_CODES_PROPERTY)
  recoveryCodes!: string[];
}

/** The recovery codes a person has; the codes themselves are shown only when made. */
export class RecoveryCodesStatusDto {
  @ApiProperty({ description: 'Whether the account has a second factor (only then can it have recovery codes)', example: true })
  secondFactorEnabled!: boolean;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: RECOVERY_CODES, description: 'Codes not yet used', example: 10 })
  unused!: number;
}
