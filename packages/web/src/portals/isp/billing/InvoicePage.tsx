/** One invoice or credit note: parties, lines (with usage), taxes, totals; PDF, e-mail, issue, void and credit note. */
import { useState } from 'react';
import {
  Alert, Box, Button, Card, CardContent, Checkbox, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, Grid, Table, TableBody, TableCell,
  TableContainer, TableHead, TableRow, TextField, Typography,
} from '@mui/material';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, problemDetail } from '../../../api/client.ts';
import { useFormat, useT } from '../../../i18n/index.tsx';
import { ErrorAlert, Loading, ok, useLoad } from '../../../ui/common.tsx';
import { useIsp } from '../context.ts';
import { InvoiceStatusChip, openInvoicePdf } from './common.tsx';
import type { Invoice } from './types.ts';
import { InvoicePaymentsCard } from './InvoicePaymentsCard.tsx';

const gb = (bytes: number) => `${(bytes / 1e9).toFixed(2)} GB`;

export default function InvoicePage() {
  const t = useT();
  const fmt = useFormat();
  const go = useNavigate();
  const { id = '' } = useParams();
  const { ispId, base, can } = useIsp();
  const manage = can('billing:manage');
  const path = { isp_id: ispId, invoice_id: id };
  const { data: inv, error, reload } = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/invoices/{invoice_id}', { params: { path } })), [ispId, id]);
  const [msg, setMsg] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  const [dialog, setDialog] = useState<'void' | 'credit' | null>(null);

  async function act(fn: () => Promise<{ response: Response; error?: unknown }>, success: string) {
    const r = await fn();
    if (r.response.ok) { setMsg({ severity: 'success', text: success }); await reload(); }
    else setMsg({ severity: 'error', text: problemDetail(r.error) ?? t('common.error') });
  }
  if (!inv) return error ? <ErrorAlert error={error} onRetry={reload} /> : <Loading />;
  const money = (v: number) => fmt.money(v, inv.currency);
  const open = inv.kind === 'invoice' && !['draft', 'void'].includes(inv.status);
  return (
    <>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap', mb: 2 }}>
        <Typography variant="h5" component="h2" sx={{ mr: 1 }}>{inv.kind === 'credit_note' ? t('inv.creditNote') : t('inv.invoice')} {inv.number ?? ''}</Typography>
        <InvoiceStatusChip status={inv.status} />
        <Box sx={{ flex: 1 }} />
        <Button onClick={() => void openInvoicePdf(ispId, inv.id).catch(() => setMsg({ severity: 'error', text: t('common.error') }))} data-testid="invoice-pdf">{t('inv.pdf')}</Button>
        {manage && inv.status !== 'draft' && inv.buyer.email ? <Button onClick={() => void act(() => api.POST('/api/isp/{isp_id}/invoices/{invoice_id}/email', { params: { path } }), t('inv.emailed', { to: inv.buyer.email ?? '' }))}>{t('inv.email')}</Button> : null}
        {manage && inv.status === 'draft' ? <Button variant="contained" onClick={() => void act(() => api.POST('/api/isp/{isp_id}/invoices/{invoice_id}/issue', { params: { path } }), t('inv.issued'))}>{t('inv.issue')}</Button> : null}
        {manage && inv.kind === 'invoice' && inv.status !== 'void' && inv.amount_paid === 0 && inv.amount_credited === 0 ? <Button color="error" onClick={() => setDialog('void')}>{t('inv.void')}</Button> : null}
        {manage && open && inv.amount_credited < inv.total ? <Button variant="outlined" onClick={() => setDialog('credit')} data-testid="credit-note">{t('inv.creditNoteAction')}</Button> : null}
      </Box>
      {msg ? <Alert severity={msg.severity} sx={{ mb: 2 }} onClose={() => setMsg(null)}>{msg.text}</Alert> : null}
      <Grid container spacing={2} sx={{ mb: 2 }}>
        <Grid size={{ xs: 12, md: 6 }}>
          <Card><CardContent>
            <Typography variant="overline">{t('inv.billTo')}</Typography>
            <Typography sx={{ fontWeight: 600 }}><Link to={`${base}/subscribers/${inv.subscriber_id}`}>{inv.buyer.name}</Link></Typography>
            {inv.buyer.address ? <Typography variant="body2">{inv.buyer.address}</Typography> : null}
            {inv.buyer.account_number ? <Typography variant="body2">{t('inv.account')}: {inv.buyer.account_number}</Typography> : null}
            {inv.buyer.tax_id ? <Typography variant="body2">{t('inv.taxId')}: {inv.buyer.tax_id}</Typography> : null}
            {inv.seller.tax_id ? <Typography variant="body2" sx={{ mt: 1, color: 'text.secondary' }}>{inv.seller.name} · {t('inv.taxId')}: {inv.seller.tax_id}</Typography> : null}
          </CardContent></Card>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Card><CardContent>
            <Facts rows={[
              [t('inv.issueDate'), inv.issue_date], [t('inv.dueDate'), inv.kind === 'invoice' ? inv.due_date : null],
              [t('inv.period'), inv.period_start ? `${inv.period_start} – ${inv.period_end ?? ''}` : null],
              [t('inv.rate'), inv.currency !== inv.base_currency ? `1 ${inv.base_currency} = ${inv.exchange_rate} ${inv.currency} (${inv.exchange_rate_date ?? ''})` : null],
              [t('inv.creditNoteOf'), inv.credit_note_of ? <Link key="c" to={`${base}/billing/invoices/${inv.credit_note_of}`}>{t('inv.original')}</Link> : null],
              [t('inv.voidReason'), inv.void_reason],
            ]} />
            {inv.credit_notes.length ? <Typography variant="body2" sx={{ mt: 1 }}>{t('inv.creditNotes')}: {inv.credit_notes.map((c) => <Link key={c.id} to={`${base}/billing/invoices/${c.id}`} style={{ marginInlineEnd: 8 }}>{c.number}</Link>)}</Typography> : null}
          </CardContent></Card>
        </Grid>
      </Grid>
      <Card><TableContainer>
        <Table size="small" aria-label={t('inv.lines')}>
          <TableHead><TableRow>
            <TableCell>{t('inv.description')}</TableCell>
            <TableCell align="right" sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('inv.qty')}</TableCell>
            <TableCell align="right" sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('inv.net')}</TableCell>
            <TableCell align="right" sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('inv.tax')}</TableCell>
            <TableCell align="right">{t('inv.amount')}</TableCell>
          </TableRow></TableHead>
          <TableBody>
            {inv.lines.map((l) => (
              <TableRow key={l.id}>
                <TableCell sx={{ wordBreak: 'break-word' }}>{l.description}
                  {l.usage_bytes !== null ? <Box component="small" sx={{ display: 'block', color: '#555' }}>{t('inv.usage', { used: gb(l.usage_bytes), included: gb(l.included_bytes ?? 0) })}</Box> : null}
                </TableCell>
                <TableCell align="right" sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{l.quantity}{l.unit ? ` ${l.unit}` : ''}</TableCell>
                <TableCell align="right" sx={{ display: { xs: 'none', sm: 'table-cell' }, whiteSpace: 'nowrap' }}>{money(l.net_amount)}</TableCell>
                <TableCell align="right" sx={{ display: { xs: 'none', sm: 'table-cell' }, whiteSpace: 'nowrap' }}>{money(l.tax_amount)}</TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>{money(l.gross_amount)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <CardContent>
        <Facts rows={[
          [t('inv.subtotal'), money(inv.subtotal)],
          ...taxGroups(inv).map((g) => [`${g.name} ${g.rate}%${g.reverse ? ` (${t('inv.reverseCharge')})` : ''}`, money(g.amount)] as [string, string]),
          [t('inv.total'), <strong key="t">{money(inv.total)}</strong>],
          [t('inv.paid'), inv.kind === 'invoice' && inv.amount_paid ? money(inv.amount_paid) : null],
          [t('inv.credited'), inv.amount_credited ? money(inv.amount_credited) : null],
          [t('inv.balance'), inv.kind === 'invoice' ? <strong key="b">{money(inv.balance)}</strong> : null],
        ]} />
        {inv.prices_include_tax ? <Typography variant="body2" sx={{ mt: 1, color: 'text.secondary' }}>{t('inv.pricesInclude')}</Typography> : null}
        {inv.notes ? <Typography variant="body2" sx={{ mt: 1 }}>{inv.notes}</Typography> : null}
      </CardContent></Card>
      {inv.kind === 'invoice' && inv.status !== 'draft' ? <InvoicePaymentsCard ispId={ispId} invoiceId={inv.id} /> : null}
      <VoidDialog open={dialog === 'void'} onClose={() => setDialog(null)} onConfirm={(reason) => { setDialog(null); void act(() => api.POST('/api/isp/{isp_id}/invoices/{invoice_id}/void', { params: { path }, body: { reason } }), t('inv.voided')); }} />
      <CreditDialog open={dialog === 'credit'} invoice={inv} onClose={() => setDialog(null)} onConfirm={async (reason, lineIds) => {
        setDialog(null);
        const r = await api.POST('/api/isp/{isp_id}/invoices/{invoice_id}/credit-note', { params: { path }, body: { reason, line_ids: lineIds } });
        if (r.data) go(`${base}/billing/invoices/${r.data.id}`);
        else setMsg({ severity: 'error', text: problemDetail(r.error) ?? t('common.error') });
      }} />
    </>
  );
}

function taxGroups(inv: Invoice) {
  const m = new Map<string, { name: string; rate: string; amount: number; reverse: boolean }>();
  for (const x of inv.taxes) {
    const k = `${x.name}|${x.rate}|${x.reverse_charge}`;
    const g = m.get(k) ?? { name: x.name, rate: x.rate, amount: 0, reverse: x.reverse_charge };
    g.amount += x.amount;
    m.set(k, g);
  }
  return [...m.values()];
}

function Facts({ rows }: { rows: [string, React.ReactNode][] }) {
  return (
    <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 2, rowGap: 0.5, m: 0 }}>
      {rows.filter(([, v]) => v !== null && v !== undefined && v !== '').map(([k, v]) => [
        <Box component="dt" key={`${k}-k`} sx={{ color: 'text.secondary' }}>{k}</Box>,
        <Box component="dd" key={`${k}-v`} sx={{ m: 0, textAlign: 'end', wordBreak: 'break-word' }}>{v}</Box>,
      ])}
    </Box>
  );
}

