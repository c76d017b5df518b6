import { StatementInvalidError } from './fees.errors';
import { parseStatement, parseStatementAmount, parseStatementDate } from './statement-csv';

function refusal(text: string): StatementInvalidError {
  try {
    parseStatement(text);
  } catch (error) {
    if (error instanceof StatementInvalidError) return error;
    throw error;
  }
  throw new Error('The statement was accepted');
}

describe('bank statement CSV', () => {
  it('reads a signed-amount export', () => {
    const lines = parseStatement('Date,Description,Amount,Transaction ID\n14/03/2026,"BGC PSOOL-2026-0001-X, UNISON",25.00,T1\n15/03/2026,FEE,-1.50,T2\n');
    expect(lines).toEqual([
      { line: 2, date: '2026-03-14', description: 'BGC PSOOL-2026-0001-X, UNISON', amountPence: 2500, transactionId: 'T1' },
      { line: 3, date: '2026-03-15', description: 'FEE', amountPence: -150, transactionId: 'T2' },
    ]);
  });

  it('reads a paid in / paid out export', () => {
    const lines = parseStatement('Date,Details,Paid out,Paid in\n2026-03-14,REF X,,"£1,250.00"\n2026-03-15,CHARGE,2.00,\n');
    expect(lines.map((l) => l.amountPence)).toEqual([125000, -200]);
    expect(lines[0]!.transactionId).toBeNull();
  });

  it('refuses a row with the wrong number of columns, naming the line', () => {
    const e = refusal('Date,Description,Amount\n14/03/2026,A,25.00\n15/03/2026,B\n');
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/Line 3: .*number of columns/);
  });

  it('refuses an unreadable date or amount, naming the line', () => {
    expect(refusal('Date,Description,Amount\n14/03/2026,A,25.00\n31/02/2026,B,1\n').line).toBe(3);
    expect(refusal('Date,Description,Amount\n14/03/2026,A,twenty\n').message).toMatch(/Line 2: "twenty" is not an amount/);
  });

  it('refuses an unclosed quote and a file without the needed columns', () => {
    expect(refusal('Date,Description,Amount\n14/03/2026,"A,25.00\n').message).toMatch(/quoted value is never closed/);
    expect(refusal('When,What\n1,2\n').message).toMatch(/Line 1: .*date/);
    expect(refusal('').message).toMatch(/empty/);
  });

  it('parses dates and amounts strictly', () => {
    expect(parseStatementDate('1/2/2026')).toBe('2026-02-01');
    expect(parseStatementDate('2026-02-30')).toBeNull();
    expect(parseStatementAmount('(12.50)')).toBe(-1250);
    expect(parseStatementAmount('12.505')).toBeUndefined();
    expect(parseStatementAmount('')).toBeNull();
  });
});
