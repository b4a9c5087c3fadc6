/** Invoices and credit notes of the ISP, filtered by status and searched by number or customer. */
import { useState } from 'react';
import { Box, MenuItem, TextField } from '@mui/material';
import { api } from '../../../api/client.ts';
import { useT } from '../../../i18n/index.tsx';
import { ErrorAlert, Loading, ok, useLoad } from '../../../ui/common.tsx';
import { useIsp } from '../context.ts';
import { InvoicesTable } from './InvoicesTable.tsx';
import { INVOICE_STATUSES } from '../../../api/enums.ts';

type Status = (typeof INVOICE_STATUSES)[number];

export default function InvoicesPage() {
  const t = useT();
  const { ispId, base } = useIsp();
  const [status, setStatus] = useState<Status | ''>('');
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const { data, error, reload } = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/invoices', {
    params: { path: { isp_id: ispId }, query: { limit: 25, offset, sort: '-created_at', ...(status ? { status } : {}), ...(q.trim() ? { q: q.trim() } : {}) } },
  })), [ispId, status, q, offset]);
  return (
    <>
      <Box sx={{ display: 'flex', gap: 2, mb: 2, flexWrap: 'wrap' }}>
        <TextField size="small" label={t('common.search')} value={q} onChange={(e) => { setQ(e.target.value); setOffset(0); }} sx={{ minWidth: 200 }} />
        <TextField size="small" select label={t('inv.statusLabel')} value={status} onChange={(e) => { setStatus(e.target.value as Status | ''); setOffset(0); }} sx={{ minWidth: 160 }}>
          <MenuItem value="">{t('inv.allStatuses')}</MenuItem>
          {INVOICE_STATUSES.map((s) => <MenuItem key={s} value={s}>{t(`inv.status.${s}`)}</MenuItem>)}
        </TextField>
      </Box>
      <ErrorAlert error={error} onRetry={reload} />
      {!data ? (error ? null : <Loading />) : <InvoicesTable page={data} base={base} onPage={setOffset} />}
    </>
  );
}
