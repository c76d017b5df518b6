import { Injectable } from '@nestjs/common';
import { normaliseEmail } from '../common/validation/email-address';
import { isDeliverableAddress } from '../mail/mail-message';
import { UPDATE_AUDIENCE_KEYS, type UpdateAudience, type UpdateAudienceKey, type UpdateRecipient } from './update-audience';

/** A recipient as snapshotted for one update: the first audience that named the address keeps it. */
export interface AudienceRecipient extends UpdateRecipient {
  audience: UpdateAudienceKey;
}

/**
 * The audiences an update can go to. Each owning feature registers its own
 * when it starts (`onModuleInit() { audiences.register(this) }`), so this
 * feature knows none of their tables: adding an audience is that one line in
 * its feature, plus its key in UPDATE_AUDIENCE_KEYS.
 */
@Injectable()
export class UpdateAudiences {
  private readonly byKey = new Map<UpdateAudienceKey, UpdateAudience>();

  register(audience: UpdateAudience): void {
    if (this.byKey.has(audience.key)) throw new Error(`The update audience "${audience.key}" is registered twice`);
    this.byKey.set(audience.key, audience);
  }

  get(key: UpdateAudienceKey): UpdateAudience | undefined {
    return this.byKey.get(key);
  }

  /** Registered audiences in UPDATE_AUDIENCE_KEYS's order, for the admin's checkboxes. */
  list(): UpdateAudience[] {
    return UPDATE_AUDIENCE_KEYS.flatMap((key) => this.byKey.get(key) ?? []);
  }

  /**
   * Everyone in the chosen audiences, once per address (compared lower-cased):
   * a secretary who also signed the statement gets one email.
   */
  async recipientsOf(keys: readonly UpdateAudienceKey[]): Promise<AudienceRecipient[]> {
    const chosen = UPDATE_AUDIENCE_KEYS.filter((key) => keys.includes(key));
    const lists = await Promise.all(
      chosen.map(async (key) => {
        const audience = this.byKey.get(key);
        if (!audience) throw new Error(`The update audience "${key}" is not available`);
        return (await audience.recipients()).map((r) => ({ ...r, audience: key }));
      }),
    );
    return dedupeRecipients(lists.flat());
  }
}

/**
 * The first of each address (lower-cased, as stored), in order. An address
 * the outbox would refuse is left out here: queued in a batch it would fail
 * that batch, and every retry of it, and so stop the update.
 */
export function dedupeRecipients(recipients: AudienceRecipient[]): AudienceRecipient[] {
  const seen = new Set<string>();
  const out: AudienceRecipient[] = [];
  for (const r of recipients) {
    const email = normaliseEmail(r.email);
    if (seen.has(email) || !isDeliverableAddress(email)) continue;
    seen.add(email);
    out.push({ ...r, email });
  }
  return out;
}
