/**
 * Operator RADIUS reply attributes (radreply-style) of a plan or a subscriber: attribute, operator
 * (":=" replaces the engine's value, "+=" adds one) and value. The server checks each name and value
 * against its dictionaries; its errors land on the row and column they name.
 */
import { useState } from 'react';
import { Alert, Box, Button, Card, CardContent, IconButton, MenuItem, Stack, TextField, Tooltip, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import { api, problemDetail } from '../../api/client.ts';
import type { Subscriber } from '../../api/types.ts';
import { useT } from '../../i18n/index.tsx';

export type ReplyAttribute = { attribute: string; op: ':=' | '+='; value: string };

/** "/body/radius_reply/2/value" → { "2.value": detail }. */
export function rowErrors(problem: unknown, field = 'radius_reply'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of (problem as { errors?: { pointer: string; detail: string }[] } | undefined)?.errors ?? []) {
    const m = new RegExp(`^/body/${field}/(\\d+)(?:/(\\w+))?`).exec(e.pointer);
    if (m) out[`${m[1]}.${m[2] ?? 'attribute'}`] = e.detail;
  }
  return out;
}

export function RadiusAttributesEditor({ value, onChange, errors = {} }: { value: ReplyAttribute[]; onChange: (v: ReplyAttribute[]) => void; errors?: Record<string, string> }) {
  const t = useT();
  const update = (i: number, patch: Partial<ReplyAttribute>) => onChange(value.map((a, j) => (j === i ? { ...a, ...patch } : a)));
  return (
    <Box data-testid="radius-attributes">
      {value.length === 0 ? <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>{t('radius.none')}</Typography> : null}
      <Stack spacing={1.5}>
        {value.map((a, i) => (
          <Stack key={i} direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ alignItems: { sm: 'flex-start' } }}>
            <TextField size="small" label={t('radius.attribute')} name={`radius_reply_${i}_attribute`} value={a.attribute} sx={{ flex: 3 }}
              onChange={(e) => update(i, { attribute: e.target.value })} error={Boolean(errors[`${i}.attribute`])} helperText={errors[`${i}.attribute`]}
              slotProps={{ htmlInput: { spellCheck: false } }} />
            <TextField size="small" select label={t('radius.op')} name={`radius_reply_${i}_op`} value={a.op} sx={{ flex: 1, minWidth: 90 }}
              onChange={(e) => update(i, { op: e.target.value as ReplyAttribute['op'] })}>
              <MenuItem value=":=">{t('radius.opSet')}</MenuItem>
              <MenuItem value="+=">{t('radius.opAdd')}</MenuItem>
            </TextField>
            <TextField size="small" label={t('radius.value')} name={`radius_reply_${i}_value`} value={a.value} sx={{ flex: 3 }}
              onChange={(e) => update(i, { value: e.target.value })} error={Boolean(errors[`${i}.value`])} helperText={errors[`${i}.value`]} />
            <Tooltip title={t('common.delete')}>
              <IconButton onClick={() => onChange(value.filter((_a, j) => j !== i))} aria-label={t('radius.remove', { n: i + 1 })}><DeleteIcon /></IconButton>
            </Tooltip>
          </Stack>
        ))}
      </Stack>
      <Button size="small" startIcon={<AddIcon />} sx={{ mt: 1 }} disabled={value.length >= 32} data-testid="add-radius-attribute"
        onClick={() => onChange([...value, { attribute: '', op: ':=', value: '' }])}>{t('radius.add')}</Button>
    </Box>
  );
}

/** On the subscriber page: the subscriber's own reply attributes, applied after the plan's. */
export function SubscriberRadiusCard({ ispId, subscriber, canEdit, onSaved }: { ispId: string; subscriber: Subscriber; canEdit: boolean; onSaved: (s: Subscriber) => void }) {
  const t = useT();
  const [list, setList] = useState<ReplyAttribute[]>(() => subscriber.radius_reply.map((a) => ({ attribute: a.attribute, op: a.op === '+=' ? '+=' : ':=', value: a.value })));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  async function save() {
    setBusy(true);
    setMsg(null);
    const radius_reply = list.filter((a) => a.attribute.trim()).map((a) => ({ ...a, attribute: a.attribute.trim() }));
    const r = await api.PATCH('/api/isp/{isp_id}/subscribers/{subscriber_id}', { params: { path: { isp_id: ispId, subscriber_id: subscriber.id } }, body: { radius_reply } });
    setBusy(false);
    if (r.data) {
      setErrors({});
      setList(radius_reply);
      setMsg({ ok: true, text: t('radius.saved') });
      onSaved(r.data);
      return;
    }
    setErrors(rowErrors(r.error));
    setMsg({ ok: false, text: problemDetail(r.error) ?? t('common.error') });
  }
  return (
    <Card>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>{t('radius.title')}</Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>{t('radius.subscriberHelp')}</Typography>
        {msg ? <Alert severity={msg.ok ? 'success' : 'error'} sx={{ mb: 2 }} role={msg.ok ? 'status' : 'alert'}>{msg.text}</Alert> : null}
        {canEdit ? (
          <>
            <RadiusAttributesEditor value={list} onChange={setList} errors={errors} />
            <Box sx={{ mt: 2 }}><Button variant="contained" onClick={() => void save()} disabled={busy} data-testid="save-radius">{t('common.save')}</Button></Box>
          </>
        ) : list.length ? (
          <Box component="ul" sx={{ m: 0, pl: 2, fontFamily: 'monospace' }}>{list.map((a, i) => <li key={i}>{`${a.attribute} ${a.op} ${a.value}`}</li>)}</Box>
        ) : <Typography variant="body2" color="text.secondary">{t('radius.none')}</Typography>}
      </CardContent>
    </Card>
  );
}
