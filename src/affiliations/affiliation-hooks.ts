import type { EntityManager } from 'typeorm';
import type { Actor } from '../audit/audit.service';
import type { Transition } from './affiliation-transitions';
import type { Affiliation } from './affiliation.entity';

/**
 * Lets another feature act inside a transition's transaction (the fees
 * feature raises the invoice when an affiliation is approved). Optional: the
 * workflow runs without one.
 */
export const AFFILIATION_TRANSITION_LISTENER = Symbol('AFFILIATION_TRANSITION_LISTENER');

export interface AffiliationTransitionListener {
  /** Called after the status has changed, before the transaction commits; throwing rolls the transition back. */
  afterTransition(manager: EntityManager, affiliation: Affiliation, transition: Transition, actor: Actor): Promise<void>;
  /** Called when an admin agrees a "pay what you can" amount, so an invoice already raised follows it. */
  afterFeeAgreed?(manager: EntityManager, affiliation: Affiliation, actor: Actor): Promise<void>;
}
