'use strict';

/**
 * The generic model motion: a precomputed .docx served from memory with its
 * ETag, so it should cost little more than bare Nest sending the same bytes
 * with the same headers (the anchor's docx route, which the ratio uses).
 */
module.exports = {
  name: 'generic model motion',
  path: '/documents/model-motion.docx',
  anchor: 'docx',
  target: { anchorRatio: 0.8, p99Ms: 50 },
};
