/** The founder's SaaS plans: list, create (flat fee, or per active subscriber with a minimum). */
import { useState } from 'react';
import {
  Alert, Button, Card, CardContent, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, Table, TableBody, TableCell, TableContainer,
  TableHead, TableRow, TextField, Typography,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { api, problemDetail } from '../../../api/client.ts';
import { minorDigits, useFormat, useT } from '../../../i18n/index.tsx';
import { StatusChip } from '../../../ui/common.tsx';
import type { SaasPlan } from '../../../api/types.ts';
import { planPrice } from '../../../ui/platform-format.ts';

export function PlansCard({ plans, currency, onChange }: { plans: SaasPlan[]; currency: string; onChange: () => void }) {
  const t = useT();
  const fmt = useFormat();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({ name: '', kind: 'per_subscriber' as SaasPlan['kind'], price: '', minimum: '' });
  const [err, setErr] = useState<string | null>(null);
  const toMinor = (v: string) => Math.round(Number(v || '0') * 10 ** minorDigits(currency));

  async function create() {
    setErr(null);
    const r = await api.POST('/api/founder/saas-plans', { body: { name: form.name, kind: form.kind, price_minor: toMinor(form.price), ...(form.kind === 'per_subscriber' ? { minimum_minor: toMinor(form.minimum) } : {}) } });
    if (r.data) { setOpen(false); setForm({ name: '', kind: 'per_subscriber', price: '', minimum: '' }); onChange(); } else setErr(problemDetail(r.error) ?? t('common.error'));
  }

  return (
    <Card><CardContent>
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 1 }}>
        <Typography variant="h6" component="h2">{t('sb.plans')}</Typography>
        <Button startIcon={<AddIcon />} onClick={() => setOpen(true)}>{t('sb.newPlan')}</Button>
      </Stack>
      <TableContainer>
        <Table size="small" aria-label={t('sb.plans')}>
          <TableHead><TableRow>
            <TableCell>{t('sb.planName')}</TableCell><TableCell>{t('sb.price')}</TableCell>
            <TableCell align="right">{t('sb.ispsOnPlan')}</TableCell><TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('sb.status')}</TableCell>
          </TableRow></TableHead>
          <TableBody>
            {plans.map((p) => (
              <TableRow key={p.id}>
                <TableCell sx={{ fontWeight: 600 }}>{p.name}<br /><Typography variant="caption" color="text.secondary">{t(`sb.kind_${p.kind}`)}</Typography></TableCell>
                <TableCell>{planPrice(p, t, fmt.money)}</TableCell>
                <TableCell align="right">{fmt.number(p.isps)}</TableCell>
                <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}><StatusChip status={p.status} /></TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby="new-plan-title" fullWidth maxWidth="xs">
        <DialogTitle id="new-plan-title">{t('sb.newPlan')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ mt: 1 }}>
            {err ? <Alert severity="error">{err}</Alert> : null}
            <TextField label={t('sb.planName')} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required />
            <TextField select label={t('sb.kind')} value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as SaasPlan['kind'] })}>
              <MenuItem value="per_subscriber">{t('sb.kind_per_subscriber')}</MenuItem>
              <MenuItem value="flat">{t('sb.kind_flat')}</MenuItem>
            </TextField>
            <TextField label={`${t('sb.price')} (${currency})`} type="number" value={form.price} onChange={(e) => setForm({ ...form, price: e.target.value })} slotProps={{ htmlInput: { min: 0, step: 'any' } }} required />
            {form.kind === 'per_subscriber' ? (
              <TextField label={`${t('sb.minimum')} (${currency})`} type="number" value={form.minimum} onChange={(e) => setForm({ ...form, minimum: e.target.value })} slotProps={{ htmlInput: { min: 0, step: 'any' } }} />
            ) : null}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
          <Button variant="contained" onClick={() => void create()} disabled={!form.name || form.price === ''}>{t('common.create')}</Button>
        </DialogActions>
      </Dialog>
    </CardContent></Card>
  );
}
