import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { dictionary } from '@zxcvbn-ts/language-common';
import * as argon2 from 'argon2';
import type { SecurityConfig } from '../config';
import { WrongPasswordError } from './users.errors';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

const common = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

/** Returns the problem with a new password, or undefined when it is acceptable. */
export function passwordProblem(password: string, context: string[] = []): string | undefined {
  if (password.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters; a few words make a good passphrase`;
  if (password.length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters`;
  const lower = password.toLowerCase();
  if (common.has(lower)) return 'This password is too common: choose one that people would not guess';
  if (context.some((c) => c.length >= 4 && lower.includes(c.toLowerCase()))) {
    return 'Do not use your name or email address in your password';
  }
  return undefined;
}

@Injectable()
export class PasswordService {
  private readonly options: argon2.HashOptions & { raw?: false };
  /** Verified against when the email is unknown, so both paths cost the same. */
  private readonly dummyHash: Promise<string>;

  constructor(config: ConfigService) {
    const { argon2: params } = config.getOrThrow<SecurityConfig>('security');
    this.options = { type: argon2.argon2id, ...params };
    this.dummyHash = argon2.hash('not-a-real-password-000000', this.options);
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, this.options);
  }

  async verify(hash: string | undefined, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash ?? (await this.dummyHash), password);
    } catch {
      return false;
    }
  }

  /** Equal-cost work for a request about an unknown account. */
  /** The person's current password, asked again before anything that matters; WrongPasswordError otherwise. */
  async assertCurrent(user: { passwordHash: string }, password: string): Promise<void> {
    if (!(await this.verify(user.passwordHash, password))) throw new WrongPasswordError();
  }

  async burn(password: string): Promise<void> {
    await this.verify(undefined, password);
  }
}
