/** Which SaaS plan each ISP is on; changing the select assigns the plan at once. */
import { useState } from 'react';
import { Alert, Card, CardContent, MenuItem, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { api, problemDetail } from '../../../api/client.ts';
import type { IspListItem, SaasAssignment, SaasPlan } from '../../../api/types.ts';
import { useFormat, useT } from '../../../i18n/index.tsx';

export function AssignmentsCard({ isps, plans, assignments, onChange }: { isps: IspListItem[]; plans: SaasPlan[]; assignments: SaasAssignment[]; onChange: () => void }) {
  const t = useT();
  const fmt = useFormat();
  const [err, setErr] = useState<string | null>(null);
  const byIsp = new Map(assignments.map((a) => [a.isp_id, a]));
  async function assign(ispId: string, planId: string) {
    setErr(null);
    const r = await api.PUT('/api/founder/isp/{isp_id}/saas-assignment', { params: { path: { isp_id: ispId } }, body: { plan_id: planId } });
    if (r.data) onChange(); else setErr(problemDetail(r.error) ?? t('common.error'));
  }
  return (
    <Card><CardContent>
      <Typography variant="h6" component="h2" gutterBottom>{t('sb.assignments')}</Typography>
      {err ? <Alert severity="error" sx={{ mb: 1 }}>{err}</Alert> : null}
      <TableContainer>
        <Table size="small" aria-label={t('sb.assignments')}>
          <TableHead><TableRow><TableCell>{t('sb.isp')}</TableCell><TableCell>{t('sb.plan')}</TableCell><TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('sb.since')}</TableCell></TableRow></TableHead>
          <TableBody>
            {isps.filter((i) => i.status !== 'terminated').map((i) => {
              const a = byIsp.get(i.id);
              return (
                <TableRow key={i.id}>
                  <TableCell>{i.display_name}</TableCell>
                  <TableCell>
                    <TextField select size="small" value={a?.plan_id ?? ''} onChange={(e) => void assign(i.id, e.target.value)} sx={{ minWidth: 140 }}
                      slotProps={{ htmlInput: { 'aria-label': t('sb.planOf', { name: i.display_name }) } }}>
                      {a ? null : <MenuItem value="" disabled>{t('sb.noPlan')}</MenuItem>}
                      {plans.filter((p) => p.status === 'active' || p.id === a?.plan_id).map((p) => <MenuItem key={p.id} value={p.id}>{p.name}</MenuItem>)}
                    </TextField>
                  </TableCell>
                  <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{a ? fmt.day(a.start_date) : '—'}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </TableContainer>
    </CardContent></Card>
  );
}
