import { platformLineStrings } from './platform-invoice-strings.ts';
import { fill, type TaxRuleInput } from '../billing/index.ts';
import type { DocumentLocale } from '../../platform/i18n/document-locale.ts';
import type { PlatformPlanRow, PlatformSettingsRow } from './schema.ts';

export type PlatformLine = { kind: 'plan' | 'adjustment'; description: string; quantity: string; unit: string | null; unitPrice: number; amount: number };

/**
 * What an ISP owes for one month of a plan: pure, no I/O. A per-subscriber plan charges each
 * subscriber active at the period end, topped up to the plan's minimum by a separate line so
 * the invoice shows both the count and the floor.
 */
export function platformLines(plan: Pick<PlatformPlanRow, 'name' | 'kind' | 'priceMinor' | 'minimumMinor'>, activeSubscribers: number, period: { start: string; end: string }, locale: DocumentLocale): PlatformLine[] {
  const t = platformLineStrings[locale];
  if (plan.kind === 'flat') {
    return [{ kind: 'plan', description: fill(t.subscription, { plan: plan.name, period: period.start.slice(0, 7) }), quantity: '1', unit: null, unitPrice: plan.priceMinor, amount: plan.priceMinor }];
  }
  const usage = plan.priceMinor * activeSubscribers;
  if (!Number.isSafeInteger(usage)) throw new RangeError('Platform charge out of range');
  const lines: PlatformLine[] = [{
    kind: 'plan', description: fill(t.perSubscriber, { plan: plan.name, date: period.end }), quantity: String(activeSubscribers), unit: t.subscriber,
    unitPrice: plan.priceMinor, amount: usage,
  }];
  if (plan.minimumMinor > usage) {
    const top = plan.minimumMinor - usage;
    lines.push({ kind: 'adjustment', description: fill(t.minimum, { plan: plan.name }), quantity: '1', unit: null, unitPrice: top, amount: top });
  }
  return lines;
}

/** The platform's one tax as a rule of the billing tax engine (any country; reverse charge for foreign businesses when set). */
export function platformTaxRules(s: PlatformSettingsRow): TaxRuleInput[] {
  if (!s.taxName || Number(s.taxRate) === 0) return [];
  return [{
    id: 'platform', name: s.taxName, kind: 'vat', country: null, region: null, scope: 'any', rate: s.taxRate, compound: false,
    reverseChargeB2b: s.taxReverseChargeB2b, category: '*', priority: 0, active: true, validFrom: null, validTo: null,
  }];
}
