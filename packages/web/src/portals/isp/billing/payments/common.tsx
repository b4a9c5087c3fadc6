/** Pieces shared by the payment pages: status and risk chips, the receipt download. */
import { Chip, Tooltip, type ChipProps } from '@mui/material';
import { api } from '../../../../api/client.ts';
import { useT } from '../../../../i18n/index.tsx';
import type { Payment } from './types.ts';

const statusColor: Record<string, ChipProps['color']> = {
  succeeded: 'success', held: 'warning', pending: 'info', failed: 'error', refunded: 'default', partially_refunded: 'default',
};

export function PaymentStatusChip({ status }: { status: string }) {
  const t = useT();
  return <Chip size="small" variant="outlined" color={statusColor[status] ?? 'default'} label={t(`pay.status.${status}`)} />;
}

export function RiskChip({ payment }: { payment: Pick<Payment, 'risk_level' | 'risk_score' | 'risk_reasons'> }) {
  const t = useT();
  const color: ChipProps['color'] = payment.risk_level === 'high' ? 'error' : payment.risk_level === 'medium' ? 'warning' : 'default';
  const chip = <Chip size="small" color={color} variant={payment.risk_level === 'low' ? 'outlined' : 'filled'} label={`${t(`pay.risk.${payment.risk_level}`)} · ${payment.risk_score}`} />;
  return payment.risk_reasons.length ? <Tooltip title={payment.risk_reasons.map((r) => r.detail).join('; ')}>{chip}</Tooltip> : chip;
}

export function methodLabel(t: (k: string) => string, p: Pick<Payment, 'method' | 'provider'>): string {
  return p.method === 'gateway' ? `${t('pay.method.gateway')} (${p.provider ?? ''})` : t(`pay.method.${p.method}`);
}

/** Opens the receipt PDF in a new tab (fetched with the session's token, so it is never a public URL). */
export async function openReceipt(ispId: string, paymentId: string): Promise<void> {
  const r = await api.GET('/api/isp/{isp_id}/payments/{payment_id}/receipt.pdf', { params: { path: { isp_id: ispId, payment_id: paymentId } }, parseAs: 'blob' });
  if (!r.response.ok || !r.data) throw new Error(`HTTP ${r.response.status}`);
  const url = URL.createObjectURL(r.data as Blob);
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
