import { SetMetadata } from '@nestjs/common';
import type { Role } from '../users/user.entity';

export const ROLES_KEY = 'roles';
/** Narrows a route (or a whole controller) to these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
