/** Small pieces the NOC alerts pages share: severity chips and the device list for pickers. */
import { Chip } from '@mui/material';
import { api } from '../../../../api/client.ts';
import { useT } from '../../../../i18n/index.tsx';
import { ok, useLoad } from '../../../../ui/common.tsx';
import type { Severity } from './types.ts';

const severityColor: Record<Severity, 'error' | 'warning' | 'info' | 'default'> = { critical: 'error', major: 'error', minor: 'warning', warning: 'warning', info: 'info' };

export function SeverityChip({ severity }: { severity: Severity }) {
  const t = useT();
  return <Chip size="small" color={severityColor[severity]} variant={severity === 'critical' ? 'filled' : 'outlined'} label={t(`noca.severity.${severity}`)} />;
}

export function useDevices(ispId: string) {
  const { data } = useLoad(async () => ok(await api.GET('/api/noc/{isp_id}/devices', { params: { path: { isp_id: ispId }, query: { limit: 200 } } })), [ispId]);
  return data?.items ?? [];
}

/** `datetime-local` value (local time, minutes) ⇄ ISO. */
export const toLocalInput = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
export const fromLocalInput = (v: string) => new Date(v).toISOString();
