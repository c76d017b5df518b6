import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PasswordService } from './password.service';
import { RecoveryCode } from './recovery-code.entity';
import { TokensService } from './tokens.service';
import { User } from './user.entity';
import { UserToken } from './user-token.entity';
import { UsersService } from './users.service';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([User, UserToken, RecoveryCode])],
  providers: [UsersService, PasswordService, TokensService],
  exports: [UsersService, PasswordService, TokensService],
})
export class UsersModule {}
