/**
 * The environment a test app runs with, set in process.env (the app reads its
 * configuration from there at start) and put back when the app closes, so one
 * test's settings never reach the next. Apps may overlap: closing one restores
 * each of its keys to the value of the newest app still open that set it, or
 * else to what the key was before any of them.
 */
export type EnvOverrides = Record<string, string | undefined>;

const before = new Map<string, string | undefined>();
const open: EnvOverrides[] = [];

function write(key: string, value: string | undefined): void {
  if (value === undefined) delete process.env[key];
  else process.env[key] = value;
}

/** Sets `overrides` (`undefined` unsets a key) and returns what puts them back. */
export function overrideEnv(overrides: EnvOverrides): () => void {
  const layer = { ...overrides };
  for (const [key, value] of Object.entries(layer)) {
    if (!before.has(key)) before.set(key, process.env[key]);
    write(key, value);
  }
  open.push(layer);
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    open.splice(open.indexOf(layer), 1);
    for (const key of Object.keys(layer)) {
      const newest = open.findLast((l) => key in l);
      if (newest) {
        write(key, newest[key]);
      } else {
        write(key, before.get(key));
        before.delete(key);
      }
    }
  };
}
