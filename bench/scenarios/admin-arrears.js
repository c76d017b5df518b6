'use strict';

/**
 * The arrears page (HTML) on realistic books: the admin-queue scenario's
 * 10,000 branches and their affiliations, each accepted one with its invoice,
 * payments (part-payments and credit among them) and reminders, about a
 * thousand invoices in arrears. The page's first view: every bucket counted,
 * the longest overdue first, 50 rows. Signs in as the admin-queue scenario does.
 */

const { Client } = require('pg');
const queue = require('./admin-queue.js');
const { seedArrears } = require('./_arrears-seed.js');

module.exports = {
  name: 'admin-arrears',
  path: '/admin/fees/arrears',
  headers: { Accept: 'text/html' },
  dataset: 'admin',
  // Reading the books (~2,300 invoices and their payments) takes about 10 ms of database time; a view is read
  // from memory while nothing has committed since (src/database/snapshot-cache.ts), as here, leaving ~4 ms a
  // request. The target allows for the books read on every request (16 queue to ~250 ms on one core).
  target: { p95Ms: 250 },
  async setup(ctx) {
    // The branches, affiliations and a signed-in admin, as the queue's benchmark makes them.
    const cookie = await queue.setup(ctx);
    const client = new Client({ connectionString: ctx.databaseUrl });
    await client.connect();
    try {
      await seedArrears(client, 'Bench Branch ');
      await client.query('ANALYZE invoices');
      await client.query('ANALYZE payments');
      await client.query('ANALYZE invoice_reminders');
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM invoices WHERE paid_at IS NULL AND due_on < current_date`);
      ctx.log(`admin-arrears: ${rows[0].n} invoices in arrears`);
    } finally {
      await client.end();
    }
    return cookie;
  },
};
