import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Equals, IsNotEmpty, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { IsEmailAddress, IsSafeText } from '../../common/validation';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../users/password.service';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A person's name as typed, trimmed; no control or bidi characters. */
const PersonName = (missing = 'Enter your name') =>
  applyDecorators(
    ApiProperty({ example: 'Sam Jones', maxLength: 120 }),
    Transform(trim),
    IsString({ message: missing }),
    Length(1, 120, { message: 'Name must be between 1 and 120 characters' }),
    IsSafeText({ label: 'Name' }),
  );

const EmailAddress = () => applyDecorators(ApiProperty({ format: 'email', example: 'secretary@example.org', maxLength: 254 }), IsEmailAddress());

/**
 * Any password field. Only the length cap is checked here, so an oversized one
 * is refused before hashing; the policy for new passwords is the service's.
 */
const Password = (missing: string, isNew = false) =>
  applyDecorators(
    ApiProperty({
      format: 'password',
      maxLength: PASSWORD_MAX,
      example: 'correct horse battery staple',
      ...(isNew && { minLength: PASSWORD_MIN, description: `At least ${PASSWORD_MIN} characters, not a common password; a long passphrase is welcome` }),
    }),
    IsString({ message: missing }),
    IsNotEmpty({ message: missing }),
    MaxLength(PASSWORD_MAX, { message: `Password must be at most ${PASSWORD_MAX} characters` }),
  );

const TOTP_CODE = /^\s*\d{3}\s*\d{3}\s*$/;

export class EmailDto {
  @EmailAddress() email!: string;
}

export class RegisterDto extends EmailDto {
  @Password('Enter a password', true) password!: string;
  @PersonName() name!: string;
}

export class LoginDto extends EmailDto {
  @Password('Enter your password') password!: string;
}

export class MfaDto {
  @ApiProperty({ description: 'The 6-digit code from the authenticator app, or a recovery code', example: '123456' })
  @IsString({ message: 'Enter the code from your authenticator app' })
  @Matches(/^(\s*\d{3}\s*\d{3}\s*|[0-9a-fA-F]{5}-?[0-9a-fA-F]{5})$/, { message: 'Enter the 6-digit code from your authenticator app, or a recovery code' })
  code!: string;
}

export class TokenDto {
  @ApiProperty({ description: 'The token from the emailed link', pattern: '^[A-Za-z0-9_-]{43}$', example: 'q0sVt8m3Xc1nL7eW2rJ5yB9kD4hF6gA0pZ3uT1oN8iM' })
  @IsString({ message: 'The link is incomplete' })
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'The link is incomplete or mistyped: copy the whole link from the email' })
  token!: string;
}

export class ResetPasswordDto extends TokenDto {
  @Password('Enter a new password', true) password!: string;
}

export class ChangePasswordDto {
  @Password('Enter your current password') currentPassword!: string;
  @Password('Enter a new password', true) newPassword!: string;
}

export class ChangeNameDto {
  @PersonName() name!: string;
}

export class ChangeEmailDto extends EmailDto {
  @Password('Enter your current password') currentPassword!: string;
}

export class CurrentPasswordDto {
  @Password('Enter your current password') currentPassword!: string;
}

export class DeleteAccountDto {
  @Password('Enter your password') currentPassword!: string;

  @ApiProperty({ description: 'Type DELETE to confirm', enum: ['DELETE'], example: 'DELETE' })
  @Transform(trim)
  @Equals('DELETE', { message: 'Type DELETE in capitals to confirm' })
  confirm!: string;
}

export class InviteAdminDto extends EmailDto {
  @PersonName('Enter their name') name!: string;
}

/** Accepting an admin invitation or the first-admin setup link: a password and a proven authenticator. */
export class CompleteAdminDto extends TokenDto {
  @Password('Enter a password', true) password!: string;

  @ApiProperty({ description: 'The base32 secret shown with the QR code', pattern: '^[A-Z2-7]{16,64}$', example: 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF' })
  @IsString()
  @Matches(/^[A-Z2-7]{16,64}$/, { message: 'The authenticator secret is missing; reload the page' })
  totpSecret!: string;

  @ApiProperty({ description: 'A code from the authenticator app, proving it is set up', example: '123456' })
  @IsString({ message: 'Enter the code from your authenticator app' })
  @Matches(TOTP_CODE, { message: 'Enter the 6-digit code from your authenticator app' })
  code!: string;
}

/** The first-admin setup also asks who the admin is. */
export class SetupAdminDto extends CompleteAdminDto {
  @PersonName() name!: string;
  @EmailAddress() email!: string;
}

/** Where to go back to afterwards, e.g. a hand-over invitation (checked to be a path on this site where used). */
const Next = () => applyDecorators(IsOptional(), IsString(), MaxLength(500));

/** The registration form may carry where the verification link should lead back to. */
export class RegisterFormDto extends RegisterDto {
  @Next() next?: string;
}

/** The confirmation page's form, and asking for a new link. */
export class VerifyEmailFormDto extends TokenDto {
  @Next() next?: string;
}

export class ResendVerificationFormDto {
  @Next() next?: string;
}

/** The sign-in form also carries where to go afterwards. */
export class LoginFormDto extends LoginDto {
  @IsOptional()
  @IsString()
  @MaxLength(500)
  next?: string;
}

export class MfaFormDto extends MfaDto {
  @IsOptional()
  @IsString()
  @MaxLength(500)
  next?: string;
}
