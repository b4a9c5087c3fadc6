/** The founder's SaaS billing: plans, the plan of each ISP, the monthly run and the platform invoices. */
import { useState } from 'react';
import { Grid } from '@mui/material';
import { api } from '../../../api/client.ts';
import { useT } from '../../../i18n/index.tsx';
import { ErrorAlert, Loading, PageHeader, ok, useLoad } from '../../../ui/common.tsx';
import { AssignmentsCard } from './AssignmentsCard.tsx';
import { InvoicesCard } from './InvoicesCard.tsx';
import { PlansCard } from './PlansCard.tsx';
import { RunCard } from './RunCard.tsx';
import { SettingsCard } from './SettingsCard.tsx';

export default function SaasBillingPage() {
  const t = useT();
  const [version, setVersion] = useState(0);
  const { data, error, reload } = useLoad(async () => {
    const [plans, assignments, isps, settings] = await Promise.all([
      api.GET('/api/founder/saas-plans'), api.GET('/api/founder/saas-assignments'),
      api.GET('/api/founder/isp/list', { params: { query: { limit: 200, offset: 0, sort: 'display_name' } } }), api.GET('/api/founder/platform-billing/settings'),
    ]);
    return { plans: ok(plans), assignments: ok(assignments), isps: ok(isps).items, settings: ok(settings) };
  }, [version]);
  const changed = () => setVersion((v) => v + 1);
  return (
    <>
      <PageHeader title={t('sb.title')} subtitle={t('sb.subtitle')} />
      <ErrorAlert error={error} onRetry={reload} />
      {!data ? (error ? null : <Loading />) : (
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: 7 }} sx={{ minWidth: 0 }}><PlansCard plans={data.plans} currency={data.settings.currency} onChange={changed} /></Grid>
          <Grid size={{ xs: 12, md: 5 }} sx={{ minWidth: 0 }}><RunCard onDone={changed} /></Grid>
          <Grid size={{ xs: 12 }} sx={{ minWidth: 0 }}><AssignmentsCard isps={data.isps} plans={data.plans} assignments={data.assignments} onChange={changed} /></Grid>
          <Grid size={{ xs: 12 }} sx={{ minWidth: 0 }}><InvoicesCard version={version} onChange={changed} /></Grid>
          <Grid size={{ xs: 12 }} sx={{ minWidth: 0 }}><SettingsCard settings={data.settings} onChange={changed} /></Grid>
        </Grid>
      )}
    </>
  );
}
