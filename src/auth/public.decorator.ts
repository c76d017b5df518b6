import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'isPublic';
/** Opens a route to visitors who are not signed in. Every other route needs a session. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
