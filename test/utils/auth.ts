import * as argon2 from 'argon2';
import { generateSecret, generateSync } from 'otplib';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import type { User } from '../../src/users/user.entity';
import { UsersService } from '../../src/users/users.service';
import type { TestApp } from './test-app';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface SignedIn {
  user: User;
  agent: TestAgent;
  csrf: string;
  /** The admin's TOTP secret, for tests that need another code. */
  totpSecret?: string;
  /** The code the admin signed in with (a replay of it must be refused, whichever 30 s window it is now). */
  totpCodeUsed?: string;
}

let counter = 0;
const unique = (): string => `${Date.now().toString(36)}${(counter++).toString(36)}`;

/** A supertest agent (keeps cookies) with a CSRF token from GET /api/csrf. */
export async function anonymousAgent(t: TestApp): Promise<{ agent: TestAgent; csrf: string }> {
  const agent = request.agent(t.app.getHttpServer());
  const res = await agent.get('/api/csrf').expect(200);
  return { agent, csrf: res.body.token as string };
}

/** Creates a user through UsersService, with TEST_PASSWORD, skipping registration: for tests about other features. */
export async function createUser(
  t: TestApp,
  overrides: Partial<Pick<User, 'email' | 'name' | 'role' | 'emailVerifiedAt' | 'totpSecret'>> = {},
): Promise<User> {
  const passwordHash = await argon2.hash(TEST_PASSWORD, { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 });
  return t.app.get(UsersService).create(t.dataSource.manager, {
    email: `user-${unique()}@example.org`,
    name: 'Test Secretary',
    role: 'secretary',
    emailVerifiedAt: new Date(),
    passwordHash,
    ...overrides,
  });
}

/** A secretary signed in through the real API. */
export async function signUpSecretary(
  t: TestApp,
  options: { email?: string; name?: string; verified?: boolean } = {},
): Promise<SignedIn> {
  const user = await createUser(t, {
    ...(options.email && { email: options.email.toLowerCase() }),
    ...(options.name && { name: options.name }),
    emailVerifiedAt: options.verified === false ? null : new Date(),
  });
  const { agent, csrf } = await anonymousAgent(t);
  const res = await agent.post('/api/auth/login').set('X-CSRF-Token', csrf).send({ email: user.email, password: TEST_PASSWORD }).expect(200);
  return { user, agent, csrf: res.body.csrfToken as string };
}

/** The current TOTP code for a secret (a different one from `previous` if asked). */
export function totpCode(secret: string, epochSeconds = Math.floor(Date.now() / 1000)): string {
  return generateSync({ secret, epoch: epochSeconds });
}

/** An admin signed in through the real API with both factors. */
export async function signInAdmin(t: TestApp, options: { email?: string; name?: string } = {}): Promise<SignedIn> {
  const totpSecret = generateSecret();
  const user = await createUser(t, {
    role: 'admin',
    totpSecret,
    name: options.name ?? 'Test Admin',
    ...(options.email && { email: options.email.toLowerCase() }),
  });
  const { agent, csrf } = await anonymousAgent(t);
  const first = await agent.post('/api/auth/login').set('X-CSRF-Token', csrf).send({ email: user.email, password: TEST_PASSWORD }).expect(200);
  const code = totpCode(totpSecret);
  const second = await agent.post('/api/auth/mfa').set('X-CSRF-Token', first.body.csrfToken as string).send({ code }).expect(200);
  return { user, agent, csrf: second.body.csrfToken as string, totpSecret, totpCodeUsed: code };
}
