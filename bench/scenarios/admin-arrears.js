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
  // About 20 ms of work a request (most of it the database reading ~2,000 invoices' books), so 8 connections queue
  // to ~160 ms at best on one core: the target allows for that, not for a slower query.
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
