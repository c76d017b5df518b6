'use strict';

/**
 * The admin queue API on a realistic table: 10,000 branches with this year's
 * affiliation (about one in ten waiting for review) and most with last year's
 * too, filtered by status and sorted newest first — the query the queue page
 * runs. Signs in as an admin over HTTP with both factors.
 */

const { Client } = require('pg');

const BRANCHES = 10_000;
const ADMIN_EMAIL = 'bench.admin@example.org';
const ADMIN_PASSWORD = 'bench admin passphrase 2026';
const UNIONS = ['unison', 'unite', 'gmb', 'neu', 'pcs', 'cwu', 'rmt', 'ucu', 'usdaw', 'fbu', 'nuj', 'equity'];
const REGIONS = ['northern', 'north_west', 'yorkshire_humber', 'midlands', 'eastern', 'london', 'south_east', 'south_west', 'wales', 'scotland', 'northern_ireland'];

async function seed(client, log) {
  const { rows } = await client.query(`SELECT count(*)::int AS n FROM branches WHERE name LIKE 'Bench Branch %'`);
  if (rows[0].n >= BRANCHES) {
    log(`admin-queue: ${rows[0].n} bench branches already seeded`);
    return;
  }
  const year = new Date().getFullYear();
  await client.query('BEGIN');
  await client.query(
    `INSERT INTO branches ("union", union_key, name, normalised_name, region, membership_size, public_name, list_publicly)
     SELECT u, u, 'Bench Branch ' || i, 'bench branch ' || i, r, 50 + (i * 37) % 9000, initcap(u) || ' Bench Branch ' || lpad(i::text, 6, '0'), i % 3 <> 0
       FROM generate_series(1, $1::int) AS i,
            LATERAL (SELECT ($2::text[])[1 + i % array_length($2::text[], 1)] AS u, ($3::text[])[1 + (i * 7) % array_length($3::text[], 1)] AS r) x
     ON CONFLICT DO NOTHING`,
    [BRANCHES, UNIONS, REGIONS],
  );
  await client.query(
    `INSERT INTO affiliations (branch_id, affiliation_year, status, motion_passed_on, endorses_statement, membership_size, fee_band_label, fee_pence, submitted_at, approved_at)
     SELECT b.id, $1::int, s.status, make_date($1::int, 1, 15), true, b.membership_size, 'Up to 500 members', 2500,
            now() - (random() * interval '300 days'), CASE WHEN s.status = 'approved' THEN now() END
       FROM (SELECT id, membership_size, row_number() OVER (ORDER BY name) AS k FROM branches WHERE name LIKE 'Bench Branch %') b,
            LATERAL (SELECT CASE WHEN b.k % 10 = 0 THEN 'submitted' WHEN b.k % 25 = 1 THEN 'changes_requested'
                                 WHEN b.k % 31 = 2 THEN 'lapsed' WHEN b.k % 47 = 3 THEN 'rejected' ELSE 'approved' END AS status) s
     ON CONFLICT DO NOTHING`,
    [year],
  );
  await client.query(
    `INSERT INTO affiliations (branch_id, affiliation_year, status, motion_passed_on, endorses_statement, membership_size, fee_band_label, fee_pence, submitted_at, approved_at)
     SELECT id, $1::int, CASE WHEN random() < 0.9 THEN 'approved' ELSE 'lapsed' END, make_date($1::int, 1, 15), true, membership_size, 'Up to 500 members', 2500,
            now() - interval '400 days' + (random() * interval '60 days'), now() - interval '390 days'
       FROM branches WHERE name LIKE 'Bench Branch %' AND random() < 0.8
     ON CONFLICT DO NOTHING`,
    [year - 1],
  );
  await client.query('COMMIT');
  await client.query('ANALYZE branches');
  await client.query('ANALYZE affiliations');
  log(`admin-queue: seeded ${BRANCHES} branches with affiliations`);
}

async function createAdmin(client) {
  const argon2 = require('argon2');
  const { generateSecret } = await import('otplib');
  const secret = generateSecret();
  const hash = await argon2.hash(ADMIN_PASSWORD, { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 });
  await client.query(
    `INSERT INTO users (email, name, role, password_hash, email_verified_at, totp_secret)
     VALUES ($1, 'Bench Admin', 'admin', $2, now(), $3)
     ON CONFLICT ON CONSTRAINT uq_users_email DO UPDATE SET password_hash = $2, totp_secret = $3, totp_last_step = NULL, disabled_at = NULL`,
    [ADMIN_EMAIL, hash, secret],
  );
  return secret;
}

/** Keeps the session cookie across requests, as a browser would. */
function cookieJar() {
  const jar = new Map();
  return {
    take(res) {
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const i = pair.indexOf('=');
        jar.set(pair.slice(0, i), pair.slice(i + 1));
      }
    },
    header: () => [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
  };
}

async function signIn(baseUrl, secret) {
  const { generateSync } = await import('otplib');
  const jar = cookieJar();
  const call = async (method, path, body, csrf) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', Cookie: jar.header(), ...(csrf && { 'X-CSRF-Token': csrf }) },
      body: body && JSON.stringify(body),
    });
    jar.take(res);
    const json = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const { token } = await call('GET', '/api/csrf');
  const login = await call('POST', '/api/auth/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD }, token);
  if (!login.mfaRequired) throw new Error('expected the admin sign-in to ask for the second factor');
  await call('POST', '/api/auth/mfa', { code: generateSync({ secret }) }, login.csrfToken);
  // Prove the session works on the measured route before handing it over.
  await call('GET', '/api/admin/affiliations?status=submitted&pageSize=1');
  return jar.header();
}

module.exports = {
  name: 'admin-queue',
  path: '/api/admin/affiliations?status=submitted&sort=-submittedAt&pageSize=25',
  headers: { Accept: 'application/json' },
  dataset: 'admin',
  // Issue 16: p95 under 50 ms at 10,000 branches on the embedded PostgreSQL.
  target: { p95Ms: 50 },
  async setup({ baseUrl, databaseUrl, log }) {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    let secret;
    try {
      await seed(client, log);
      secret = await createAdmin(client);
    } finally {
      await client.end();
    }
    return { Cookie: await signIn(baseUrl, secret) };
  },
};
