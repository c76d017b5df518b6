import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Actor } from '../audit/audit.service';
import type { User } from '../users/user.entity';

/** The signed-in user, reloaded from the database for this request. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): User => {
  return ctx.switchToHttp().getRequest<Request>().user as User;
});

/** Who is acting, for the audit log: the user (if any) and the client address. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const req = ctx.switchToHttp().getRequest<Request>();
  const user = req.user as User | undefined;
  return { id: user?.id ?? null, role: user?.role ?? null, ip: req.ip ?? null };
});
