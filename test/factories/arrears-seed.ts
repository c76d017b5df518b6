import type { DataSource } from 'typeorm';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const shared = require('../../bench/scenarios/_arrears-seed.js') as {
  seedArrears(db: Pick<DataSource, 'query'>, namePrefix: string): Promise<void>;
};

/**
 * Invoices, payments and reminders for the branches `seedQueue` made, spread
 * like a real campaign's books (see bench/scenarios/_arrears-seed.js, which the
 * admin-arrears benchmark seeds with too).
 */
export function seedArrears(ds: Pick<DataSource, 'query'>, namePrefix = 'Seed Branch '): Promise<void> {
  return shared.seedArrears(ds, namePrefix);
}
