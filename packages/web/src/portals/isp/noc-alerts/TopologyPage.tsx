/** The network map from uplink (parent) links, coloured by state; a list beside it says the same in words. */
import { useEffect, useRef } from 'react';
import { Box, Chip, Paper, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { api } from '../../../api/client.ts';
import { useT } from '../../../i18n/index.tsx';
import { ErrorAlert, Loading, PageHeader, ok, useLoad } from '../../../ui/common.tsx';
import { useIsp } from '../context.ts';
import { SeverityChip } from './shared.tsx';
import type { TopologyNode } from './types.ts';

const stateColor = (n: TopologyNode) => (n.status === 'down' ? '#c62828' : n.alerts_firing > 0 ? '#ed6c02' : n.status === 'up' ? '#2e7d32' : '#757575');

export default function TopologyPage() {
  const t = useT();
  const { ispId } = useIsp();
  const { data, error, reload } = useLoad(async () => ok(await api.GET('/api/noc/{isp_id}/topology', { params: { path: { isp_id: ispId } } })), [ispId]);
  useEffect(() => {
    const timer = setInterval(() => void reload(), 30_000);
    return () => clearInterval(timer);
  }, [reload]);
  const byId = new Map((data?.nodes ?? []).map((n) => [n.id, n]));
  return (
    <>
      <PageHeader title={t('noca.nav.topology')} subtitle={t('noca.topology.subtitle')} />
      <ErrorAlert error={error} onRetry={reload} />
      {!data ? (error ? null : <Loading />) : (
        <>
          <Paper sx={{ mb: 2, p: 1 }}>
            {data.nodes.length ? <TopologyMap nodes={data.nodes} label={t('noca.nav.topology')} /> : <Typography sx={{ p: 2 }} color="text.secondary">{t('noca.topology.empty')}</Typography>}
            <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', p: 1 }}>
              {(['up', 'alerting', 'down', 'unknown'] as const).map((s) => (
                <Box key={s} sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
                  <Box sx={{ width: 12, height: 12, borderRadius: '50%', bgcolor: { up: '#2e7d32', alerting: '#ed6c02', down: '#c62828', unknown: '#757575' }[s] }} />
                  <Typography variant="caption">{t(`noca.topology.legend.${s}`)}</Typography>
                </Box>
              ))}
            </Box>
          </Paper>
          <Paper>
            <TableContainer>
              <Table size="small" aria-label={t('noca.topology.list')}>
                <TableHead>
                  <TableRow>
                    <TableCell>{t('noca.alerts.device')}</TableCell>
                    <TableCell>{t('noca.topology.state')}</TableCell>
                    <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('noca.topology.uplink')}</TableCell>
                    <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('noca.incidents.alerts')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {data.nodes.map((n) => (
                    <TableRow key={n.id}>
                      <TableCell sx={{ wordBreak: 'break-word' }}>{n.name}<Box component="small" sx={{ display: 'block', color: '#555' }}>{n.mgmt_ip}{n.site ? ` · ${n.site}` : ''}</Box></TableCell>
                      <TableCell><Chip size="small" variant="outlined" sx={{ borderColor: stateColor(n), color: stateColor(n) === '#757575' ? undefined : stateColor(n) }} label={t(`noca.topology.status.${n.status}`)} /></TableCell>
                      <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{n.parent_id ? byId.get(n.parent_id)?.name ?? '—' : '—'}</TableCell>
                      <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>
                        {n.worst_severity ? <SeverityChip severity={n.worst_severity} /> : '—'} {n.incident_number ? `#${n.incident_number}` : ''}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          </Paper>
        </>
      )}
    </>
  );
}

/** Cytoscape draws the tree (breadth-first from the devices without an uplink); it is loaded only with this page. */
function TopologyMap({ nodes, label }: { nodes: TopologyNode[]; label: string }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let destroyed = false;
    let cy: { destroy(): void } | null = null;
    void import('cytoscape').then(({ default: cytoscape }) => {
      if (destroyed || !el.current) return;
      const ids = new Set(nodes.map((n) => n.id));
      cy = cytoscape({
        container: el.current,
        elements: [
          ...nodes.map((n) => ({ data: { id: n.id, label: n.name, color: stateColor(n) } })),
          ...nodes.filter((n) => n.parent_id && ids.has(n.parent_id)).map((n) => ({ data: { id: `e-${n.id}`, source: n.parent_id!, target: n.id } })),
        ],
        style: [
          { selector: 'node', style: { 'background-color': 'data(color)', label: 'data(label)', color: '#212121', 'font-size': 11, 'text-valign': 'bottom', 'text-margin-y': 4, width: 22, height: 22 } },
          { selector: 'edge', style: { width: 2, 'line-color': '#9e9e9e', 'curve-style': 'bezier' } },
        ],
        layout: { name: 'breadthfirst', directed: true, roots: nodes.filter((n) => !n.parent_id || !ids.has(n.parent_id)).map((n) => n.id), spacingFactor: 1.1, padding: 20 },
        userZoomingEnabled: true,
        wheelSensitivity: 0.3,
      });
    });
    return () => {
      destroyed = true;
      cy?.destroy();
    };
  }, [nodes]);
  return <Box ref={el} role="img" aria-label={label} sx={{ height: { xs: 320, md: 480 }, width: '100%' }} />;
}
