/** Pieces shared by the voucher pages: the used/sold/unused bar, the sheet's language and the authenticated sheet download. */
import { Box, MenuItem, TextField, Typography } from '@mui/material';
import { authFetch, problemDetail } from '../../../api/client.ts';
import type { VoucherBatch } from '../../../api/types.ts';
import { LOCALES, isLocale, useFormat, useT, type AppLocale } from '../../../i18n/index.tsx';
import { useIsp } from '../context.ts';

const parts = [
  ['used', '#2e7d32'], ['sold', '#1565c0'], ['unused', '#b0bec5'], ['expired', '#8d6e63'], ['disabled', '#616161'],
] as const;

/** One bar: how much of the batch is used, sold and still on the shelf. */
export function BatchProgress({ stats, total }: { stats: VoucherBatch['stats']; total: number }) {
  const t = useT();
  const fmt = useFormat();
  const label = parts.filter(([k]) => stats[k] > 0).map(([k]) => `${t(`vouchers.status.${k}`)} ${fmt.number(stats[k])}`).join(' · ');
  return (
    <Box sx={{ minWidth: 120 }}>
      <Box role="img" aria-label={label} sx={{ display: 'flex', height: 10, borderRadius: 1, overflow: 'hidden', bgcolor: '#eceff1' }}>
        {parts.map(([k, colour]) => (stats[k] > 0 ? <Box key={k} sx={{ width: `${(100 * stats[k]) / Math.max(1, total)}%`, bgcolor: colour }} /> : null))}
      </Box>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 0.5 }}>{label}</Typography>
    </Box>
  );
}

export function BatchValue({ batch }: { batch: Pick<VoucherBatch, 'plan_name' | 'value_minor' | 'currency' | 'validity_days' | 'data_limit_bytes' | 'time_limit_s'> }) {
  const t = useT();
  const fmt = useFormat();
  const bits = [
    batch.plan_name, batch.value_minor !== null ? fmt.money(batch.value_minor, batch.currency) : null,
    batch.validity_days ? t('vouchers.days', { n: fmt.number(batch.validity_days) }) : null,
    batch.data_limit_bytes ? fmt.bytes(batch.data_limit_bytes) : null, batch.time_limit_s ? fmt.duration(batch.time_limit_s) : null,
  ].filter(Boolean);
  return <>{bits.join(' · ')}</>;
}

/** The language of a printed sheet: '' leaves it to the server, which uses the ISP's default language. */
export type SheetLanguage = AppLocale | '';

/**
 * Picks the language the cards are printed in, the ISP's default unless chosen otherwise
 * (cards sold in a neighbourhood that reads another language, or to visitors).
 */
export function SheetLanguageSelect({ value, onChange }: { value: SheetLanguage; onChange: (l: SheetLanguage) => void }) {
  const t = useT();
  const { isp } = useIsp();
  const ispDefault = isLocale(isp.default_locale) ? isp.default_locale : 'en';
  return (
    <TextField select size="small" label={t('vouchers.sheetLanguage')} value={value} sx={{ minWidth: 200 }}
      onChange={(e) => onChange(isLocale(e.target.value) ? e.target.value : '')}
      slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true, inputProps: { 'data-testid': 'sheet-language' } } }}>
      <MenuItem value="">{t('vouchers.sheetLanguageDefault', { lang: t(`lang.${ispDefault}`) })}</MenuItem>
      {LOCALES.map((l) => <MenuItem key={l} value={l} lang={l}>{t(`lang.${l}`)}</MenuItem>)}
    </TextField>
  );
}

/** The sheet is behind the bearer token, so it is fetched and handed to the browser as a file. */
export async function downloadSheet(ispId: string, batchId: string, format: 'pdf' | 'csv', lang: SheetLanguage = ''): Promise<string | null> {
  const query = format === 'pdf' && lang ? `?lang=${lang}` : '';
  const res = await authFetch(new Request(`${location.origin}/api/isp/${ispId}/voucher-batches/${batchId}/${format}${query}`));
  if (!res.ok) return problemDetail(await res.json().catch(() => undefined)) ?? `HTTP ${res.status}`;
  const blob = await res.blob();
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `vouchers.${format}`;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return null;
}
