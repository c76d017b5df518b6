import { SetMetadata } from '@nestjs/common';

/** Who an account is. Every feature's routes are open to one or both (auth.guard.ts enforces it). */
export const ROLES = ['secretary', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const IS_PUBLIC = 'isPublic';
/** Opens a route to visitors who are not signed in. Every other route needs a session. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const ROLES_KEY = 'roles';
/** Narrows a route (or a whole controller) to these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
