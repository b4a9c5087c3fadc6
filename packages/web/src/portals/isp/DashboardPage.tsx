import { api } from '../../api/client.ts';
import { useT } from '../../i18n/index.tsx';
import { ErrorAlert, Loading, PageHeader, ok, useLoad } from '../../ui/common.tsx';
import { useIsp } from './context.ts';
import { DashboardView } from './DashboardView.tsx';

export default function DashboardPage() {
  const t = useT();
  const { ispId, isp } = useIsp();
  const { data, error, reload } = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/dashboard', { params: { path: { isp_id: ispId } } })), [ispId]);
  return (
    <>
      <PageHeader title={t('dash.title')} subtitle={isp.display_name} />
      <ErrorAlert error={error} onRetry={reload} />
      {data ? <DashboardView data={data} /> : error ? null : <Loading />}
    </>
  );
}
