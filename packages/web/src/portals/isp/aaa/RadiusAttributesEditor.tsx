/**
 * Operator RADIUS attributes of a plan or a subscriber: reply attributes (radreply-style; ":="
 * replaces the engine's value, "+=" adds one) or check items (radcheck-style conditions on the
 * Access-Request). The server checks each name, operator and value against its dictionaries;
 * its errors land on the row and column they name.
 */
import { useState } from 'react';
import { Alert, Box, Button, Card, CardContent, IconButton, MenuItem, Stack, TextField, Tooltip, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import { api, problemDetail } from '../../../api/client.ts';
import type { Subscriber } from '../../../api/types.ts';
import { useT } from '../../../i18n/index.tsx';
import { CHECK_OPS } from '../../../api/enums.ts';

export type ReplyAttribute = { attribute: string; op: ':=' | '+='; value: string };
export { CHECK_OPS };
export type CheckItem = { attribute: string; op: (typeof CHECK_OPS)[number]; value: string };
type Row = { attribute: string; op: string; value: string };
const CHECK_OP_KEYS: Record<CheckItem['op'], string> = { '==': 'eq', '!=': 'ne', '=~': 're', '!~': 'nre', '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge', '=*': 'present', '!*': 'absent' };

/** Rows as the API takes them: blank rows dropped, names trimmed. */
export const cleanRows = <T extends Row>(list: T[]): T[] => list.filter((a) => a.attribute.trim()).map((a) => ({ ...a, attribute: a.attribute.trim() }));
export const toReply = (list: Row[]): ReplyAttribute[] => list.map((a) => ({ attribute: a.attribute, op: a.op === '+=' ? '+=' : ':=', value: a.value }));
export const toChecks = (list: Row[]): CheckItem[] => list.map((a) => ({ attribute: a.attribute, op: (CHECK_OPS as readonly string[]).includes(a.op) ? a.op as CheckItem['op'] : '==', value: a.value }));

/** "/body/radius_reply/2/value" → { "2.value": detail }. */
export function rowErrors(problem: unknown, field = 'radius_reply'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of (problem as { errors?: { pointer: string; detail: string }[] } | undefined)?.errors ?? []) {
    const m = new RegExp(`^/body/${field}/(\\d+)(?:/(\\w+))?`).exec(e.pointer);
    if (m) out[`${m[1]}.${m[2] ?? 'attribute'}`] = e.detail;
  }
  return out;
}

export function RadiusAttributesEditor<T extends ReplyAttribute | CheckItem>({ value, onChange, errors = {}, kind = 'reply' }: { value: T[]; onChange: (v: T[]) => void; errors?: Record<string, string>; kind?: 'reply' | 'check' }) {
  const t = useT();
  const field = kind === 'reply' ? 'radius_reply' : 'radius_check';
  const update = (i: number, patch: Partial<Row>) => onChange(value.map((a, j) => (j === i ? { ...a, ...patch } as T : a)));
  return (
    <Box data-testid={kind === 'reply' ? 'radius-attributes' : 'radius-checks'}>
      {value.length === 0 ? <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>{t(kind === 'reply' ? 'radius.none' : 'radius.noChecks')}</Typography> : null}
      <Stack spacing={1.5}>
        {value.map((a, i) => (
          <Stack key={i} direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ alignItems: { sm: 'flex-start' } }}>
            <TextField size="small" label={t('radius.attribute')} name={`${field}_${i}_attribute`} value={a.attribute} sx={{ flex: 3 }}
              onChange={(e) => update(i, { attribute: e.target.value })} error={Boolean(errors[`${i}.attribute`])} helperText={errors[`${i}.attribute`]}
              slotProps={{ htmlInput: { spellCheck: false } }} />
            <TextField size="small" select label={t('radius.op')} name={`${field}_${i}_op`} value={a.op} sx={{ flex: 1, minWidth: 90 }}
              onChange={(e) => update(i, { op: e.target.value })} error={Boolean(errors[`${i}.op`])} helperText={errors[`${i}.op`]}
              slotProps={kind === 'check' ? { select: { renderValue: (v) => String(v) } } : undefined}>
              {kind === 'reply' ? [
                <MenuItem key=":=" value=":=">{t('radius.opSet')}</MenuItem>,
                <MenuItem key="+=" value="+=">{t('radius.opAdd')}</MenuItem>,
              ] : CHECK_OPS.map((op) => <MenuItem key={op} value={op}>{`${op} ${t(`radius.checkOps.${CHECK_OP_KEYS[op]}`)}`}</MenuItem>)}
            </TextField>
            <TextField size="small" label={t('radius.value')} name={`${field}_${i}_value`} value={a.value} sx={{ flex: 3 }}
              disabled={a.op === '=*' || a.op === '!*'}
              onChange={(e) => update(i, { value: e.target.value })} error={Boolean(errors[`${i}.value`])} helperText={errors[`${i}.value`]} />
            <Tooltip title={t('common.delete')}>
              <IconButton onClick={() => onChange(value.filter((_a, j) => j !== i))} aria-label={t('radius.remove', { n: i + 1 })}><DeleteIcon /></IconButton>
            </Tooltip>
          </Stack>
        ))}
      </Stack>
      <Button size="small" startIcon={<AddIcon />} sx={{ mt: 1 }} disabled={value.length >= 32} data-testid={kind === 'reply' ? 'add-radius-attribute' : 'add-radius-check'}
        onClick={() => onChange([...value, { attribute: '', op: kind === 'reply' ? ':=' : '==', value: '' } as T])}>{t(kind === 'reply' ? 'radius.add' : 'radius.addCheck')}</Button>
    </Box>
  );
}

