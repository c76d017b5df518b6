'use strict';
// Personalised model motions per second, in-process: the DocumentsService
// (template compiled once per version; per motion only the values are escaped
// into the precompiled XML and the parts zipped) against docxtemplater +
// pizzip filling an equivalent .docx, and against the docx package building
// the whole document per motion. Needs the built app: `npm run bench` builds.

const { join } = require('node:path');
const { readFileSync } = require('node:fs');

const DIST = join(__dirname, '..', '..', 'dist', 'src', 'documents');
const TEMPLATES = join(__dirname, '..', '..', 'templates');
const TARGET_RATIO = 1.2;
const ROUND_MS = 1500;
const ROUNDS = 5;

/** Calls `fn(i)` for about `ms` and returns calls per second (async calls awaited one by one). */
async function rate(fn, ms) {
  const start = process.hrtime.bigint();
  const limit = BigInt(ms) * 1_000_000n;
  let n = 0;
  while (process.hrtime.bigint() - start < limit) {
    await fn(n);
    n++;
  }
  return n / (Number(process.hrtime.bigint() - start) / 1e9);
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** The service with its template held in memory instead of the database: the render path is the same. */
function serviceWithoutDatabase(DocumentsService, row) {
  const repository = {
    findLatest: async (kind) => (kind === row.kind ? row : null),
    findVersion: async (kind, version) => (kind === row.kind && version === row.version ? row : null),
  };
  const counter = { count() {} };
  const clock = { now: () => new Date(), today: () => new Date().toISOString().slice(0, 10) };
  const config = {
    getOrThrow: (key) =>
      key === 'campaign' ? { addressLines: ['Police Spies Out of Lives', '1 Example Street', 'London'], email: 'bench@example.org' } : { publicUrl: 'http://localhost:3000' },
  };
  return new DocumentsService(repository, counter, clock, config);
}

async function run({ log }) {
  const { DocumentsService } = require(join(DIST, 'documents.service.js'));
  const { compileTemplate, renderDirect } = require(join(DIST, 'compiled-template.js'));
  const { parseTemplateFile } = require(join(DIST, 'template-source.js'));
  const { resolveValues } = require(join(DIST, 'placeholder-values.js'));
  const { branchPhrases } = require(join(DIST, 'branch-phrases.js'));
  const { readZip } = require(join(DIST, 'zip.js'));
  const PizZip = require('pizzip');
  const Docxtemplater = require('docxtemplater');

  const parsed = parseTemplateFile('model-motion', readFileSync(join(TEMPLATES, 'model-motion.md'), 'utf8'));
  const source = { ...parsed, createdAt: new Date('2025-01-01T00:00:00Z') };
  const service = serviceWithoutDatabase(DocumentsService, { ...source, id: 'bench', createdBy: null });

  // The equivalent template for docxtemplater: our own personalised form with {tag}s where the values go.
  const bands = 'Up to 500 members: £25\n501 to 2,000 members: £50\n2,001 to 5,000 members: £100';
  const compiled = await compileTemplate(source);
  const tags = ['branch.name', 'union', 'branch.full_name', 'branch.title', 'meeting.date', 'fee.bands'];
  const tagged = await compiled.fill(Object.fromEntries(tags.map((tag) => [tag, [`{${tag}}`]])));

  const values = (i) => ({ 'branch.name': `Bristol & District Branch ${i}`, union: 'Unite', 'meeting.date': '2025-03-14', 'fee.bands': bands });
  const ours = async (i) => (await service.render('model-motion', values(i))).buffer;
  const docxtemplater = (i) => {
    const doc = new Docxtemplater(new PizZip(tagged), { paragraphLoop: true, linebreaks: true });
    const v = values(i);
    const p = branchPhrases(v['branch.name'], v.union);
    doc.render({ ...v, 'branch.full_name': p.fullName, 'branch.title': p.title, 'meeting.date': '14\u00a0March\u00a02025' });
    return doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' });
  };
  const direct = (i) => renderDirect(source, resolveValues('model-motion', { ...values(i), 'branch.full_name': branchPhrases(values(i)['branch.name'], 'Unite').fullName }));

  // Same text out of all three, before timing anything.
  const documentXml = (buffer) => readZip(buffer).find((p) => p.name === 'word/document.xml').data.toString('utf8');
  const expected = 'Motion to affiliate to Police Spies Out of Lives — Bristol &amp; District Branch 7 of Unite';
  for (const [name, out] of [['ours', await ours(7)], ['docxtemplater', docxtemplater(7)], ['docx', await direct(7)]]) {
    if (!documentXml(out).includes(expected)) throw new Error(`${name} did not produce the expected document`);
  }
  if (documentXml(await ours(7)) !== documentXml(docxtemplater(7))) log('note: docxtemplater\'s document.xml differs from ours in bytes (same text)');

  log('warming up…');
  await rate(ours, 500);
  await rate(docxtemplater, 500);
  await rate(direct, 500);

  const oursRates = [];
  const dtRates = [];
  const directRates = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate the order so drift on the machine hits both alike.
    if (round % 2) {
      dtRates.push(await rate(docxtemplater, ROUND_MS));
      oursRates.push(await rate(ours, ROUND_MS));
    } else {
      oursRates.push(await rate(ours, ROUND_MS));
      dtRates.push(await rate(docxtemplater, ROUND_MS));
    }
    directRates.push(await rate(direct, ROUND_MS / 3));
    log(`round ${round + 1}: ours ${oursRates[round].toFixed(0)}/s, docxtemplater ${dtRates[round].toFixed(0)}/s, docx per motion ${directRates[round].toFixed(0)}/s`);
  }
  const ratios = oursRates.map((r, i) => r / dtRates[i]);
  const oursMedian = median(oursRates);
  const dtMedian = median(dtRates);
  const directMedian = median(directRates);
  return [
    {
      name: 'personalised model motion (DocumentsService.render)',
      value: Math.round(oursMedian),
      unit: 'motions/s',
      ratio: Number(median(ratios).toFixed(2)),
      target: { ratioMin: TARGET_RATIO },
      note: 'ratio: to docxtemplater + pizzip filling the same .docx, median of per-round ratios',
    },
    { name: 'docxtemplater + pizzip, same document', value: Math.round(dtMedian), unit: 'motions/s', ratio: 1 },
    {
      name: 'docx package building each motion',
      value: Math.round(directMedian),
      unit: 'motions/s',
      ratio: Number((directMedian / dtMedian).toFixed(2)),
    },
  ];
}

module.exports = { name: 'documents', run };
