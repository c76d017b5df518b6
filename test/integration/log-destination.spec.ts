import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LOG_FLUSH_MS } from '../../src/logging/logging.module';

const root = join(__dirname, '..', '..');
const built = join(root, 'dist', 'src', 'logging', 'logging.module.js');

/** A process that logs through the app's destination, then stays up without logging again. */
const SCRIPT = `
  const pino = require('pino');
  const { LogDestination } = require(${JSON.stringify(built)});
  const destination = new LogDestination();
  const logger = pino(destination.stream);
  logger.info({ n: 1 }, 'a lone line');
  setTimeout(() => {}, 10000);
  process.on('SIGTERM', () => { destination.onApplicationShutdown(); process.exit(0); });
`;

describe('the log destination (batched writes to stdout)', () => {
  beforeAll(() => {
    if (!existsSync(built)) throw new Error('dist is missing: run `npm run build` (npm test does it first)');
  });

  it('writes a lone line within the flush interval, while the process keeps running', async () => {
    const child = spawn(process.execPath, ['-e', SCRIPT], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const started = Date.now();
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('\n')) resolve(out);
        });
        child.on('exit', (code) => reject(new Error(`exited (${code}) before writing: ${out}`)));
      });
      expect(JSON.parse(line)).toEqual(expect.objectContaining({ level: 30, n: 1, msg: 'a lone line' }));
      expect(Date.now() - started).toBeLessThan(LOG_FLUSH_MS + 4000);
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill('SIGTERM');
    }
  });
});
