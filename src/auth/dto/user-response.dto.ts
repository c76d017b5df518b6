import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '../../common/access';
import type { User } from '../../users/user.entity';

/** The signed-in person, as GET /api/me and sign-in answer. */
export class UserResponseDto {
  @ApiProperty({ format: 'uuid', example: '6f1c2b8e-3d4a-4f5b-9c6d-7e8f9a0b1c2d' }) id!: string;
  @ApiProperty({ format: 'email', example: 'secretary@example.org' }) email!: string;
  @ApiProperty({ example: 'Sam Jones' }) name!: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role', example: 'secretary' }) role!: Role;
  @ApiProperty({ description: 'Whether the address has been confirmed from the emailed link', example: true }) emailVerified!: boolean;

  static from(user: User): UserResponseDto {
    return { id: user.id, email: user.email, name: user.name, role: user.role, emailVerified: !!user.emailVerifiedAt };
  }
}
