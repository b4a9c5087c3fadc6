/** The network map from uplink (parent) links and LLDP links, coloured by state; lists beside it say the same in words. */
import { useEffect, useRef } from 'react';
import { Box, Chip, Paper, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { api } from '../../../../api/client.ts';
import { useT } from '../../../../i18n/index.tsx';
import { ErrorAlert, Loading, PageHeader, ok, useLoad } from '../../../../ui/common.tsx';
import { useIsp } from '../../context.ts';
import { SeverityChip } from './shared.tsx';
import type { LldpLink, TopologyNode } from './types.ts';

const lldpColor = '#1565c0';
const externalColor = '#bdbdbd';
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
            {data.nodes.length ? <TopologyMap nodes={data.nodes} links={data.lldp_links} label={t('noca.nav.topology')} /> : <Typography sx={{ p: 2 }} color="text.secondary">{t('noca.topology.empty')}</Typography>}
            <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', p: 1 }}>
              {(['up', 'alerting', 'down', 'unknown'] as const).map((s) => (
                <Box key={s} sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
                  <Box sx={{ width: 12, height: 12, borderRadius: '50%', bgcolor: { up: '#2e7d32', alerting: '#ed6c02', down: '#c62828', unknown: '#757575' }[s] }} />
                  <Typography variant="caption">{t(`noca.topology.legend.${s}`)}</Typography>
                </Box>
              ))}
              <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
                <Box sx={{ width: 24, borderTop: '2px solid #9e9e9e' }} />
                <Typography variant="caption">{t('noca.topology.legend.uplink')}</Typography>
              </Box>
              <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
                <Box sx={{ width: 24, borderTop: `2px dashed ${lldpColor}` }} />
                <Typography variant="caption">{t('noca.topology.legend.lldp')}</Typography>
              </Box>
              <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
                <Box sx={{ width: 10, height: 10, transform: 'rotate(45deg)', border: '1px solid #757575', bgcolor: externalColor }} />
                <Typography variant="caption">{t('noca.topology.legend.external')}</Typography>
              </Box>
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
          <LldpTable links={data.lldp_links} byId={byId} />
        </>
      )}
    </>
  );
}

function LldpTable({ links, byId }: { links: LldpLink[]; byId: Map<string, TopologyNode> }) {
  const t = useT();
  return (
    <Paper sx={{ mt: 2 }}>
      <Typography variant="subtitle1" component="h2" sx={{ px: 2, pt: 1.5 }}>{t('noca.topology.lldp.title')}</Typography>
      {links.length === 0 ? <Typography sx={{ px: 2, pb: 2 }} color="text.secondary">{t('noca.topology.lldp.empty')}</Typography> : (
        <TableContainer>
          <Table size="small" aria-label={t('noca.topology.lldp.title')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('noca.alerts.device')}</TableCell>
                <TableCell>{t('noca.topology.lldp.localPort')}</TableCell>
                <TableCell>{t('noca.topology.lldp.neighbour')}</TableCell>
                <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('noca.topology.lldp.remotePort')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {links.map((l, i) => (
                <TableRow key={`${l.device_id}-${l.local_port ?? ''}-${i}`}>
                  <TableCell sx={{ wordBreak: 'break-word' }}>{byId.get(l.device_id)?.name ?? '—'}</TableCell>
                  <TableCell sx={{ wordBreak: 'break-all' }}>{l.local_port ?? '—'}</TableCell>
                  <TableCell sx={{ wordBreak: 'break-word' }}>
                    {l.remote_name}
                    <Box component="small" sx={{ display: 'block', color: '#555' }}>
                      {l.remote_device_id ? t(`noca.topology.lldp.matched.${l.matched_by ?? 'chassis_id'}`) : t('noca.topology.legend.external')}
                      {l.both_ends ? ` · ${t('noca.topology.lldp.bothEnds')}` : ''}
                    </Box>
                  </TableCell>
                  <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' }, wordBreak: 'break-all' }}>{l.remote_port ?? '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Paper>
  );
}

/**
 * Cytoscape draws the tree (breadth-first from the devices without an uplink) from the uplink
 * links; LLDP links are drawn over it dashed, with the port at each end, and neighbours that
 * are no device of the inventory hang off their device as grey diamonds. Loaded only with this page.
 */
function TopologyMap({ nodes, links, label }: { nodes: TopologyNode[]; links: LldpLink[]; label: string }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let destroyed = false;
    let cy: { destroy(): void } | null = null;
    void import('cytoscape').then(({ default: cytoscape }) => {
      if (destroyed || !el.current) return;
      const ids = new Set(nodes.map((n) => n.id));
      const external = links.filter((l) => !l.remote_device_id && ids.has(l.device_id));
      const known = links.filter((l) => l.remote_device_id && ids.has(l.remote_device_id) && ids.has(l.device_id));
      const c = cytoscape({
        container: el.current,
        elements: [
          ...nodes.map((n) => ({ data: { id: n.id, label: n.name, color: stateColor(n) } })),
          ...external.map((l, i) => ({ classes: 'external', data: { id: `x-${i}`, label: l.remote_name, color: externalColor } })),
          ...nodes.filter((n) => n.parent_id && ids.has(n.parent_id)).map((n) => ({ classes: 'uplink', data: { id: `e-${n.id}`, source: n.parent_id!, target: n.id } })),
          ...external.map((l, i) => ({ classes: 'lldp tree', data: { id: `lx-${i}`, source: l.device_id, target: `x-${i}`, src: l.local_port ?? '', dst: l.remote_port ?? '' } })),
          ...known.map((l, i) => ({ classes: 'lldp', data: { id: `l-${i}`, source: l.device_id, target: l.remote_device_id!, src: l.local_port ?? '', dst: l.remote_port ?? '' } })),
        ],
        style: [
          { selector: 'node', style: { 'background-color': 'data(color)', label: 'data(label)', color: '#212121', 'font-size': 11, 'text-valign': 'bottom', 'text-margin-y': 4, width: 22, height: 22 } },
          { selector: 'node.external', style: { shape: 'diamond', width: 16, height: 16, 'border-width': 1, 'border-color': '#757575', color: '#555', 'font-size': 10 } },
          { selector: 'edge', style: { width: 2, 'line-color': '#9e9e9e', 'curve-style': 'bezier' } },
          { selector: 'edge.lldp', style: {
            'line-color': lldpColor, 'line-style': 'dashed', width: 1.5, 'source-label': 'data(src)', 'target-label': 'data(dst)',
            'source-text-offset': 28, 'target-text-offset': 28, 'font-size': 9, color: lldpColor, 'text-background-color': '#fff', 'text-background-opacity': 0.85, 'text-background-padding': '1px',
          } },
        ],
        layout: { name: 'preset' },
        // Fitting a small tree into the box would blow its labels up.
        maxZoom: 1.3,
        userZoomingEnabled: true,
        wheelSensitivity: 0.3,
      });
      // The tree comes from the uplinks (and the external neighbours' links); LLDP links between
      // known devices are drawn where the tree put their ends, or they would bend it.
      c.elements('node, edge.uplink, edge.tree').layout({ name: 'breadthfirst', directed: true, roots: nodes.filter((n) => !n.parent_id || !ids.has(n.parent_id)).map((n) => n.id), spacingFactor: 1.3, padding: 30 }).run();
      cy = c;
    });
    return () => {
      destroyed = true;
      cy?.destroy();
    };
  }, [nodes, links]);
  return <Box ref={el} role="img" aria-label={label} sx={{ height: { xs: 320, md: 480 }, width: '100%' }} />;
}
