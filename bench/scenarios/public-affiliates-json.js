'use strict';

const { seedPublicAffiliates } = require('./public-affiliates-page');

/** The public JSON list (first page of 50) with 2,000 affiliates, from the cached serialised body. */
module.exports = {
  name: 'public-affiliates-json',
  path: '/api/public/affiliates',
  target: { rpsRatio: 0.7, p99Ms: 50 },
  setup: seedPublicAffiliates,
};
