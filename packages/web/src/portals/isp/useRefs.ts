/** Branches and plans of the ISP, for filters, pickers and labels. */
import { api } from '../../api/client.ts';
import type { Branch, Plan } from '../../api/types.ts';
import { ok, useLoad } from '../../ui/common.tsx';

export function useBranchesAndPlans(ispId: string) {
  const { data, reload } = useLoad(async () => {
    const [b, p] = await Promise.all([
      api.GET('/api/isp/{isp_id}/branches', { params: { path: { isp_id: ispId } } }),
      api.GET('/api/isp/{isp_id}/plans', { params: { path: { isp_id: ispId } } }),
    ]);
    return { branches: ok(b) as Branch[], plans: ok(p) as Plan[] };
  }, [ispId]);
  return { branches: data?.branches ?? [], plans: data?.plans ?? [], reload };
}
