import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Money received over time, from the payments ledger, for the admin dashboard's chart. */
@Injectable()
export class FeesIncomeService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Net fee income received in each calendar month from `fromDay` up to but not
   * including `toDay` ("YYYY-MM-DD"), as "YYYY-MM" → pence. A reversal counts
   * in the month it is dated, as the ledger records it, so a month can be
   * negative; months with no entry are absent.
   */
  async receivedByMonth(fromDay: string, toDay: string): Promise<Map<string, number>> {
    const rows: { month: string; pence: number }[] = await this.dataSource.query(
      `SELECT to_char(received_on, 'YYYY-MM') AS month, sum(amount_pence)::int AS pence
         FROM payments
        WHERE received_on >= $1::date AND received_on < $2::date
        GROUP BY 1`,
      [fromDay, toDay],
    );
    return new Map(rows.map((r) => [r.month, r.pence]));
  }
}
