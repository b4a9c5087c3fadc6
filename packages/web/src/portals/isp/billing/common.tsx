/** Pieces shared by the billing pages: the invoice status chip and PDF download. */
import { Chip, type ChipProps } from '@mui/material';
import { api } from '../../../api/client.ts';
import { useT } from '../../../i18n/index.tsx';

const colors: Record<string, ChipProps['color']> = { draft: 'default', issued: 'info', paid: 'success', partially_paid: 'warning', overdue: 'error', void: 'default' };

export function InvoiceStatusChip({ status }: { status: string }) {
  const t = useT();
  return <Chip size="small" variant={status === 'void' ? 'outlined' : 'filled'} color={colors[status] ?? 'default'} label={t(`inv.status.${status}`)} />;
}

function openBlob(data: unknown) {
  const url = URL.createObjectURL(data as Blob);
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Opens the invoice PDF in a new tab, fetched with the session's token (never a public URL). */
export async function openInvoicePdf(ispId: string, invoiceId: string): Promise<void> {
  const r = await api.GET('/api/isp/{isp_id}/invoices/{invoice_id}/pdf', { params: { path: { isp_id: ispId, invoice_id: invoiceId } }, parseAs: 'blob' });
  if (!r.response.ok || !r.data) throw new Error(`HTTP ${r.response.status}`);
  openBlob(r.data);
}

export async function openMyInvoicePdf(invoiceId: string): Promise<void> {
  const r = await api.GET('/api/me/invoices/{invoice_id}/pdf', { params: { path: { invoice_id: invoiceId } }, parseAs: 'blob' });
  if (!r.response.ok || !r.data) throw new Error(`HTTP ${r.response.status}`);
  openBlob(r.data);
}
