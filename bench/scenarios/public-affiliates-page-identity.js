'use strict';

const { seedAndWait } = require('./_public-seed');

/** The same page for a client that does not accept gzip: the whole uncompressed body on every request. */
module.exports = {
  name: 'public-affiliates-page-identity',
  path: '/affiliates',
  setup: seedAndWait(2000),
};
