import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { allocate, type BranchBalance } from './ledger';

interface LedgerRow {
  id: string;
  amountPence: number;
  paidDirectPence: number;
  paidAt: Date | null;
}

export interface SettledBalance extends BranchBalance {
  /** Invoices the change settled in full (paid_at newly set). */
  newlyPaid: string[];
  /** Invoices a reversal unsettled (paid_at cleared). */
  newlyUnpaid: string[];
}

/**
 * Reads balances from the ledger and keeps each invoice's `paid_at` in step
 * with it. Every change to a branch's money runs under the branch's ledger
 * lock (a transaction-scoped advisory lock, which never blocks the branch row
 * itself), so two payments for one branch are allocated one after the other.
 */
@Injectable()
export class FeesLedgerService {
  constructor(private readonly dataSource: DataSource) {}

  /** Serialises money changes for one branch until the transaction ends. */
  async lockBranch(manager: EntityManager, branchId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('fees:branch:' || $1::text, 0))`, [branchId]);
  }

  async balance(branchId: string, manager?: EntityManager): Promise<BranchBalance> {
    return allocate(await this.rows(manager ?? this.dataSource.manager, branchId));
  }

  /** Call under lockBranch, after adding ledger entries or invoices: updates `paid_at` to match the ledger. */
  async settle(manager: EntityManager, branchId: string, now: Date): Promise<SettledBalance> {
    const rows = await this.rows(manager, branchId);
    const balance = allocate(rows);
    const newlyPaid: string[] = [];
    const newlyUnpaid: string[] = [];
    balance.invoices.forEach((b, i) => {
      const paid = b.outstandingPence === 0;
      if (paid && !rows[i]!.paidAt) newlyPaid.push(b.id);
      if (!paid && rows[i]!.paidAt) newlyUnpaid.push(b.id);
    });
    if (newlyPaid.length) await manager.query('UPDATE invoices SET paid_at = $2, updated_at = now() WHERE id = ANY($1) AND paid_at IS NULL', [newlyPaid, now]);
    if (newlyUnpaid.length) await manager.query('UPDATE invoices SET paid_at = NULL, updated_at = now() WHERE id = ANY($1)', [newlyUnpaid]);
    return { ...balance, newlyPaid, newlyUnpaid };
  }

  private rows(manager: EntityManager, branchId: string): Promise<LedgerRow[]> {
    return manager.query(
      `SELECT i.id, i.amount_pence AS "amountPence", i.paid_at AS "paidAt",
              COALESCE((SELECT sum(p.amount_pence) FROM payments p WHERE p.invoice_id = i.id), 0)::int AS "paidDirectPence"
         FROM invoices i
        WHERE i.branch_id = $1
        ORDER BY i.issued_on, i.reference`,
      [branchId],
    );
  }
}
