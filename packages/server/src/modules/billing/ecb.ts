import { XMLParser } from 'fast-xml-parser';
import { isCurrency } from '../../platform/money/currencies.ts';

export type EcbRates = { date: string; base: 'EUR'; rates: { currency: string; rate: string }[] };

/**
 * Parses the ECB's euro foreign exchange reference rates (eurofxref-daily.xml and the
 * 90-day / historical files): gesmes:Envelope > Cube > Cube[time] > Cube[currency, rate].
 * Each rate is 1 EUR = rate units of the currency. Several days in one file are all returned,
 * newest first.
 */
export function parseEcbXml(xml: string): EcbRates[] {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', removeNSPrefix: true, isArray: (name) => name === 'Cube' });
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xml) as Record<string, unknown>;
  } catch (err) {
    throw new Error(`Not well-formed XML: ${(err as Error).message}`, { cause: err });
  }
  const envelope = doc.Envelope as { Cube?: { Cube?: { time?: string; Cube?: { currency?: string; rate?: string }[] }[] }[] } | undefined;
  const days = envelope?.Cube?.[0]?.Cube;
  if (!envelope || !days || days.length === 0) throw new Error('Not an ECB reference-rate document (no Envelope/Cube/Cube[time])');
  const out: EcbRates[] = [];
  for (const day of days) {
    if (!day.time || !/^\d{4}-\d{2}-\d{2}$/.test(day.time)) throw new Error(`Bad or missing Cube time: ${String(day.time)}`);
    const rates = (day.Cube ?? []).map((c) => {
      const code = String(c.currency ?? '');
      const rate = String(c.rate ?? '');
      if (!isCurrency(code)) throw new Error(`Unknown currency in ECB file: ${code}`);
      if (!/^\d+(\.\d+)?$/.test(rate) || Number(rate) <= 0) throw new Error(`Bad rate for ${code}: ${rate}`);
      return { currency: code, rate };
    });
    out.push({ date: day.time, base: 'EUR', rates });
  }
  return out.sort((a, b) => (a.date < b.date ? 1 : -1));
}
