import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Equals, IsEmail, IsNotEmpty, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { IsSafeText } from '../../common/validation';
import { PASSWORD_MAX } from '../../users/password.service';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class EmailDto {
  @ApiProperty({ example: 'secretary@example.org' })
  @Transform(trim)
  @IsEmail({}, { message: 'Enter an email address like name@example.org' })
  @MaxLength(254, { message: 'Email address must be at most 254 characters' })
  email!: string;
}

export class RegisterDto extends EmailDto {
  @ApiProperty({ minLength: 12, maxLength: PASSWORD_MAX })
  @IsString({ message: 'Enter a password' })
  @MaxLength(PASSWORD_MAX, { message: `Password must be at most ${PASSWORD_MAX} characters` })
  password!: string;

  @ApiProperty({ example: 'Sam Jones' })
  @Transform(trim)
  @IsString({ message: 'Enter your name' })
  @Length(1, 120, { message: 'Name must be between 1 and 120 characters' })
  @IsSafeText({ label: 'Name' })
  name!: string;
}

export class LoginDto extends EmailDto {
  @ApiProperty()
  @IsString({ message: 'Enter your password' })
  @IsNotEmpty({ message: 'Enter your password' })
  @MaxLength(PASSWORD_MAX, { message: `Password must be at most ${PASSWORD_MAX} characters` })
  password!: string;
}

export class MfaDto {
  @ApiProperty({ description: 'The 6-digit code from the authenticator app, or a recovery code' })
  @IsString({ message: 'Enter the code from your authenticator app' })
  @Matches(/^(\s*\d{3}\s*\d{3}\s*|[0-9a-fA-F]{5}-?[0-9a-fA-F]{5})$/, { message: 'Enter the 6-digit code from your authenticator app, or a recovery code' })
  code!: string;
}

export class TokenDto {
  @ApiProperty()
  @IsString({ message: 'The link is incomplete' })
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'The link is incomplete or mistyped: copy the whole link from the email' })
  token!: string;
}

export class ResetPasswordDto extends TokenDto {
  @ApiProperty({ minLength: 12, maxLength: PASSWORD_MAX })
  @IsString({ message: 'Enter a new password' })
  @MaxLength(PASSWORD_MAX, { message: `Password must be at most ${PASSWORD_MAX} characters` })
  password!: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString({ message: 'Enter your current password' })
  @MaxLength(PASSWORD_MAX, { message: `Password must be at most ${PASSWORD_MAX} characters` })
  currentPassword!: string;

  @ApiProperty({ minLength: 12, maxLength: PASSWORD_MAX })
  @IsString({ message: 'Enter a new password' })
  @MaxLength(PASSWORD_MAX, { message: `Password must be at most ${PASSWORD_MAX} characters` })
  newPassword!: string;
}

export class ChangeNameDto {
  @ApiProperty()
  @Transform(trim)
  @IsString({ message: 'Enter your name' })
  @Length(1, 120, { message: 'Name must be between 1 and 120 characters' })
  @IsSafeText({ label: 'Name' })
  name!: string;
}

export class ChangeEmailDto extends EmailDto {
  @ApiProperty()
  @IsString({ message: 'Enter your current password' })
  @MaxLength(PASSWORD_MAX, { message: `Password must be at most ${PASSWORD_MAX} characters` })
  currentPassword!: string;
}

export class DeleteAccountDto {
  @ApiProperty()
  @IsString({ message: 'Enter your password' })
  @MaxLength(PASSWORD_MAX, { message: `Password must be at most ${PASSWORD_MAX} characters` })
  currentPassword!: string;

  @ApiProperty({ description: 'Type DELETE to confirm' })
  @Transform(trim)
  @Equals('DELETE', { message: 'Type DELETE in capitals to confirm' })
  confirm!: string;
}

export class InviteAdminDto extends EmailDto {
  @ApiProperty()
  @Transform(trim)
  @IsString({ message: 'Enter their name' })
  @Length(1, 120, { message: 'Name must be between 1 and 120 characters' })
  @IsSafeText({ label: 'Name' })
  name!: string;
}

/** Accepting an admin invitation or the first-admin setup link: a password and a confirmed TOTP code. */
export class CompleteAdminDto extends TokenDto {
  @ApiProperty({ minLength: 12, maxLength: PASSWORD_MAX })
  @IsString({ message: 'Enter a password' })
  @MaxLength(PASSWORD_MAX, { message: `Password must be at most ${PASSWORD_MAX} characters` })
  password!: string;

  @ApiProperty({ description: 'The base32 secret shown with the QR code' })
  @IsString()
  @Matches(/^[A-Z2-7]{16,64}$/, { message: 'The authenticator secret is missing; reload the page' })
  totpSecret!: string;

  @ApiProperty({ description: 'A code from the authenticator app, proving it is set up' })
  @IsString({ message: 'Enter the code from your authenticator app' })
  @Matches(/^\s*\d{3}\s*\d{3}\s*$/, { message: 'Enter the 6-digit code from your authenticator app' })
  code!: string;
}

/** The first-admin setup also asks who the admin is. */
export class SetupAdminDto extends CompleteAdminDto {
  @ApiProperty()
  @Transform(trim)
  @IsString({ message: 'Enter your name' })
  @Length(1, 120, { message: 'Name must be between 1 and 120 characters' })
  @IsSafeText({ label: 'Name' })
  name!: string;

  @ApiProperty()
  @Transform(trim)
  @IsEmail({}, { message: 'Enter an email address like name@example.org' })
  @MaxLength(254, { message: 'Email address must be at most 254 characters' })
  email!: string;
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
