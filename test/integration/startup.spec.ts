import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../utils/own-postgres';

const root = join(__dirname, '..', '..');
const main = join(root, 'dist', 'src', 'main.js');
const adminCreate = join(root, 'dist', 'src', 'auth', 'admin-create.cli.js');
const migrationCli = join(root, 'dist', 'src', 'database', 'cli.js');
const jobsRun = join(root, 'dist', 'src', 'jobs', 'jobs-run.cli.js');

/**
 * These run the built server (`npm test` builds first) as `npm start` does:
 * a real process, real signals, the real embedded PostgreSQL.
 */
describe('starting the built server', () => {
  beforeAll(() => {
    if (!existsSync(main)) throw new Error('dist/src/main.js is missing: run `npm run build` (npm test does it first)');
  });

  it('stops with one clear line when a variable is malformed or a required one is missing', () => {
    const bad = spawnSync(process.execPath, [main], { env: { ...process.env, PORT: 'eighty', NODE_ENV: 'development' }, encoding: 'utf8', cwd: root });
    expect(bad.status).toBe(78);
    expect(bad.stderr.trim()).toBe('Invalid configuration: PORT: PORT must be a whole number between 1 and 65535');

    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
    delete env.PUBLIC_URL;
    const missing = spawnSync(process.execPath, [main], { env, encoding: 'utf8', cwd: root });
    expect(missing.status).toBe(78);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/^Invalid configuration: PUBLIC_URL: PUBLIC_URL must be the absolute http\(s\) URL/);
  });

  describe('with DATABASE_URL unset', () => {
    let dataRoot: string;
    // Ports nothing holds now (a random one could be an outgoing connection's).
    let port: number;
    let pgPort: number;
    beforeAll(async () => {
      dataRoot = mkdtempSync(join(tmpdir(), 'portal-start-'));
      chmodSync(dataRoot, 0o755);
      port = await freePort();
      do pgPort = await freePort();
      while (pgPort === port);
    });
    afterAll(() => rmSync(dataRoot, { recursive: true, force: true }));

    function embeddedEnv(): NodeJS.ProcessEnv {
      const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'development', PORT: String(port), EMBEDDED_PG_DIR: join(dataRoot, 'pg'), EMBEDDED_PG_PORT: String(pgPort), LOG_FORMAT: 'json' };
      delete env.DATABASE_URL;
      return env;
    }

    function start(): { child: ChildProcess; output: () => string } {
      const child = spawn(process.execPath, [main], { env: embeddedEnv(), cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
      return { child, output: () => out };
    }

    async function waitFor(output: () => string, text: string, ms = 60000): Promise<void> {
      const deadline = Date.now() + ms;
      while (!output().includes(text)) {
        if (Date.now() > deadline) throw new Error(`Timed out waiting for "${text}". Output:\n${output()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }

    async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill(signal);
      return exited;
    }

    it('creates the data folder, serves the home page and /health, and stops cleanly on SIGTERM', async () => {
      const { child, output } = start();
      try {
        await waitFor(output, 'Affiliation Portal listening');
        expect(output()).toContain(`creating a new cluster in ${join(dataRoot, 'pg')}`);
        expect(output()).toContain(`data in ${join(dataRoot, 'pg')}`);
        const home = await fetch(`http://127.0.0.1:${port}/`);
        expect(home.status).toBe(200);
        const health = await fetch(`http://127.0.0.1:${port}/health`);
        expect(health.status).toBe(200);
        expect(((await health.json()) as { status: string }).status).toBe('ok');
      } finally {
        expect(await stop(child, 'SIGTERM')).toBe(0);
      }
      expect(output()).toContain('Embedded PostgreSQL: stopped');
      expect(existsSync(join(dataRoot, 'pg', 'postmaster.pid'))).toBe(false);
    });

    it('reuses the data on the next start, and stops on SIGINT', async () => {
      const { child, output } = start();
      try {
        await waitFor(output, 'Affiliation Portal listening');
        expect(output()).not.toContain('creating a new cluster');
        expect(output()).toContain('restarted on 127.0.0.1');
      } finally {
        expect(await stop(child, 'SIGINT')).toBe(0);
      }
    });

    it('on Ctrl-C in a terminal (SIGINT to the whole process group) closes the app before its database', async () => {
      // A terminal signals every process of the foreground group, so the server is started as a group leader.
      const child = spawn(process.execPath, [main], { env: embeddedEnv(), cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      let out = '';
      child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      try {
        await waitFor(() => out, 'Affiliation Portal listening');
        process.kill(-child.pid!, 'SIGINT');
        expect(await exited).toBe(0);
      } finally {
        if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
      }
      // Had PostgreSQL got the signal too, it would have cut the app's connections while the app was closing.
      expect(out).not.toMatch(/terminating connection due to administrator command|Connection terminated/);
      expect(out.indexOf('Embedded PostgreSQL: stopped')).toBeGreaterThan(out.indexOf('SIGINT received'));
      expect(existsSync(join(dataRoot, 'pg', 'postmaster.pid'))).toBe(false);
    });

    /** Runs a CLI as npm would, beside whatever else is running (asynchronously: the app must keep answering). */
    function cli(script: string, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
      const child = spawn(process.execPath, [script, ...args], { env: embeddedEnv(), cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      return new Promise((resolve) => child.once('exit', (status) => resolve({ status, stdout, stderr })));
    }

    it('lets admin:create, the migration CLI and jobs:run use the running server, and leaves it running', async () => {
      const { child, output } = start();
      try {
        await waitFor(output, 'Affiliation Portal listening');
        const created = await cli(adminCreate, '--email', 'beside@example.org', '--password', 'a long admin passphrase', '--name', 'Beside');
        expect(created.stderr).toContain(`using the server that process ${child.pid} runs on 127.0.0.1:${pgPort}`);
        expect(created.stderr).not.toContain('stopping it');
        expect(created.stdout).toContain('Admin beside@example.org created.');
        expect(created.status).toBe(0);
        expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);

        const migrated = await cli(migrationCli, 'run');
        expect(migrated.stderr).toContain(`using the server that process ${child.pid} runs`);
        expect(migrated.stderr).toContain('no pending migrations');
        expect(migrated.status).toBe(0);
        expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);

        const jobs = await cli(jobsRun, 'retention');
        expect(jobs.stderr).toContain(`using the server that process ${child.pid} runs`);
        expect(jobs.stdout).toBe('retention: unverified-accounts=0 spent-tokens=0 ended-handovers=0 expired-throttles=0 audit-ips=0 sent-mail-bodies=0 signed-letters=0 unconfirmed-signatures=0 update-addresses=0 follow-up-addresses=0 reply-addresses=0\n');
        expect(jobs.status).toBe(0);
        expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
        // The app's sessions still work: a page that needs the database.
        expect((await fetch(`http://127.0.0.1:${port}/login`)).status).toBe(200);
        expect(output()).not.toContain('Embedded PostgreSQL: stopped');
      } finally {
        expect(await stop(child, 'SIGTERM')).toBe(0);
      }
      expect(output()).toContain('Embedded PostgreSQL: stopped');
      expect(existsSync(join(dataRoot, 'pg', 'postmaster.pid'))).toBe(false);
    });

    it('recovers when a crash left the PostgreSQL server running', async () => {
      const first = start();
      await waitFor(first.output, 'Affiliation Portal listening');
      // A crash: the Node process dies without stopping its database.
      await stop(first.child, 'SIGKILL');
      expect(existsSync(join(dataRoot, 'pg', 'postmaster.pid'))).toBe(true);

      const second = start();
      try {
        await waitFor(second.output, 'Affiliation Portal listening');
        expect(second.output()).toContain('left running by an earlier crash');
        expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
      } finally {
        expect(await stop(second.child, 'SIGTERM')).toBe(0);
      }
    });
  });
});
