import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verifySync } from 'otplib';
import { EntityManager, IsNull } from 'typeorm';
import { RecoveryCode } from '../users/recovery-code.entity';
import { User } from '../users/user.entity';

const ISSUER = 'Police Spies Out of Lives';
export const RECOVERY_CODES = 10;

const hashCode = (code: string): string =>
  createHash('sha256').update(code.replace(/[\s-]/g, '').toLowerCase()).digest('hex');

/** Admins' second factor: TOTP (RFC 6238) with one-time recovery codes. */
@Injectable()
export class TotpService {
  newSecret(): string {
    return generateSecret();
  }

  uri(email: string, secret: string): string {
    return generateURI({ issuer: ISSUER, label: email, secret });
  }

  /** The time step the code belongs to, or undefined when it does not match (±1 step of drift). */
  step(secret: string, code: string): number | undefined {
    if (!/^\d{6}$/.test(code)) return undefined;
    const result = verifySync({ secret, token: code, epochTolerance: 30 });
    return result.valid ? Math.floor(Date.now() / 30_000) + result.delta : undefined;
  }

  /**
   * Accepts a TOTP code once (a replay within its window is refused) or an
   * unused recovery code. Locks the user's row so two requests cannot both pass.
   */
  async verifyForUser(manager: EntityManager, userId: string, code: string): Promise<'totp' | 'recovery' | undefined> {
    const user = await manager.getRepository(User).findOne({ where: { id: userId }, lock: { mode: 'pessimistic_write' } });
    if (!user?.totpSecret) return undefined;
    const trimmed = code.replace(/\s/g, '');
    const step = this.step(user.totpSecret, trimmed);
    if (step !== undefined) {
      if (user.totpLastStep !== null && step <= Number(user.totpLastStep)) return undefined;
      await manager.getRepository(User).update({ id: userId }, { totpLastStep: String(step) });
      return 'totp';
    }
    const used = await manager
      .getRepository(RecoveryCode)
      .update({ userId, codeHash: hashCode(trimmed), usedAt: IsNull() }, { usedAt: new Date() });
    return used.affected === 1 ? 'recovery' : undefined;
  }

  /** Replaces the user's recovery codes; returns them once, to show the user. */
  async newRecoveryCodes(manager: EntityManager, userId: string): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODES }, () => {
      const hex = randomBytes(5).toString('hex');
      return `${hex.slice(0, 5)}-${hex.slice(5)}`;
    });
    const repo = manager.getRepository(RecoveryCode);
    await repo.delete({ userId });
    await repo.insert(codes.map((code) => ({ userId, codeHash: hashCode(code), usedAt: null })));
    return codes;
  }
}
