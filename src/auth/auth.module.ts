import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccountController } from './account.controller';
import { AccountPageController } from './account.page.controller';
import { AccountService } from './account.service';
import { AdminUsersController } from './admin-users.controller';
import { AdminUsersPageController } from './admin-users.page.controller';
import { AdminsService } from './admins.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthPageController } from './auth.page.controller';
import { AuthPassport } from './auth-passport';
import { AuthService } from './auth.service';
import { LoginThrottleService } from './login-throttle.service';
import { RegistrationNoticesService } from './registration-notices.service';
import { TotpService } from './totp.service';

@Module({
  controllers: [AuthController, AuthPageController, AccountController, AccountPageController, AdminUsersController, AdminUsersPageController],
  providers: [
    AuthPassport,
    AuthService,
    AccountService,
    AdminsService,
    TotpService,
    LoginThrottleService,
    RegistrationNoticesService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthPassport, AuthService, AdminsService, TotpService],
})
export class AuthModule {}
