/** Opening a ticket at the desk, usually while the subscriber is on the phone. */
import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  Alert, Autocomplete, Button, Dialog, DialogActions, DialogContent, DialogTitle, Grid, MenuItem, TextField, Typography, useMediaQuery, useTheme,
} from '@mui/material';
import { api, fieldErrors, problemDetail } from '../../../api/client.ts';
import type { TicketCreateBody } from '../../../api/types.ts';
import { useT } from '../../../i18n/index.tsx';
import { useIsp } from '../context.ts';
import { TICKET_CATEGORIES, TICKET_PRIORITIES } from '../../../api/enums.ts';

type Pick = { id: string; label: string };

export function NewTicketDialog({ open, subscriber, onClose, onCreated }: { open: boolean; subscriber?: Pick | null; onClose: () => void; onCreated: () => void }) {
  const t = useT();
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down('sm'));
  const navigate = useNavigate();
  const { ispId, base } = useIsp();
  const [who, setWho] = useState<Pick | null>(subscriber ?? null);
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<Pick[]>([]);
  const [subject, setSubject] = useState('');
  const [category, setCategory] = useState<TicketCreateBody['category']>('connectivity');
  const [priority, setPriority] = useState<NonNullable<TicketCreateBody['priority']>>('normal');
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [lastOpen, setLastOpen] = useState(false);
  if (open !== lastOpen) {
    setLastOpen(open);
    if (open) { setWho(subscriber ?? null); setSubject(''); setBody(''); setCategory('connectivity'); setPriority('normal'); setErrors({}); setGeneral(null); }
  }

  useEffect(() => {
    if (!open || subscriber) return;
    let live = true;
    void api.GET('/api/isp/{isp_id}/subscribers', { params: { path: { isp_id: ispId }, query: { limit: 10, ...(query.trim() ? { q: query.trim() } : {}) } } }).then((r) => {
      if (live && r.data) setOptions(r.data.items.map((s) => ({ id: s.id, label: `${s.first_name} ${s.last_name} · ${s.account_number}` })));
    });
    return () => { live = false; };
  }, [open, query, ispId, subscriber]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setGeneral(null);
    const r = await api.POST('/api/isp/{isp_id}/tickets', {
      params: { path: { isp_id: ispId } }, body: { subject, category, priority, body, subscriber_id: who?.id ?? null },
    });
    setBusy(false);
    if (r.data) {
      onCreated();
      navigate(`${base}/tickets/${r.data.id}`);
    } else {
      setErrors(fieldErrors(r.error));
      setGeneral(problemDetail(r.error) ?? t('common.error'));
    }
  }

  return (
    <Dialog open={open} onClose={onClose} fullScreen={fullScreen} fullWidth maxWidth="sm" aria-labelledby="new-ticket-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="new-ticket-title">{t('tickets.new')}</DialogTitle>
        <DialogContent dividers>
          {general ? <Alert severity="error" sx={{ mb: 2 }}>{general}</Alert> : null}
          <Grid container spacing={2}>
            <Grid size={12}>
              {subscriber ? <Typography>{subscriber.label}</Typography> : (
                <Autocomplete options={options} value={who} onChange={(_e, v) => setWho(v)} onInputChange={(_e, v) => setQuery(v)} filterOptions={(x) => x}
                  isOptionEqualToValue={(a, b) => a.id === b.id}
                  renderInput={(p) => <TextField {...p} label={t('tickets.subscriber')} name="subscriber" error={Boolean(errors.subscriber_id)} helperText={errors.subscriber_id ?? t('tickets.subscriberHelp')} />} />
              )}
            </Grid>
            <Grid size={12}>
              <TextField fullWidth required label={t('tickets.subject')} name="subject" value={subject} onChange={(e) => setSubject(e.target.value)}
                error={Boolean(errors.subject)} helperText={errors.subject} slotProps={{ htmlInput: { maxLength: 200 } }} />
            </Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              <TextField select fullWidth label={t('tickets.categoryLabel')} name="category" value={category} onChange={(e) => setCategory(e.target.value as typeof category)}>
                {TICKET_CATEGORIES.map((c) => <MenuItem key={c} value={c}>{t(`tickets.category.${c}`)}</MenuItem>)}
              </TextField>
            </Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              <TextField select fullWidth label={t('tickets.priorityLabel')} name="priority" value={priority} onChange={(e) => setPriority(e.target.value as typeof priority)}>
                {TICKET_PRIORITIES.map((p) => <MenuItem key={p} value={p}>{t(`tickets.priority.${p}`)}</MenuItem>)}
              </TextField>
            </Grid>
            <Grid size={12}>
              <TextField fullWidth required multiline minRows={4} label={t('tickets.firstMessage')} name="body" value={body} onChange={(e) => setBody(e.target.value)}
                error={Boolean(errors.body)} helperText={errors.body ?? t('tickets.firstMessageHelp')} />
            </Grid>
          </Grid>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={busy || !subject.trim() || !body.trim()}>{t('common.create')}</Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
