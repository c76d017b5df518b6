import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ForbiddenError, UnauthorizedError } from '../common/errors/domain-error';
import { type Role } from '../common/access';
import type { User } from '../users/user.entity';
import { IS_PUBLIC } from '../common/access';
import { ROLES_KEY } from '../common/access';
import { CSRF_IN_MULTIPART, csrfRefused } from './multipart-csrf';

const ADMIN_PATH = /^\/(api\/)?admin(\/|$)/;

/**
 * Protected by default: every route needs a signed-in user unless marked
 * `@Public()`. `@Roles()` narrows; anything under /admin or /api/admin is
 * admin-only whatever its decorators say, and needs the second factor.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    const req = context.switchToHttp().getRequest<Request>();
    // Its token is in a body only a route that takes multipart forms parses and checks.
    if (req.csrfInMultipart && !this.reflector.getAllAndOverride<boolean>(CSRF_IN_MULTIPART, targets)) throw csrfRefused();
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const user = req.user as User | undefined;
    if (!user) throw new UnauthorizedError('Please sign in to continue');

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    const needsAdmin = ADMIN_PATH.test(req.path) || roles.includes('admin');
    if (needsAdmin) {
      if (user.role !== 'admin') throw new ForbiddenError('This page is for campaign admins only');
      if (!req.session.mfaAt) throw new ForbiddenError('Sign in again with your authenticator app to use admin pages');
      return true;
    }
    if (roles.length && !roles.includes(user.role)) throw new ForbiddenError('You do not have access to this page');
    return true;
  }
}
