/**
 * The Content-Security-Policy for a page that may be framed by `origins`: the
 * global policy with only its frame-ancestors directive replaced, so nothing
 * else about it is weakened. With no origins it stays 'none'.
 */
export function withFrameAncestors(policy: string, origins: readonly string[]): string {
  const value = origins.length ? origins.join(' ') : "'none'";
  const directives = policy
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d && !/^frame-ancestors(\s|$)/i.test(d));
  directives.push(`frame-ancestors ${value}`);
  return directives.join(';');
}
