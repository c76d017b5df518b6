import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Equals, IsBoolean, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateBy, type ValidationArguments } from 'class-validator';
import { FormBoolean, TrimmedOrUndefined } from '../../common/dto/transforms';
import { FieldOrder, IsEmailAddress, IsSafeText } from '../../common/validation';
import { PASSWORD_MAX, PASSWORD_MIN, passwordProblem } from '../../users/password.service';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A person's name as typed, trimmed (blank is not given); no control or bidi characters. */
const PersonName = (missing = 'Enter your name') =>
  applyDecorators(
    ApiProperty({ example: 'Sam Jones', minLength: 1, maxLength: 120 }),
    TrimmedOrUndefined(),
    IsString({ message: missing }),
    MaxLength(120, { message: 'Name must be 120 characters or fewer' }),
    IsSafeText({ label: 'Name' }),
  );

const EmailAddress = (missing?: string) =>
  applyDecorators(ApiProperty({ format: 'email', example: 'secretary@example.org', maxLength: 254 }), IsEmailAddress({ missing }));

/** Words of the form itself a new password may not contain: the name and the email's local part, when the form asks for them. */
function ownWords(form: object): string[] {
  const { name, email } = form as { name?: unknown; email?: unknown };
  return [name, typeof email === 'string' ? email.split('@')[0] : undefined].filter((w): w is string => typeof w === 'string');
}

/**
 * The policy for a new password, checked with the rest of the form so that a
 * short password is reported with a bad email in one answer. Words the form
 * does not hold (the account's name when a password is reset) are the service's
 * to check, with the same `passwordProblem`.
 */
const NewPasswordPolicy = () =>
  ValidateBy({
    name: 'isNewPassword',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => typeof value !== 'string' || !passwordProblem(value, ownWords(args?.object ?? {})),
      defaultMessage: (args?: ValidationArguments) => passwordProblem(String(args?.value ?? ''), ownWords(args?.object ?? {})) ?? 'Choose another password',
    },
  });

/**
 * Any password field. The length cap is checked for every one, so an oversized
 * password is refused before hashing; a new one also meets the policy.
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
    ...(isNew ? [NewPasswordPolicy()] : []),
  );

const TOTP_CODE = /^\s*\d{3}\s*\d{3}\s*$/;

export class EmailDto {
  @EmailAddress() email!: string;
}

/** In the order the registration form asks: name, email, password. */
export class RegisterDto {
  @PersonName() name!: string;
  @EmailAddress() email!: string;
  @Password('Enter a password', true) password!: string;
}

export class LoginDto extends EmailDto {
  @Password('Enter your password') password!: string;
}

export class MfaDto {
  @ApiProperty({ description: 'The 6-digit code from the authenticator app, or a recovery code', example: '123456' })
  @IsString({ message: 'Enter the code from your authenticator app' })
  @IsNotEmpty({ message: 'Enter the code from your authenticator app' })
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

export class InviteAdminDto {
  @PersonName('Enter their name') name!: string;
  @EmailAddress('Enter their email address') email!: string;
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
  @IsNotEmpty({ message: 'Enter the code from your authenticator app' })
  @Matches(TOTP_CODE, { message: 'Enter the 6-digit code from your authenticator app' })
  code!: string;
}

/** The first-admin setup also asks who the admin is (first, on its form). */
@FieldOrder('name', 'email', 'password', 'code')
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

/** The campaign's email updates on or off (My account). A form sends "true"/"false". */
export class EmailUpdatesDto {
  @ApiProperty({ description: 'Whether to receive the campaign’s email updates (sent to secretaries of affiliated branches)', example: false })
  @FormBoolean()
  @IsBoolean({ message: 'Choose whether to get the campaign’s email updates' })
  enabled!: boolean;
}
