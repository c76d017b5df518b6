'use strict';

const { seedAndWait } = require('./_public-seed');

/** The public JSON list (first page of 50) with 2,000 affiliates, from the cached serialised body. */
module.exports = {
  name: 'public-affiliates-json',
  path: '/api/public/affiliates',
  target: { anchorRatio: 0.7, p99Ms: 50 },
  setup: seedAndWait(2000),
};
