import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { rows, withScope, type Scope } from '../../platform/db/scope.ts';
import { loadSettings, loadTaxRules } from './tax-rules.service.ts';
import { taxLine } from './tax-engine.ts';

export const planPriceDto = z.object({
  plan_id: z.string(), currency: z.string(), net: z.number().int(), tax: z.number().int(), gross: z.number().int(),
  taxes: z.array(z.object({ name: z.string(), rate: z.string(), amount: z.number().int() })),
});

/** Each plan's price with tax, for a buyer where the ISP is (the price list's customer), by the ISP's own tax rules. */
export async function planPrices(ctx: AppContext, scope: Scope, ispId: string) {
  return withScope(ctx.db, scope, async (tx) => {
    const settings = await loadSettings(tx, ispId);
    const rules = await loadTaxRules(tx, ispId);
    const plans = await rows<{ id: string; price_minor: string; currency: string }>(tx, sql`SELECT id, price_minor, currency FROM subscription_plans WHERE isp_id = ${ispId}`);
    const place = { country: settings.country, region: settings.region };
    const today = new Date().toISOString().slice(0, 10);
    return plans.map((p) => {
      const r = taxLine({ amount: Number(p.price_minor), category: 'internet' }, rules, { seller: place, buyer: place, date: today, pricesIncludeTax: settings.prices_include_tax });
      return { plan_id: p.id, currency: p.currency.trim(), net: r.net, tax: r.tax, gross: r.gross, taxes: r.taxes.map((t) => ({ name: t.name, rate: t.rate, amount: t.amount })) };
    });
  });
}
