import { Injectable, OnModuleInit } from '@nestjs/common';
import type { UpdateAudience, UpdateRecipient } from '../updates/update-audience';
import { UpdateAudiences } from '../updates/update-audiences';
import { StatementService } from './statement.service';

/**
 * The supporters who confirmed their signature and asked for the campaign's
 * email updates. `ref` is the signature id (never published); unsubscribing
 * turns the signature's updates off and leaves the signature itself counted.
 */
@Injectable()
export class SupportersAudience implements UpdateAudience, OnModuleInit {
  readonly key = 'supporters' as const;
  readonly label = 'Supporters who signed the statement and asked for updates';

  constructor(
    private readonly audiences: UpdateAudiences,
    private readonly statement: StatementService,
  ) {}

  onModuleInit(): void {
    this.audiences.register(this);
  }

  recipients(): Promise<UpdateRecipient[]> {
    return this.statement.updateRecipients();
  }

  unsubscribe(ref: string): Promise<void> {
    return this.statement.stopUpdates(ref);
  }

  unsubscribeAddress(email: string): Promise<void> {
    return this.statement.stopUpdatesFor(email);
  }
}
