/** How money in one currency paid an invoice in another: both amounts, the stored rate, its day and source; and a live preview before recording. */
import { useEffect, useState } from 'react';
import { Typography } from '@mui/material';
import { api, problemDetail } from '../../../../api/client.ts';
import { useFormat, useT, type T } from '../../../../i18n/index.tsx';

export type Converted = {
  amount: number; currency: string; invoice_amount: number; invoice_currency: string; exchange_rate: string; rate_date: string | null; rate_source: string | null;
};

/** "ECB", "entered rate, inverse": rate_source is manual|ecb with /inverse or /eur-cross when the rate was derived. */
export function rateSourceLabel(t: T, source: string | null): string {
  if (!source) return '';
  const [origin, derived] = source.split('/');
  const base = origin === 'ecb' ? t('fx.source.ecb') : t('fx.source.manual');
  return derived === 'inverse' ? `${base}, ${t('fx.derived.inverse')}` : derived === 'eur-cross' ? `${base}, ${t('fx.derived.eurCross')}` : base;
}

/** "JPY 1,613 → US$10.00" and "1 JPY = 0.0062 USD (2026-03-09, ECB)"; one amount when nothing was converted. */
export function ConvertedAmount({ a }: { a: Converted }) {
  const t = useT();
  const fmt = useFormat();
  if (a.currency === a.invoice_currency) return <>{fmt.money(a.amount, a.currency)}</>;
  return (
    <>
      {fmt.money(a.amount, a.currency)} → {fmt.money(a.invoice_amount, a.invoice_currency)}
      <Typography variant="caption" color="text.secondary" component="span" sx={{ display: 'block' }} data-testid="fx-rate">
        {t('fx.rate', { from: a.currency, rate: a.exchange_rate, to: a.invoice_currency, date: a.rate_date ?? '', source: rateSourceLabel(t, a.rate_source) })}
      </Typography>
    </>
  );
}

/**
 * What `amount` of `from` is worth in `to` at the stored rate of `date` (today by default),
 * from the server, so the cashier sees the conversion, or the missing rate, before recording.
 */
export function ConversionPreview({ ispId, from, to, amount, date }: { ispId: string; from: string; to: string; amount: number | null; date?: string }) {
  const t = useT();
  const fmt = useFormat();
  const [text, setText] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    setText(null);
    if (from === to || !amount) return;
    let live = true;
    void api.GET('/api/isp/{isp_id}/exchange-rates/convert', { params: { path: { isp_id: ispId }, query: { from, to, amount, ...(date ? { date } : {}) } } }).then((r) => {
      if (!live) return;
      if (r.data) {
        const c = r.data;
        setText({ ok: true, text: `${t('fx.preview', { amount: fmt.money(c.converted, c.to), date: c.date })} · ${t('fx.rate', { from: c.from, rate: c.rate, to: c.to, date: c.rate_date ?? '', source: rateSourceLabel(t, c.source) })}` });
      } else setText({ ok: false, text: problemDetail(r.error) ?? t('common.error') });
    });
    return () => { live = false; };
  }, [ispId, from, to, amount, date, t, fmt]);
  if (!text) return null;
  return <Typography variant="caption" component="p" color={text.ok ? 'text.secondary' : 'error'} role={text.ok ? undefined : 'alert'} data-testid="fx-preview">{text.text}</Typography>;
}
