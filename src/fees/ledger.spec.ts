import { allocate } from './ledger';

describe('balances from the ledger', () => {
  it('settles an invoice paid exactly', () => {
    const b = allocate([{ id: 'a', amountPence: 2500, paidDirectPence: 2500 }]);
    expect(b).toMatchObject({ outstandingPence: 0, creditPence: 0, invoicedPence: 2500, paidPence: 2500 });
  });

  it('leaves the rest outstanding after a part-payment, to the penny', () => {
    const b = allocate([{ id: 'a', amountPence: 5000, paidDirectPence: 1733 }]);
    expect(b.invoices[0]).toMatchObject({ outstandingPence: 3267, creditAppliedPence: 0 });
    expect(b.outstandingPence).toBe(3267);
  });

  it('carries an overpayment as credit to the next invoice', () => {
    const first = allocate([{ id: 'a', amountPence: 2500, paidDirectPence: 3001 }]);
    expect(first).toMatchObject({ outstandingPence: 0, creditPence: 501 });
    const later = allocate([
      { id: 'a', amountPence: 2500, paidDirectPence: 3001 },
      { id: 'b', amountPence: 2500, paidDirectPence: 0 },
    ]);
    expect(later.invoices[1]).toMatchObject({ creditAppliedPence: 501, outstandingPence: 1999 });
    expect(later).toMatchObject({ outstandingPence: 1999, creditPence: 0 });
  });

  it('settles older invoices first with credit', () => {
    const b = allocate([
      { id: 'a', amountPence: 1000, paidDirectPence: 0 },
      { id: 'b', amountPence: 1000, paidDirectPence: 1500 },
      { id: 'c', amountPence: 1000, paidDirectPence: 0 },
    ]);
    expect(b.invoices.map((i) => i.outstandingPence)).toEqual([500, 0, 1000]);
  });

  it('refuses fractions of a penny', () => {
    expect(() => allocate([{ id: 'a', amountPence: 25.5, paidDirectPence: 0 }])).toThrow(/whole pence/);
  });
});
