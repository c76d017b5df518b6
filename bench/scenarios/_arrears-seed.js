'use strict';

/**
 * Invoices, payments and reminders for the branches whose names start with
 * `namePrefix` (made by the admin-queue scenario, or test/factories/queue-seed.ts),
 * spread like a real campaign's books: an invoice for every affiliation
 * accepted (approved or lapsed), nearly all of last year's paid, about one in
 * eight of this year's unpaid past its due date (from a day to nine months), a
 * few not yet due, some part-paid, some branches holding credit from an
 * overpaid year, and a reminder for about half of those in arrears. Plain SQL,
 * fast for thousands of rows; `paid_at` is set as the ledger would set it.
 * Running it again adds nothing. `db` is a pg Client or a TypeORM DataSource.
 * Shared by the admin-arrears scenario and the arrears EXPLAIN test.
 */
async function seedArrears(db, namePrefix) {
  await db.query(
    `INSERT INTO invoices (affiliation_id, branch_id, reference, affiliation_year, amount_pence, band_label, issued_on, due_on, paid_at, overdue_at)
     SELECT a.id, a.branch_id, 'SEED-' || a.affiliation_year || '-' || left(md5(a.id::text), 10), a.affiliation_year, a.fee_pence, a.fee_band_label,
            x.due - 30, x.due, CASE WHEN x.paid THEN now() END, CASE WHEN NOT x.paid AND x.due < current_date THEN now() END
       FROM (SELECT a.*, abs(hashtext(a.id::text)) AS k
               FROM affiliations a
               JOIN branches b ON b.id = a.branch_id AND b.name LIKE $1 || '%'
              WHERE a.status IN ('approved', 'lapsed')) a,
            LATERAL (SELECT CASE WHEN a.affiliation_year < extract(year FROM current_date)::int THEN make_date(a.affiliation_year, 2, 14) + (a.k % 200)::int
                                 WHEN a.k % 8 = 0 THEN current_date - 1 - (a.k % 270)::int
                                 WHEN a.k % 8 = 1 THEN current_date + (a.k % 30)::int
                                 ELSE current_date - (a.k % 300)::int END AS due,
                            CASE WHEN a.affiliation_year < extract(year FROM current_date)::int THEN a.k % 40 <> 0
                                 ELSE a.k % 8 > 1 END AS paid) x
     ON CONFLICT DO NOTHING`,
    [namePrefix],
  );
  // Paid ones in full (a few overpaid: credit), and part-payments on some unpaid ones.
  await db.query(
    `INSERT INTO payments (invoice_id, branch_id, amount_pence, received_on, method, bank_reference, source)
     SELECT i.id, i.branch_id,
            CASE WHEN i.paid_at IS NOT NULL THEN i.amount_pence + CASE WHEN abs(hashtext(i.reference)) % 25 = 0 THEN 1000 ELSE 0 END ELSE 1000 END,
            least(i.due_on, current_date), 'bank_transfer', 'SEED ' || i.reference, 'manual'
       FROM invoices i
       JOIN branches b ON b.id = i.branch_id AND b.name LIKE $1 || '%'
      WHERE i.paid_at IS NOT NULL OR abs(hashtext(i.reference)) % 5 = 0
     ON CONFLICT DO NOTHING`,
    [namePrefix],
  );
  await db.query(
    `INSERT INTO invoice_reminders (invoice_id, kind, reminded_at)
     SELECT i.id, 'manual', now() - (abs(hashtext(i.reference)) % 20) * interval '1 day'
       FROM invoices i
       JOIN branches b ON b.id = i.branch_id AND b.name LIKE $1 || '%'
      WHERE i.paid_at IS NULL AND i.due_on < current_date AND abs(hashtext(i.reference)) % 2 = 0
        AND NOT EXISTS (SELECT 1 FROM invoice_reminders x WHERE x.invoice_id = i.id)`,
    [namePrefix],
  );
}

module.exports = { seedArrears };
