/** The subscriber enters a coupon code; its discount appears on the next invoices. */
import { useState, type FormEvent } from 'react';
import { Alert, Box, Button, Card, CardContent, Chip, Stack, TextField, Typography } from '@mui/material';
import { api, problemDetail } from '../../api/client.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { ok, useLoad } from '../../ui/common.tsx';

export function CouponCard() {
  const t = useT();
  const fmt = useFormat();
  const mine = useLoad(async () => ok(await api.GET('/api/me/coupons')), []);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const r = await api.POST('/api/me/coupons', { body: { code: code.trim() } });
    setBusy(false);
    if (r.data) {
      setMsg({ severity: 'success', text: t('self.couponApplied', { code: r.data.code }) });
      setCode('');
      void mine.reload();
    } else setMsg({ severity: 'error', text: problemDetail(r.error) ?? t('common.error') });
  }
  const active = mine.data?.filter((c) => c.status === 'active') ?? [];
  return (
    <Card sx={{ mt: 3, maxWidth: 480 }} data-testid="coupon-card">
      <CardContent>
        <Typography variant="h6" component="h2">{t('self.coupon')}</Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>{t('self.couponHelp')}</Typography>
        {msg ? <Alert severity={msg.severity} sx={{ mb: 2 }} role={msg.severity === 'error' ? 'alert' : 'status'}>{msg.text}</Alert> : null}
        <Box component="form" onSubmit={submit} noValidate sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', flexWrap: 'wrap' }}>
          <TextField size="small" label={t('self.couponCode')} name="coupon" value={code} onChange={(e) => setCode(e.target.value.toUpperCase())} autoComplete="off"
            sx={{ flex: 1, minWidth: 160 }} slotProps={{ htmlInput: { maxLength: 40, style: { fontFamily: 'monospace' } } }} />
          <Button type="submit" variant="outlined" disabled={busy || !code.trim()}>{t('self.applyCoupon')}</Button>
        </Box>
        {active.length ? (
          <Stack direction="row" spacing={1} sx={{ mt: 2, flexWrap: 'wrap', gap: 1 }}>
            {active.map((c) => (
              <Chip key={c.id} color="success" variant="outlined"
                label={`${c.code} · ${c.kind === 'percent' ? `${c.percent}%` : fmt.money(c.amount_minor ?? 0, c.currency ?? '')}${c.cycles_total ? ` · ${t('self.couponLeft', { n: c.cycles_total - c.cycles_used })}` : ''}`} />
            ))}
          </Stack>
        ) : null}
      </CardContent>
    </Card>
  );
}
