'use strict';

const { seedAndWait } = require('./_public-seed');

/** Growth: the public JSON list (first page) with 20,000 affiliates. */
module.exports = {
  name: 'public-affiliates-json-20k',
  dataset: '20k',
  path: '/api/public/affiliates',
  target: { anchorRatio: 0.6, p99Ms: 50 },
  setup: seedAndWait(20_000),
};
