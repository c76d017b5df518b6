'use strict';

const { seedAndWait } = require('./_public-seed');

/** Growth: the home page with 20,000 affiliates in the database. */
module.exports = {
  name: 'home-20k',
  dataset: '20k',
  path: '/',
  target: { anchorRatio: 0.6, p99Ms: 50 },
  setup: seedAndWait(20_000),
};
