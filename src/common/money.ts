const POUNDS = /^£?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

/** "£1,250.5" → 125050; null when it is not an amount of money. */
export function parsePounds(value: string): number | null {
  const m = POUNDS.exec(value.trim());
  if (!m) return null;
  const pence = Number(m[1]!.replace(/,/g, '')) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
  return Number.isSafeInteger(pence) ? pence : null;
}

/** 125050 → "1250.50": plain, for CSV and forms. */
export function penceToDecimal(pence: number): string {
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(pence);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** 125050 → "£1,250.50"; whole pounds without pence. */
export function formatMoney(pence: number): string {
  const text = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' }).format(Math.abs(pence) / 100).replace(/\.00$/, '');
  return pence < 0 ? `−${text}` : text;
}
