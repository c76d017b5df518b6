'use strict';

/** Readiness check: a database ping through TypeORM and @nestjs/terminus on every request. */
module.exports = {
  name: 'health',
  method: 'GET',
  path: '/health',
};
