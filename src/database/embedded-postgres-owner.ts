import { existsSync, readFileSync, rmSync } from 'node:fs';
import { chown, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Which Node process started the embedded server on a data folder, kept in
 * the folder beside PostgreSQL's own postmaster.pid. A second process (a CLI
 * beside `npm start`) reads it to tell a server in use, which it must leave
 * alone, from one left running by a crash, which it may stop.
 */
const OWNER_FILE = 'portal-owner.json';

export interface ServerOwner {
  pid: number;
  /**
   * When that process started, as the kernel counts it (/proc/<pid>/stat), so
   * that another process given the same pid after a crash is not taken for
   * the owner. Null where /proc is missing: then the pid alone is checked.
   */
  startedAt: string | null;
}

export interface RunningServer {
  pid: number;
  port: number;
  /** PostgreSQL's own word: `starting`, `ready`, `stopping` or `standby`. */
  status: string;
}

/** The start time of a process (field 22 of /proc/<pid>/stat), or null when it cannot be read. */
export function processStartTime(pid: number): string | null {
  try {
    const line = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2, the command name, may hold spaces and parentheses: count from its closing one (field 3 on).
    return line.slice(line.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True while the process that wrote the record is still running (the same process, not a reused pid). */
export function ownerAlive(owner: ServerOwner): boolean {
  if (!isAlive(owner.pid)) return false;
  return owner.startedAt === null || processStartTime(owner.pid) === owner.startedAt;
}

export function readOwner(dataDir: string): ServerOwner | undefined {
  try {
    const parsed = JSON.parse(readFileSync(join(dataDir, OWNER_FILE), 'utf8')) as Partial<ServerOwner>;
    if (!Number.isInteger(parsed.pid) || (parsed.pid as number) <= 0) return undefined;
    return { pid: parsed.pid as number, startedAt: typeof parsed.startedAt === 'string' ? parsed.startedAt : null };
  } catch {
    return undefined;
  }
}

/** Records this process as the owner. As root, the file goes to the folder's owner (postgres), like every other file there. */
export async function writeOwner(dataDir: string): Promise<void> {
  const file = join(dataDir, OWNER_FILE);
  const owner: ServerOwner = { pid: process.pid, startedAt: processStartTime(process.pid) };
  await writeFile(file, `${JSON.stringify(owner)}\n`, { mode: 0o600 });
  if (process.getuid?.() === 0) {
    const { uid, gid } = await stat(dataDir);
    await chown(file, uid, gid);
  }
}

/** Forgets the owner record if it is this process's (synchronous: also used on exit). */
export function forgetOwner(dataDir: string): void {
  if (readOwner(dataDir)?.pid === process.pid) rmSync(join(dataDir, OWNER_FILE), { force: true });
}

/** After a reboot a stale postmaster.pid may name a pid now used by something else entirely. */
function isPostgres(pid: number): boolean {
  try {
    return /^postgres/.test(readFileSync(`/proc/${pid}/comm`, 'utf8'));
  } catch {
    return true; // No /proc: trust the pid, as PostgreSQL itself does.
  }
}

/** The server whose postmaster.pid is in the folder, if that process is alive. */
export function runningServer(dataDir: string): RunningServer | undefined {
  const file = join(dataDir, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  try {
    // Lines: pid, data folder, start time, port, socket folder, listen address, shared memory key, status.
    const lines = readFileSync(file, 'utf8').split('\n');
    const pid = Number.parseInt(lines[0] ?? '', 10);
    const port = Number.parseInt(lines[3] ?? '', 10);
    if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !isPostgres(pid)) return undefined;
    return { pid, port, status: (lines[7] ?? '').trim() };
  } catch {
    return undefined;
  }
}
