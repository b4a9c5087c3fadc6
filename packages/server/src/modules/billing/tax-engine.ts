import { allocate, sum } from '../../platform/money/money.ts';
import { divRound, parseDecimal, pow10, type Rounding } from '../../platform/money/decimal.ts';

/**
 * The tax engine: pure, no I/O. Rules are the ISP's data (tax_rules rows); this decides which
 * apply to a line and computes them, rounded per line and per tax (half-up by default).
 *
 * - India GST: CGST + SGST rules with scope 'intra' (buyer in the seller's state), IGST with
 *   scope 'inter'.
 * - EU VAT: one rule per buyer country; reverse_charge_b2b makes a business buyer with a VAT
 *   number in another country self-assess (amount 0, flagged, the rate still shown).
 * - US sales tax: rules by region (state, plus more rules for county/district), all summed.
 * - Compound rules are charged on the net plus the non-compound taxes.
 */
export type TaxRuleInput = {
  id: string; name: string; kind: string; country: string | null; region: string | null;
  scope: 'any' | 'intra' | 'inter'; rate: string; compound: boolean; reverseChargeB2b: boolean;
  category: string; priority: number; active: boolean; validFrom: string | null; validTo: string | null;
};
export type Party = { country: string | null; region: string | null; taxId?: string | null; isBusiness?: boolean };
export type LineInput = { amount: number; category: string; exempt?: boolean };
export type LineTax = { ruleId: string; name: string; kind: string; rate: string; taxable: number; amount: number; reverseCharge: boolean };
export type LineResult = { net: number; tax: number; gross: number; taxes: LineTax[] };
export type TaxContext = { seller: Party; buyer: Party; date: string; pricesIncludeTax: boolean; rounding?: Rounding };

const RATE_SCALE = 4; // rates are numeric(9,4) percent
const ONE = 100n * pow10(RATE_SCALE); // 100% in rate units

function rateUnits(rate: string): bigint {
  const d = parseDecimal(rate);
  if (d.scale > RATE_SCALE) throw new RangeError(`Tax rates have at most ${RATE_SCALE} decimals: ${rate}`);
  return d.digits * pow10(RATE_SCALE - d.scale);
}

/** The rules that apply to a line of `category` sold by `seller` to `buyer` on `date`. */
export function applicableRules(rules: readonly TaxRuleInput[], category: string, ctx: TaxContext): TaxRuleInput[] {
  // Place of supply is the buyer's location; a buyer with no address is taxed where the seller is.
  const country = ctx.buyer.country ?? ctx.seller.country;
  const region = ctx.buyer.region ?? (ctx.buyer.country ? null : ctx.seller.region);
  const sameRegion = country === ctx.seller.country && region !== null && region === ctx.seller.region;
  return rules
    .filter((r) => r.active
      && (r.validFrom === null || r.validFrom <= ctx.date) && (r.validTo === null || ctx.date <= r.validTo)
      && (r.category === '*' || r.category === category)
      && (r.country === null || r.country === country)
      && (r.region === null || r.region === region)
      && (r.scope === 'any' || (r.scope === 'intra') === sameRegion))
    .sort((a, b) => a.priority - b.priority || a.name.localeCompare(b.name));
}

function isReverseCharged(rule: TaxRuleInput, ctx: TaxContext): boolean {
  const buyerCountry = ctx.buyer.country ?? ctx.seller.country;
  return rule.reverseChargeB2b && Boolean(ctx.buyer.isBusiness) && Boolean(ctx.buyer.taxId?.trim())
    && buyerCountry !== null && buyerCountry !== ctx.seller.country;
}

/** Taxes of one line computed on a known net amount (exclusive pricing). */
function taxesOnNet(net: number, rules: readonly TaxRuleInput[], ctx: TaxContext): LineTax[] {
  const mode = ctx.rounding ?? 'half_up';
  const simple = rules.filter((r) => !r.compound);
  const out: LineTax[] = simple.map((r) => ({
    ruleId: r.id, name: r.name, kind: r.kind, rate: r.rate, taxable: net,
    amount: Number(divRound(BigInt(net) * rateUnits(r.rate), ONE, mode)), reverseCharge: isReverseCharged(r, ctx),
  }));
  const base = net + sum(out.map((t) => t.amount));
  for (const r of rules.filter((x) => x.compound)) {
    out.push({ ruleId: r.id, name: r.name, kind: r.kind, rate: r.rate, taxable: base,
      amount: Number(divRound(BigInt(base) * rateUnits(r.rate), ONE, mode)), reverseCharge: isReverseCharged(r, ctx) });
  }
  return out;
}

/**
 * One line. Exclusive pricing: `amount` is the net. Inclusive pricing: `amount` is what the
 * price list shows with every applicable tax in it; the net is backed out, and the taxes are
 * split so that net + taxes equals that amount to the minor unit. Reverse-charged taxes are
 * shown with amount 0 and are not charged (the business buyer pays the net).
 */
export function taxLine(line: LineInput, rules: readonly TaxRuleInput[], ctx: TaxContext): LineResult {
  const applicable = line.exempt ? [] : applicableRules(rules, line.category, ctx);
  let taxes: LineTax[];
  let net: number;
  if (!ctx.pricesIncludeTax || applicable.length === 0) {
    net = line.amount;
    taxes = taxesOnNet(net, applicable, ctx);
  } else {
    const simple = applicable.filter((r) => !r.compound).reduce((a, r) => a + rateUnits(r.rate), 0n);
    const compound = applicable.filter((r) => r.compound).reduce((a, r) => a + rateUnits(r.rate), 0n);
    // gross = net × (1 + simple) × (1 + compound)
    net = Number(divRound(BigInt(line.amount) * ONE * ONE, (ONE + simple) * (ONE + compound), ctx.rounding ?? 'half_up'));
    const raw = taxesOnNet(net, applicable, ctx);
    const parts = allocate(line.amount - net, raw.map((t) => Math.abs(t.amount)));
    taxes = raw.map((t, i) => ({ ...t, amount: parts[i]! }));
  }
  taxes = taxes.map((t) => (t.reverseCharge ? { ...t, amount: 0 } : t));
  const tax = sum(taxes.map((t) => t.amount));
  return { net, tax, gross: net + tax, taxes };
}

export type InvoiceTaxResult = { lines: LineResult[]; subtotal: number; taxTotal: number; total: number };

/** Every line taxed on its own; totals are sums of rounded lines, never rounded again. */
export function taxInvoice(lines: readonly LineInput[], rules: readonly TaxRuleInput[], ctx: TaxContext): InvoiceTaxResult {
  const results = lines.map((l) => taxLine(l, rules, ctx));
  const subtotal = sum(results.map((r) => r.net));
  const taxTotal = sum(results.map((r) => r.tax));
  return { lines: results, subtotal, taxTotal, total: subtotal + taxTotal };
}
