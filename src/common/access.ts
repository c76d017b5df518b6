import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

/** Who an account is. Every feature's routes are open to one or both (auth.guard.ts enforces it). */
export const ROLES = ['secretary', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const IS_PUBLIC = 'isPublic';
/**
 * Opens a route to visitors who are not signed in. Every other route needs a
 * session. The OpenAPI document says so too (openapi-contract.ts reads x-access).
 */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension('x-access', 'public'));

export const ROLES_KEY = 'roles';
/** Narrows a route (or a whole controller) to these roles. */
export const Roles = (...roles: Role[]) =>
  applyDecorators(SetMetadata(ROLES_KEY, roles), ...(roles.includes('admin') && roles.length === 1 ? [ApiExtension('x-access', 'admin')] : []));
