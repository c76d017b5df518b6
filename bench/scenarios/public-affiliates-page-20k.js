'use strict';

const { seedAndWait } = require('./_public-seed');

/** Growth: the public list page (its first page, gzip) with 20,000 affiliates. */
module.exports = {
  name: 'public-affiliates-page-20k',
  dataset: '20k',
  path: '/affiliates',
  headers: { 'Accept-Encoding': 'gzip' },
  target: { anchorRatio: 0.6, p99Ms: 50 },
  setup: seedAndWait(20_000),
};
