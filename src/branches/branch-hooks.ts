import type { EntityManager } from 'typeorm';
import type { Actor } from '../audit/audit.service';
import type { Branch } from './branch.entity';

/**
 * Lets the affiliation feature act when a secretary changes a fact an
 * affiliation decision rests on (union, name, membership, regional body), in
 * the edit's transaction. Declared here so that branches need not know about
 * affiliations; optional, so the branch feature runs without one.
 */
export const BRANCH_FACTS_LISTENER = Symbol('BRANCH_FACTS_LISTENER');

export interface BranchFactsListener {
  /** `described`: what changed, in words ("the membership from 300 to 900"). */
  keyFactsChanged(manager: EntityManager, actor: Actor, branch: Branch, described: string): Promise<void>;
}
