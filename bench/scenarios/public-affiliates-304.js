'use strict';

const { seedPublicAffiliates } = require('./_public-seed');

/** Revalidating the public list page with its ETag: a 304 without a body. */
module.exports = {
  name: 'public-affiliates-304',
  path: '/affiliates',
  target: { rpsRatio: 0.7, p99Ms: 50 },
  async setup(ctx) {
    await seedPublicAffiliates(ctx, 2000);
    // The seeding's NOTIFY rebuilds the list; wait until the ETag settles on the seeded list.
    let etag;
    for (let i = 0; i < 50; i++) {
      const res = await fetch(`${ctx.baseUrl}/affiliates`);
      await res.arrayBuffer();
      const now = res.headers.get('etag');
      if (now && now === etag) return { 'If-None-Match': etag };
      etag = now;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('the /affiliates ETag did not settle');
  },
};
