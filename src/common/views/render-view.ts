import type { Application } from 'express';

/**
 * Renders a view to a string with only the locals given: no request's
 * res.locals (user, CSRF token, request id) can reach a response that is cached
 * and served to everyone.
 */
export function renderView(app: Application, view: string, locals: Record<string, unknown>): Promise<string> {
  return new Promise((resolve, reject) => {
    app.render(view, locals, (error: Error | null, html?: string) => (error ? reject(error) : resolve(html ?? '')));
  });
}
