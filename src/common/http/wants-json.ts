import type { Request } from 'express';

/** API routes and clients that ask for JSON get JSON; browsers get pages. */
export function wantsJson(req: Request): boolean {
  if (req.path === '/api' || req.path.startsWith('/api/') || req.path.startsWith('/health')) return true;
  const accept = req.headers.accept ?? '';
  return !accept.includes('text/html') && accept.includes('application/json');
}
