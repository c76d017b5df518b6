'use strict';

const { seedPublicAffiliates, seedAndWait } = require('./_public-seed');

/**
 * The public list page with 2,000 affiliates: served from bytes rendered and
 * gzipped once per version of the list (rebuilt only on NOTIFY or refresh).
 * Asks for gzip as browsers do.
 */
module.exports = {
  name: 'public-affiliates-page',
  path: '/affiliates',
  headers: { 'Accept-Encoding': 'gzip' },
  target: { anchorRatio: 0.7, p99Ms: 50 },
  setup: seedAndWait(2000),
  // Older callers took the seed from here.
  seedPublicAffiliates,
};
