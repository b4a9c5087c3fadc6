/** The branch portal's first screen (branch managers), also each branch's page for ISP admins. */
import { useParams, Link as RouterLink } from 'react-router-dom';
import { Button } from '@mui/material';
import { api } from '../../api/client.ts';
import { useT } from '../../i18n/index.tsx';
import { ErrorAlert, Loading, PageHeader, StatusChip, ok, useLoad } from '../../ui/common.tsx';
import { useIsp } from '../isp/context.ts';
import { DashboardView } from '../isp/reporting/DashboardView.tsx';
import { ChurnOverviewCard } from '../isp/intelligence/ChurnOverviewCard.tsx';

export default function BranchDashboardPage({ branchId: fixed }: { branchId?: string }) {
  const t = useT();
  const params = useParams();
  const { base, branchId: ownBranch } = useIsp();
  const branchId = fixed ?? params.branchId ?? '';
  const { data, error, reload } = useLoad(async () => ok(await api.GET('/api/branch/{branch_id}/dashboard', { params: { path: { branch_id: branchId } } })), [branchId]);
  return (
    <>
      <PageHeader
        title={data ? data.branch.name : t('dash.branchTitle')}
        subtitle={data ? <>{t('branches.code')}: {data.branch.code} · <StatusChip status={data.branch.status} /></> : undefined}
        actions={!fixed && ownBranch !== branchId ? <Button component={RouterLink} to={`${base}/branches`}>{t('branches.back')}</Button> : undefined}
      />
      <ErrorAlert error={error} onRetry={reload} />
      {data ? <ChurnOverviewCard branchId={branchId} /> : null}
      {data ? <DashboardView data={data} /> : error ? null : <Loading />}
    </>
  );
}
