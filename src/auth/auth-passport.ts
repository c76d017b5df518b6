import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Passport } from 'passport';
import { UsersService } from '../users/users.service';

/**
 * The app's own passport instance (not the module-level singleton), so two
 * apps in one process never share strategies or session handling. Sessions
 * hold only the user id; the user is reloaded on every request, so a disabled
 * account or a role change takes effect at once.
 */
@Injectable()
export class AuthPassport implements OnApplicationShutdown {
  readonly instance = new Passport();
  private readonly closers: (() => void)[] = [];

  constructor(users: UsersService) {
    this.instance.serializeUser((user: Express.User, done) => done(null, (user as { id: string }).id));
    this.instance.deserializeUser((id: string, done) => {
      users.findActive(id).then(
        (user) => done(null, user ?? false),
        (error: unknown) => done(error),
      );
    });
  }

  onClose(close: () => void): void {
    this.closers.push(close);
  }

  onApplicationShutdown(): void {
    this.closers.forEach((close) => close());
  }
}
