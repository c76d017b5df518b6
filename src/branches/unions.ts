/**
 * The UK unions a branch can belong to: the TUC's affiliates and the major
 * others. Keys are stored; names are shown. A union that merged away (UCATT
 * into Unite, ATL and NUT into the NEU) is not offered. Anything missing is
 * entered as "other" with its name.
 */
export interface Union {
  readonly key: string;
  readonly name: string;
}

export const OTHER_UNION = 'other';

export const UNIONS: readonly Union[] = [
  { key: 'accord', name: 'Accord' },
  { key: 'advance', name: 'Advance' },
  { key: 'aegis', name: 'Aegis' },
  { key: 'aep', name: 'Association of Educational Psychologists (AEP)' },
  { key: 'aslef', name: 'ASLEF' },
  { key: 'bda', name: 'British Dietetic Association (BDA)' },
  { key: 'bectu', name: 'Bectu (Prospect)' },
  { key: 'bfawu', name: 'Bakers, Food and Allied Workers Union (BFAWU)' },
  { key: 'bos', name: 'British Orthoptic Society Trade Union' },
  { key: 'csp', name: 'Chartered Society of Physiotherapy (CSP)' },
  { key: 'community', name: 'Community' },
  { key: 'cwu', name: 'Communication Workers Union (CWU)' },
  { key: 'eis', name: 'Educational Institute of Scotland (EIS)' },
  { key: 'equity', name: 'Equity' },
  { key: 'fda', name: 'FDA' },
  { key: 'fbu', name: 'Fire Brigades Union (FBU)' },
  { key: 'gmb', name: 'GMB' },
  { key: 'hcsa', name: 'Hospital Consultants and Specialists Association (HCSA)' },
  { key: 'iwgb', name: 'Independent Workers Union of Great Britain (IWGB)' },
  { key: 'mu', name: "Musicians' Union" },
  { key: 'napo', name: 'Napo' },
  { key: 'nasuwt', name: 'NASUWT' },
  { key: 'nautilus', name: 'Nautilus International' },
  { key: 'neu', name: 'National Education Union (NEU)' },
  { key: 'nsead', name: 'National Society for Education in Art and Design (NSEAD)' },
  { key: 'nuj', name: 'National Union of Journalists (NUJ)' },
  { key: 'nups', name: 'National Union of Professional Staff' },
  { key: 'pcs', name: 'Public and Commercial Services Union (PCS)' },
  { key: 'pfa', name: "Professional Footballers' Association (PFA)" },
  { key: 'poa', name: 'POA' },
  { key: 'prospect', name: 'Prospect' },
  { key: 'rcm', name: 'Royal College of Midwives (RCM)' },
  { key: 'rcn', name: 'Royal College of Nursing (RCN)' },
  { key: 'rmt', name: 'National Union of Rail, Maritime and Transport Workers (RMT)' },
  { key: 'scop', name: 'Royal College of Podiatry' },
  { key: 'siptu', name: 'SIPTU' },
  { key: 'sor', name: 'Society of Radiographers' },
  { key: 'ssta', name: 'Scottish Secondary Teachers Association (SSTA)' },
  { key: 'tssa', name: 'TSSA' },
  { key: 'ucu', name: 'University and College Union (UCU)' },
  { key: 'unison', name: 'UNISON' },
  { key: 'unite', name: 'Unite the Union' },
  { key: 'unity', name: 'Unity' },
  { key: 'usdaw', name: 'Usdaw' },
  { key: 'uvw', name: 'United Voices of the World (UVW)' },
  { key: 'wga', name: "Writers' Guild of Great Britain" },
  { key: 'nipsa', name: 'NIPSA' },
];

export const UNION_KEYS: readonly string[] = [...UNIONS.map((u) => u.key), OTHER_UNION];

const BY_KEY = new Map(UNIONS.map((u) => [u.key, u]));

/** The name to show for a branch's union. */
export function unionName(key: string, other?: string | null): string {
  if (key === OTHER_UNION) return other ?? 'Other union';
  return BY_KEY.get(key)?.name ?? key;
}
