import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { taxInvoice, taxLine, type TaxContext, type TaxRuleInput } from './tax-engine.ts';

let n = 0;
const rule = (r: Partial<TaxRuleInput> & Pick<TaxRuleInput, 'name' | 'rate'>): TaxRuleInput => ({
  id: `r${++n}`, kind: 'other', country: null, region: null, scope: 'any', compound: false, reverseChargeB2b: false,
  category: '*', priority: 0, active: true, validFrom: null, validTo: null, ...r,
});

const gst = [
  rule({ name: 'CGST', kind: 'gst', country: 'IN', scope: 'intra', rate: '9' }),
  rule({ name: 'SGST', kind: 'gst', country: 'IN', scope: 'intra', rate: '9' }),
  rule({ name: 'IGST', kind: 'gst', country: 'IN', scope: 'inter', rate: '18' }),
];
const vat = [
  rule({ name: 'VAT DE', kind: 'vat', country: 'DE', rate: '19', reverseChargeB2b: true }),
  rule({ name: 'VAT FR', kind: 'vat', country: 'FR', rate: '20', reverseChargeB2b: true }),
];
const us = [
  rule({ name: 'CA state', kind: 'sales_tax', country: 'US', region: 'CA', rate: '7.25' }),
  rule({ name: 'LA county district', kind: 'sales_tax', country: 'US', region: 'CA', rate: '2.25', priority: 1 }),
  rule({ name: 'NY state', kind: 'sales_tax', country: 'US', region: 'NY', rate: '4' }),
];
const ctx = (c: Partial<TaxContext>): TaxContext => ({ seller: { country: 'IN', region: 'KA' }, buyer: { country: 'IN', region: 'KA' }, date: '2026-11-01', pricesIncludeTax: false, ...c });

describe('India GST', () => {
  it('charges CGST + SGST within the seller state', () => {
    const r = taxLine({ amount: 100000, category: 'internet' }, gst, ctx({}));
    expect(r.taxes.map((t) => [t.name, t.amount])).toEqual([['CGST', 9000], ['SGST', 9000]]);
    expect(r.gross).toBe(118000);
  });
  it('charges IGST across states', () => {
    const r = taxLine({ amount: 100000, category: 'internet' }, gst, ctx({ buyer: { country: 'IN', region: 'MH' } }));
    expect(r.taxes.map((t) => [t.name, t.amount])).toEqual([['IGST', 18000]]);
  });
  it('backs the net out of an inclusive price to the paisa', () => {
    const r = taxLine({ amount: 99900, category: 'internet' }, gst, ctx({ pricesIncludeTax: true }));
    expect(r.net).toBe(84661); // 999 / 1.18 = 846.6101…
    expect(r.net + r.tax).toBe(99900);
    expect(r.taxes.map((t) => t.amount)).toEqual([7620, 7619]);
  });
});

describe('EU VAT', () => {
  const seller = { country: 'DE', region: null };
  it('charges the buyer country VAT to a consumer', () => {
    const r = taxLine({ amount: 5000, category: 'internet' }, vat, ctx({ seller, buyer: { country: 'FR', region: null } }));
    expect(r.taxes).toMatchObject([{ name: 'VAT FR', amount: 1000, reverseCharge: false }]);
  });
  it('reverse-charges a business with a VAT number in another member state', () => {
    const r = taxLine({ amount: 5000, category: 'internet' }, vat, ctx({ seller, buyer: { country: 'FR', region: null, isBusiness: true, taxId: 'FR40303265045' } }));
    expect(r.taxes).toMatchObject([{ name: 'VAT FR', amount: 0, reverseCharge: true, rate: '20' }]);
    expect(r.gross).toBe(5000);
  });
  it('charges domestic VAT to a business in the seller country', () => {
    const r = taxLine({ amount: 5000, category: 'internet' }, vat, ctx({ seller, buyer: { country: 'DE', region: null, isBusiness: true, taxId: 'DE129273398' } }));
    expect(r.taxes).toMatchObject([{ name: 'VAT DE', amount: 950, reverseCharge: false }]);
  });
});

describe('US sales tax', () => {
  it('sums several taxes on one line by region', () => {
    const r = taxLine({ amount: 4999, category: 'internet' }, us, ctx({ seller: { country: 'US', region: 'CA' }, buyer: { country: 'US', region: 'CA' } }));
    expect(r.taxes.map((t) => [t.name, t.amount])).toEqual([['CA state', 362], ['LA county district', 112]]);
    expect(r.tax).toBe(474);
  });
  it('charges nothing where no rule matches', () => {
    const r = taxLine({ amount: 4999, category: 'internet' }, us, ctx({ seller: { country: 'US', region: 'CA' }, buyer: { country: 'US', region: 'OR' } }));
    expect(r.taxes).toEqual([]);
    expect(r.gross).toBe(4999);
  });
});

describe('rule matching', () => {
  it('honours category, validity dates, active flag and compound rules', () => {
    const rules = [
      rule({ name: 'Telecom levy', category: 'internet', rate: '2' }),
      rule({ name: 'Old', rate: '50', validTo: '2020-12-31' }),
      rule({ name: 'Off', rate: '50', active: false }),
      rule({ name: 'QST', rate: '10', compound: true, priority: 5 }),
    ];
    const a = taxLine({ amount: 10000, category: 'internet' }, rules, ctx({}));
    expect(a.taxes.map((t) => [t.name, t.taxable, t.amount])).toEqual([['Telecom levy', 10000, 200], ['QST', 10200, 1020]]);
    const b = taxLine({ amount: 10000, category: 'installation' }, rules, ctx({}));
    expect(b.taxes.map((t) => t.name)).toEqual(['QST']);
  });
});

describe('properties over many rates and amounts', () => {
  const rate = fc.integer({ min: 0, max: 300000 }).map((u) => `${Math.floor(u / 10000)}.${String(u % 10000).padStart(4, '0')}`);
  const rules = fc.array(fc.record({ rate, compound: fc.boolean() }), { minLength: 1, maxLength: 4 })
    .map((rs) => rs.map((r, i) => rule({ name: `T${i}`, rate: r.rate, compound: r.compound })));
  const amount = fc.integer({ min: -10_000_000_000, max: 10_000_000_000 });

  it('exclusive: gross = net + taxes, and each tax is within half a unit of exact', () => {
    fc.assert(fc.property(amount, rules, (a, rs) => {
      const r = taxLine({ amount: a, category: 'internet' }, rs, ctx({}));
      return r.net === a && r.gross === r.net + r.tax
        && r.taxes.every((t) => Math.abs(t.amount - (t.taxable * Number(t.rate)) / 100) <= 0.5 + 1e-6 * Math.abs(t.taxable));
    }));
  });
  it('inclusive: net + taxes equal the price exactly', () => {
    fc.assert(fc.property(amount, rules, (a, rs) => {
      const r = taxLine({ amount: a, category: 'internet' }, rs, ctx({ pricesIncludeTax: true }));
      return r.gross === a && r.net + r.tax === a;
    }));
  });
  it('invoice totals are the sums of the rounded lines', () => {
    fc.assert(fc.property(fc.array(amount, { minLength: 1, maxLength: 10 }), rules, fc.boolean(), (as, rs, incl) => {
      const inv = taxInvoice(as.map((a) => ({ amount: a, category: 'internet' })), rs, ctx({ pricesIncludeTax: incl }));
      return inv.total === inv.subtotal + inv.taxTotal
        && inv.subtotal === inv.lines.reduce((x, l) => x + l.net, 0)
        && inv.taxTotal === inv.lines.reduce((x, l) => x + l.tax, 0);
    }));
  });
});
