import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '../../common/access';
import type { User } from '../../users/user.entity';

/** A person with an account, as admins see them in the list of people. */
export class AdminUserResponseDto {
  @ApiProperty({ format: 'uuid', example: '6f1c2b8e-3d4a-4f5b-9c6d-7e8f9a0b1c2d' }) id!: string;
  @ApiProperty({ example: 'Sam Jones' }) name!: string;
  @ApiProperty({ format: 'email', example: 'secretary@example.org' }) email!: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role', example: 'secretary' }) role!: Role;
  @ApiProperty({ description: 'Disabled: cannot sign in, and every session was ended', example: false }) disabled!: boolean;
  @ApiProperty({ description: 'Whether an authenticator app is set up', example: false }) secondFactor!: boolean;

  static from(u: User): AdminUserResponseDto {
    return { id: u.id, name: u.name, email: u.email, role: u.role, disabled: !!u.disabledAt, secondFactor: !!u.totpSecret };
  }
}
