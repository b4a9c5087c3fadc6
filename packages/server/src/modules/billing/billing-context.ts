import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { rows } from '../../platform/db/scope.ts';
import { convert } from '../../platform/money/money.ts';
import { rateFor, type RateUsed } from './rates.service.ts';
import { loadSettings, loadTaxRules, type BillingSettings } from './tax-rules.service.ts';
import type { TaxRuleInput } from './tax-engine.ts';
import type { PartyInfo } from './schema.ts';

export type IspInfo = { id: string; displayName: string; logoUrl: string | null; primaryColor: string; currency: string; defaultLocale: string; timezone: string };
export type BuyerRow = {
  id: string; branch_id: string | null; first_name: string; last_name: string; email: string | null; address: string | null; city: string | null;
  account_number: string; locale: string | null; country: string | null; region: string | null; tax_id: string | null; is_business: boolean | null; currency: string | null;
};

/** What every invoice of one ISP needs, loaded once per request or billing-run batch. */
export type BillingContext = {
  isp: IspInfo; settings: BillingSettings; rules: TaxRuleInput[]; seller: PartyInfo & { country: string | null; region: string | null };
  /** Rates looked up so far (from|to|date → rate). */
  rates: Map<string, RateUsed>;
};

export async function loadBillingContext(tx: Tx, ispId: string): Promise<BillingContext> {
  const [isp] = await rows<{ id: string; display_name: string; logo_url: string | null; primary_color: string; currency: string; default_locale: string; timezone: string; contact_email: string | null }>(tx,
    sql`SELECT id, display_name, logo_url, primary_color, currency, default_locale, timezone, contact_email FROM isps WHERE id = ${ispId}`);
  if (!isp) throw new Error(`ISP ${ispId} not visible`);
  const settings = await loadSettings(tx, ispId);
  const rules = await loadTaxRules(tx, ispId);
  return {
    isp: { id: isp.id, displayName: isp.display_name, logoUrl: isp.logo_url, primaryColor: isp.primary_color, currency: isp.currency.trim(), defaultLocale: isp.default_locale, timezone: isp.timezone },
    settings, rules, rates: new Map(),
    seller: {
      name: settings.legal_name ?? isp.display_name, address: settings.address, country: settings.country, region: settings.region, tax_id: settings.tax_id,
      email: isp.contact_email, logo_url: isp.logo_url, primary_color: isp.primary_color,
    },
  };
}

export async function loadBuyers(tx: Tx, subscriberIds: readonly string[]): Promise<Map<string, BuyerRow>> {
  if (subscriberIds.length === 0) return new Map();
  const list = await rows<BuyerRow>(tx, sql`SELECT s.id, s.branch_id, s.first_name, s.last_name, s.email, s.address, s.city, s.account_number, s.locale,
      p.country, p.region, p.tax_id, p.is_business, p.currency
    FROM subscribers s LEFT JOIN billing_profiles p ON p.subscriber_id = s.id
    WHERE s.id = ANY(${`{${subscriberIds.join(',')}}`}::uuid[])`);
  return new Map(list.map((b) => [b.id, b]));
}

export const buyerParty = (b: BuyerRow): PartyInfo & { country: string | null; region: string | null } => ({
  name: `${b.first_name} ${b.last_name}`, address: [b.address, b.city].filter(Boolean).join(', ') || null, country: b.country?.trim() ?? null,
  region: b.region, tax_id: b.tax_id, is_business: b.is_business ?? false, email: b.email, account_number: b.account_number,
});

/** Converts with the stored rate of the day (cached per context); the same rate is recorded on the invoice. */
export async function convertAt(tx: Tx, bc: BillingContext, amount: number, from: string, to: string, date: string): Promise<{ amount: number; rate: RateUsed }> {
  const key = `${from}|${to}|${date}`;
  let rate = bc.rates.get(key);
  if (!rate) {
    rate = await rateFor(tx, bc.isp.id, from, to, date);
    bc.rates.set(key, rate);
  }
  return { amount: convert(amount, from, to, rate.rate), rate };
}

/** The invoice's record of base → invoice currency. */
export async function invoiceRate(tx: Tx, bc: BillingContext, currency: string, date: string): Promise<RateUsed> {
  return (await convertAt(tx, bc, 0, bc.isp.currency, currency, date)).rate;
}
