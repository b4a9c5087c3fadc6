/** The "at risk" segment: scored subscribers at or above the model's at-risk line, sortable by risk, with their top reason. */
import { useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { Box, Chip, Link, Paper, Table, TableBody, TableCell, TableContainer, TableHead, TablePagination, TableRow, TableSortLabel } from '@mui/material';
import { api } from '../../../api/client.ts';
import { useFormat, useT } from '../../../i18n/index.tsx';
import { ErrorAlert, Loading, StatusChip, ok, useLoad } from '../../../ui/common.tsx';
import { useIsp } from '../context.ts';
import { useChurnFormat } from './churn-format.ts';

export function AtRiskTable() {
  const t = useT();
  const fmt = useFormat();
  const cf = useChurnFormat();
  const { ispId, base } = useIsp();
  const [sort, setSort] = useState<'-risk' | 'risk' | 'name' | '-name'>('-risk');
  const [page, setPage] = useState(0);
  const [rowsPerPage, setRowsPerPage] = useState(25);
  const { data, error, loading, reload } = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/churn/subscribers', {
    params: { path: { isp_id: ispId }, query: { at_risk: 'true', sort, limit: rowsPerPage, offset: page * rowsPerPage } },
  })), [ispId, sort, page, rowsPerPage]);
  const items = data?.items ?? [];
  const header = (key: 'risk' | 'name', label: string) => {
    const active = sort === key || sort === `-${key}`;
    const dir = sort === `-${key}` ? 'desc' : 'asc';
    return <TableSortLabel active={active} direction={active ? dir : 'asc'} onClick={() => { setSort(active && dir === 'asc' ? `-${key}` : key); setPage(0); }}>{label}</TableSortLabel>;
  };
  return (
    <Paper data-testid="at-risk-table">
      <ErrorAlert error={error} onRetry={reload} />
      <TableContainer>
        <Table size="small" aria-label={t('churn.segmentTitle')}>
          <TableHead>
            <TableRow>
              <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('subs.account')}</TableCell>
              <TableCell>{header('name', t('subs.name'))}</TableCell>
              <TableCell>{t('subs.status')}</TableCell>
              <TableCell>{header('risk', t('churn.risk'))}</TableCell>
              <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }}>{t('churn.topReason')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {items.map((s) => (
              <TableRow key={s.subscriber_id} hover>
                <TableCell sx={{ fontFamily: 'monospace', display: { xs: 'none', sm: 'table-cell' } }}>{s.account_number}</TableCell>
                <TableCell><Link component={RouterLink} to={`${base}/subscribers/${s.subscriber_id}`} underline="hover">{s.name}</Link></TableCell>
                <TableCell><StatusChip status={s.status} /></TableCell>
                <TableCell><Chip size="small" color="error" variant="outlined" label={cf.risk(s.risk)} /></TableCell>
                <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }}>
                  {s.reasons[0] ? <>{cf.feature(s.reasons[0].feature)} <Box component="span" sx={{ color: 'text.secondary' }}>· {cf.value(s.reasons[0])}</Box></> : '—'}
                </TableCell>
              </TableRow>
            ))}
            {!loading && !items.length ? (
              <TableRow><TableCell colSpan={5}><Box sx={{ py: 4, textAlign: 'center', color: 'text.secondary' }}>{t('churn.noneAtRisk')}</Box></TableCell></TableRow>
            ) : null}
          </TableBody>
        </Table>
      </TableContainer>
      {loading && !data ? <Loading /> : null}
      <TablePagination
        component="div" count={data?.total ?? 0} page={data ? page : 0} rowsPerPage={rowsPerPage} rowsPerPageOptions={[10, 25, 50, 100]}
        onPageChange={(_e, p) => setPage(p)}
        onRowsPerPageChange={(e) => { setRowsPerPage(Number(e.target.value)); setPage(0); }}
        labelRowsPerPage={t('common.rowsPerPage')}
        labelDisplayedRows={({ from, to, count }) => t('common.rangeOf', { from: fmt.number(from), to: fmt.number(to), count: fmt.number(count) })}
        getItemAriaLabel={(type) => t(`common.page_${type}`)}
      />
    </Paper>
  );
}

/** Risks of the subscribers on one list page (one request for the page's ids). */
export function usePageRisks(ids: string[]) {
  const { ispId } = useIsp();
  const key = ids.join(',');
  return useLoad(async () => {
    if (!ids.length) return new Map<string, { risk: number; at_risk: boolean }>();
    const r = ok(await api.GET('/api/isp/{isp_id}/churn/subscribers', { params: { path: { isp_id: ispId }, query: { subscriber_ids: key, limit: 200 } } }));
    return new Map(r.items.map((i) => [i.subscriber_id, { risk: i.risk, at_risk: i.at_risk }]));
  }, [ispId, key]);
}
