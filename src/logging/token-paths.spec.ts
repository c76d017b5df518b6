import { redactPath, tokenPaths } from './token-paths';

describe('redacting secret path segments', () => {
  beforeAll(() => {
    for (const route of ['/handover/:token', '/api/branches/:id', '/invites/:inviteToken/accept', '/{*splat}', '/teams/:teamId/join/:joinToken']) {
      tokenPaths.add(route);
    }
  });

  it('keeps only the routes with a parameter named token or ending in Token', () => {
    expect(tokenPaths.list()).toEqual(expect.arrayContaining(['/handover/:token', '/invites/:inviteToken/accept', '/teams/:teamId/join/:joinToken']));
    expect(tokenPaths.list()).not.toContain('/api/branches/:id');
    expect(tokenPaths.list()).not.toContain('/{*splat}');
  });

  it.each([
    ['/handover/abc123', '/handover/[redacted]'],
    ['/handover/abc123?x=1', '/handover/[redacted]'],
    ['/HandOver/abc123/more', '/HandOver/[redacted]/more'],
    ['//handover//abc123', '/handover/[redacted]'],
    ['/h%61ndover/abc123', '/h%61ndover/[redacted]'],
    ['/invites/abc123/accept', '/invites/[redacted]/accept'],
    ['/teams/7/join/abc123', '/teams/7/join/[redacted]'],
  ])('%s is logged as %s', (url, logged) => {
    expect(redactPath(url)).toBe(logged);
  });

  it.each(['/', '/handover', '/api/branches/abc123', '/handovers/abc123', '/api/docs/'])('leaves %s as it is', (path) => {
    expect(redactPath(`${path}?token=secret`)).toBe(path);
  });
});
