/** Recharge with a prepaid card: a time card extends the service (and may switch the plan); a value card credits the wallet. */
import { useState, type FormEvent } from 'react';
import { Alert, Box, Button, Card, CardContent, TextField } from '@mui/material';
import { api, problemDetail } from '../../api/client.ts';
import type { Redeemed } from '../../api/types.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { CouponCard } from './CouponCard.tsx';
import { PageHeader } from '../../ui/common.tsx';

export default function RechargePage({ onRecharged }: { onRecharged: () => void }) {
  const t = useT();
  const fmt = useFormat();
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Redeemed | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    const r = await api.POST('/api/me/vouchers/redeem', { body: { pin: pin.trim() } });
    setBusy(false);
    if (r.data) {
      setDone(r.data);
      setPin('');
      onRecharged();
    } else setError(problemDetail(r.error) ?? t('common.error'));
  }

  return (
    <>
      <PageHeader title={t('self.recharge')} subtitle={t('self.rechargeHelp')} />
      <Card sx={{ maxWidth: 480 }}>
        <CardContent>
          <Box component="form" onSubmit={submit} noValidate>
            {error ? <Alert severity="error" sx={{ mb: 2 }} role="alert">{error}</Alert> : null}
            {done ? (
              <Alert severity="success" sx={{ mb: 2 }} data-testid="recharged">
                {done.wallet_credit !== null
                  ? t('self.rechargedWallet', { serial: done.serial, amount: fmt.money(done.wallet_credit, done.currency) })
                  : t('self.recharged', { serial: done.serial, date: fmt.date(done.expires_at) })}
                {done.plan_name ? ` ${t('self.rechargedPlan', { plan: done.plan_name })}` : ''}
              </Alert>
            ) : null}
            <TextField fullWidth required label={t('self.pin')} name="pin" value={pin} onChange={(e) => setPin(e.target.value)} autoComplete="off"
              slotProps={{ htmlInput: { autoCapitalize: 'characters', spellCheck: false, maxLength: 64, style: { fontFamily: 'monospace', letterSpacing: 2 } } }} />
            <Button type="submit" variant="contained" sx={{ mt: 2 }} disabled={busy || !pin.trim()}>{t('self.redeem')}</Button>
          </Box>
        </CardContent>
      </Card>
      <CouponCard />
    </>
  );
}
