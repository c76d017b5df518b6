import { Injectable, Logger } from '@nestjs/common';
import { NotFoundError } from '../common/errors/domain-error';
import { EmailUpdatesRepository, type DeliveryByToken } from './email-updates.repository';
import { UpdateAudiences } from './update-audiences';
import { hashUnsubscribeToken, UNSUBSCRIBE_TOKEN } from './update-tokens';

/** This link is not one we sent (or its update was deleted): a plain "not found", never a hint. */
export class UnknownUnsubscribeLinkError extends NotFoundError {
  constructor() {
    super('This unsubscribe link is not recognised');
  }
}

/**
 * The link at the foot of every update: it needs no account, only the token,
 * and hands the person to the audience that owns them.
 */
@Injectable()
export class UnsubscribeService {
  private readonly logger = new Logger('Updates');

  constructor(
    private readonly repository: EmailUpdatesRepository,
    private readonly audiences: UpdateAudiences,
  ) {}

  /** Whether the link is ours and already used: for the page, which changes nothing. */
  async check(token: string): Promise<{ alreadyDone: boolean }> {
    const delivery = await this.find(token);
    return { alreadyDone: delivery.unsubscribedAt !== null };
  }

  /**
   * Stops updates to the person the link was sent to, in the audience that
   * named them and, while the delivery still holds their address, in every
   * other audience they are in under that address (a secretary who also signed
   * the statement got one email, and expects one click to stop them all).
   * Repeating it is harmless.
   */
  async unsubscribe(token: string): Promise<void> {
    const delivery = await this.find(token);
    const audience = this.audiences.get(delivery.audience);
    if (audience) await audience.unsubscribe(delivery.ref);
    else this.logger.warn({ msg: 'Unsubscribe link of an audience no longer offered', audience: delivery.audience });
    if (delivery.email) {
      for (const other of this.audiences.list()) if (other.key !== delivery.audience) await other.unsubscribeAddress(delivery.email);
    }
    await this.repository.markUnsubscribed(delivery.id);
  }

  private async find(token: string): Promise<DeliveryByToken> {
    if (typeof token !== 'string' || !UNSUBSCRIBE_TOKEN.test(token)) throw new UnknownUnsubscribeLinkError();
    const delivery = await this.repository.findByTokenHash(hashUnsubscribeToken(token));
    if (!delivery) throw new UnknownUnsubscribeLinkError();
    return delivery;
  }
}
