import 'reflect-metadata';
import * as argon2 from 'argon2';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isEmail } from 'class-validator';
import { DataSource } from 'typeorm';
import { AuditEvent } from '../audit/audit-event.entity';
import { TotpService } from './totp.service';
import { assertConfiguration, ConfigError } from '../config';
import { loadDatabaseConfig } from '../config/database.config';
import { loadSecurityConfig } from '../config/security.config';
import { dataSourceOptions } from '../database/data-source';
import { openDatabaseServer } from '../database/database-server';
import { passwordProblem } from '../users/password.service';
import { User } from '../users/user.entity';
import { normaliseEmail } from '../users/users.service';

const USAGE = 'usage: npm run admin:create -- --email E --password P --name N';

/**
 * Creates an admin with a TOTP second factor and prints what their
 * authenticator app needs, plus one-time recovery codes.
 */
async function main(): Promise<number> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  assertConfiguration();
  const { values } = parseArgs({ options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } } });
  const { email, password, name } = values;
  if (!email || !password || !name) {
    console.error(USAGE);
    return 2;
  }
  if (!isEmail(email)) {
    console.error('--email: enter an email address like name@example.org');
    return 2;
  }
  const problem = passwordProblem(password, [name, email.split('@')[0] ?? '']);
  if (problem) {
    console.error(`--password: ${problem}`);
    return 2;
  }
  if (!name.trim() || name.length > 120) {
    console.error('--name: give a name of 1 to 120 characters');
    return 2;
  }

  const db = await openDatabaseServer(loadDatabaseConfig(), (m) => console.error(m));
  try {
    const dataSource = await new DataSource({ ...dataSourceOptions(db.url, 2), migrationsRun: true }).initialize();
    try {
      const totp = new TotpService();
      const secret = totp.newSecret();
      const passwordHash = await argon2.hash(password, { type: argon2.argon2id, ...loadSecurityConfig().argon2 });
      const codes = await dataSource.transaction(async (manager) => {
        const users = manager.getRepository(User);
        if (await users.existsBy({ email: normaliseEmail(email) })) throw new ConfigError(`--email: an account with ${email} already exists`);
        const user = await users.save(
          users.create({ email: normaliseEmail(email), name: name.trim(), role: 'admin', passwordHash, emailVerifiedAt: new Date(), totpSecret: secret }),
        );
        await manager.getRepository(AuditEvent).save({ actorId: null, actorRole: 'cli', action: 'admin.created', subjectType: 'user', subjectId: user.id, summary: { via: 'admin:create' } });
        return totp.newRecoveryCodes(manager, user.id);
      });
      console.log(`Admin ${normaliseEmail(email)} created.`);
      console.log('Add this to an authenticator app (scan it as a QR code or paste it):');
      console.log(totp.uri(normaliseEmail(email), secret));
      console.log('Recovery codes (each works once; keep them away from your phone):');
      codes.forEach((c) => console.log(`  ${c}`));
      return 0;
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await db.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