/** On the subscriber page: the subscriber's own reply attributes and check items, applied after the plan's. */
export function SubscriberRadiusCard({ ispId, subscriber, canEdit, onSaved }: { ispId: string; subscriber: Subscriber; canEdit: boolean; onSaved: (s: Subscriber) => void }) {
  const t = useT();
  const [list, setList] = useState<ReplyAttribute[]>(() => toReply(subscriber.radius_reply));
  const [checks, setChecks] = useState<CheckItem[]>(() => toChecks(subscriber.radius_check));
  const [errors, setErrors] = useState<{ reply: Record<string, string>; check: Record<string, string> }>({ reply: {}, check: {} });
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  async function save() {
    setBusy(true);
    setMsg(null);
    const radius_reply = cleanRows(list);
    const radius_check = cleanRows(checks);
    const r = await api.PATCH('/api/isp/{isp_id}/subscribers/{subscriber_id}', { params: { path: { isp_id: ispId, subscriber_id: subscriber.id } }, body: { radius_reply, radius_check } });
    setBusy(false);
    if (r.data) {
      setErrors({ reply: {}, check: {} });
      setList(radius_reply);
      setChecks(radius_check);
      setMsg({ ok: true, text: t('radius.saved') });
      onSaved(r.data);
      return;
    }
    setErrors({ reply: rowErrors(r.error), check: rowErrors(r.error, 'radius_check') });
    setMsg({ ok: false, text: problemDetail(r.error) ?? t('common.error') });
  }
  const show = (rows: Row[], empty: string) => (rows.length
    ? <Box component="ul" sx={{ m: 0, pl: 2, fontFamily: 'monospace' }}>{rows.map((a, i) => <li key={i}>{`${a.attribute} ${a.op} ${a.value}`}</li>)}</Box>
    : <Typography variant="body2" color="text.secondary">{t(empty)}</Typography>);
  return (
    <Card>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>{t('radius.title')}</Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>{t('radius.subscriberHelp')}</Typography>
        {msg ? <Alert severity={msg.ok ? 'success' : 'error'} sx={{ mb: 2 }} role={msg.ok ? 'status' : 'alert'}>{msg.text}</Alert> : null}
        {canEdit ? <RadiusAttributesEditor value={list} onChange={setList} errors={errors.reply} /> : show(list, 'radius.none')}
        <Typography variant="subtitle1" component="h3" sx={{ mt: 3 }}>{t('radius.checkTitle')}</Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>{t('radius.checkHelp')}</Typography>
        {canEdit ? <RadiusAttributesEditor kind="check" value={checks} onChange={setChecks} errors={errors.check} /> : show(checks, 'radius.noChecks')}
        {canEdit ? <Box sx={{ mt: 2 }}><Button variant="contained" onClick={() => void save()} disabled={busy} data-testid="save-radius">{t('common.save')}</Button></Box> : null}
      </CardContent>
    </Card>
  );
}
