import { ApiProperty } from '@nestjs/swagger';
import type { User } from '../../users/user.entity';

export class UserResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['secretary', 'admin'] }) role!: string;
  @ApiProperty() emailVerified!: boolean;

  static from(user: User): UserResponseDto {
    return { id: user.id, email: user.email, name: user.name, role: user.role, emailVerified: !!user.emailVerifiedAt };
  }
}
