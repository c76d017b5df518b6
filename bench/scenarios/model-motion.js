'use strict';

/**
 * The generic model motion: a precomputed .docx served from memory with its
 * ETag, so it should cost little more than the no-op route.
 */
module.exports = {
  name: 'generic model motion',
  path: '/documents/model-motion.docx',
  target: { rpsRatio: 0.9 },
};