function VoidDialog({ open, onClose, onConfirm }: { open: boolean; onClose: () => void; onConfirm: (reason: string) => void }) {
  const t = useT();
  const [reason, setReason] = useState('');
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="xs">
      <DialogTitle>{t('inv.void')}</DialogTitle>
      <DialogContent><TextField autoFocus fullWidth required margin="dense" label={t('inv.reason')} value={reason} onChange={(e) => setReason(e.target.value)} /></DialogContent>
      <DialogActions><Button onClick={onClose}>{t('common.cancel')}</Button><Button color="error" disabled={!reason.trim()} onClick={() => onConfirm(reason.trim())}>{t('inv.void')}</Button></DialogActions>
    </Dialog>
  );
}

function CreditDialog({ open, invoice, onClose, onConfirm }: { open: boolean; invoice: Invoice; onClose: () => void; onConfirm: (reason: string, lineIds: string[]) => void }) {
  const t = useT();
  const fmt = useFormat();
  const [reason, setReason] = useState('');
  const [lines, setLines] = useState<string[]>(invoice.lines.map((l) => l.id));
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>{t('inv.creditNoteAction')}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" sx={{ mb: 1 }}>{t('inv.creditHelp')}</Typography>
        {invoice.lines.map((l) => (
          <FormControlLabel key={l.id} sx={{ display: 'flex' }} label={`${l.description} — ${fmt.money(l.gross_amount, invoice.currency)}`}
            control={<Checkbox checked={lines.includes(l.id)} onChange={(e) => setLines(e.target.checked ? [...lines, l.id] : lines.filter((x) => x !== l.id))} />} />
        ))}
        <TextField fullWidth required margin="dense" label={t('inv.reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
      </DialogContent>
      <DialogActions><Button onClick={onClose}>{t('common.cancel')}</Button><Button variant="contained" disabled={!reason.trim() || !lines.length} onClick={() => onConfirm(reason.trim(), lines)}>{t('inv.creditNoteAction')}</Button></DialogActions>
    </Dialog>
  );
}
