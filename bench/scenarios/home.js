'use strict';

/** The public home page: routing, helmet headers, Handlebars layout and partials; no database. */
module.exports = {
  name: 'home',
  method: 'GET',
  path: '/',
  target: { anchorRatio: 0.6, p99Ms: 50 },
};
