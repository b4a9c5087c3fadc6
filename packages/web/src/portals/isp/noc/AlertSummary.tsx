/** Alerts firing now by severity and the open incidents: on the NOC dashboard and on the ISP dashboard. */
import { Grid, Link } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { useFormat, useT } from '../../../i18n/index.tsx';
import { StatCard } from '../../../ui/common.tsx';
import type { NocDashboard } from '../../../api/types.ts';
import { SEVERITIES } from '../../../api/enums.ts';

type Dashboard = Pick<NocDashboard, 'alerts_by_severity' | 'incidents'>;


export function AlertSummary({ data, base }: { data: Dashboard; base: string }) {
  const t = useT();
  const fmt = useFormat();
  const a = data.alerts_by_severity;
  const firing = SEVERITIES.reduce((n, s) => n + a[s], 0);
  const worst = SEVERITIES.find((s) => a[s] > 0);
  return (
    <Grid container spacing={2} sx={{ mb: 3 }} data-testid="alert-summary">
      <Grid size={{ xs: 6, md: 3 }}>
        <StatCard label={t('noc.dashboard.alertsFiring')} value={fmt.number(firing)}
          tone={worst === 'critical' || worst === 'major' ? 'error' : worst ? 'warning' : 'success'}
          hint={SEVERITIES.filter((s) => a[s] > 0).map((s) => `${t(`noca.severity.${s}`)} ${fmt.number(a[s])}`).join(' · ') || undefined} />
      </Grid>
      <Grid size={{ xs: 6, md: 3 }}>
        <StatCard label={t('noc.dashboard.openIncidents')}
          value={<Link component={RouterLink} to={`${base}/noc/incidents`} underline="hover" color="inherit">{fmt.number(data.incidents.open + data.incidents.acknowledged)}</Link>}
          tone={data.incidents.open ? 'error' : 'default'}
          hint={data.incidents.acknowledged ? t('noc.dashboard.acknowledged', { count: data.incidents.acknowledged }) : undefined} />
      </Grid>
    </Grid>
  );
}
