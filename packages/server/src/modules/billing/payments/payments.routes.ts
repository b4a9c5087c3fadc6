import { documentLocale } from '../../../platform/i18n/document-locale.ts';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import { rows, withScope } from '../../../platform/db/scope.ts';
import { commonErrors, conversionErrors, type Api } from '../../../platform/http/api.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { pageOf } from '../../../platform/http/paging.ts';
import { refundGatewayPayment, reviewPayment } from './gateways.service.ts';
import { allocatePayment, getPayment, getWallet, listPayments, loadPayment, recordManualPayment, refundManualPayment } from './payments.service.ts';
import { allocateBody, invoicePaymentDto, paymentDto, paymentQuery, recordPaymentBody, refundBody, reviewBody, walletDto, walletPayBody, walletPayDto } from './payments.schemas.ts';
import { payInvoiceFromWallet } from './wallet-pay.ts';
import { paymentsOfInvoice } from './ledger.ts';
import { renderReceipt } from './receipt.ts';

const tags = ['payments'];
const ispParams = z.object({ isp_id: z.uuid() });
const paymentParams = z.object({ isp_id: z.uuid(), payment_id: z.uuid() });

export function registerPaymentRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/isp/:isp_id/payments', {
    config: { permission: 'billing:read' },
    schema: { tags, summary: 'Payments, newest first; filter by status (held = fraud review queue), risk, subscriber, method', params: ispParams, querystring: paymentQuery, response: { 200: pageOf(paymentDto), ...commonErrors } },
  }, async (req) => {
    return listPayments(ctx, req.tenant.scope, req.tenant.ispId, req.query);
  });
  app.post('/api/isp/:isp_id/payments', {
    config: { permission: 'billing:manage' },
    schema: { tags, summary: 'Record a counter payment (cash, bank transfer, cheque, card terminal): allocated to open invoices, the rest to the wallet', params: ispParams, body: recordPaymentBody, response: { 201: paymentDto, ...conversionErrors } },
  }, async (req, reply) => {
    return reply.code(201).send(await recordManualPayment(ctx, req.tenant, req.body));
  });
  app.get('/api/isp/:isp_id/payments/:payment_id', {
    config: { permission: 'billing:read' },
    schema: { tags, summary: 'One payment with its allocations, refunds and risk reasons', params: paymentParams, response: { 200: paymentDto, ...commonErrors } },
  }, async (req) => {
    return getPayment(ctx, req.tenant.scope, req.params.payment_id);
  });
  app.get('/api/isp/:isp_id/payments/:payment_id/receipt.pdf', {
    config: { permission: 'billing:read' },
    schema: { tags, summary: 'Printable receipt (PDF, ISP branding)', params: paymentParams, produces: ['application/pdf'], response: { 200: z.any().describe('application/pdf'), ...commonErrors } },
  }, async (req, reply) => {
    const p = await getPayment(ctx, req.tenant.scope, req.params.payment_id);
    const [b] = await withScope(ctx.db, req.tenant.scope, (tx) => rows<{ display_name: string; primary_color: string; contact_email: string | null; address: string | null; tax_id: string | null; legal_name: string | null; email: string | null; locale: string | null; default_locale: string }>(tx, sql`
      SELECT i.display_name, i.primary_color, i.contact_email, bs.address, bs.tax_id, bs.legal_name, s.email, s.locale, i.default_locale
      FROM isps i LEFT JOIN billing_settings bs ON bs.isp_id = i.id LEFT JOIN subscribers s ON s.id = ${p.subscriber_id} WHERE i.id = ${req.tenant.ispId}`));
    if (!b) throw notFound('ISP');
    const pdf = await renderReceipt(p, { displayName: b.legal_name ?? b.display_name, primaryColor: b.primary_color, address: b.address, taxId: b.tax_id, contactEmail: b.contact_email },
      { name: p.subscriber_name ?? '', accountNumber: p.account_number ?? '', email: b.email }, documentLocale(b.locale, b.default_locale));
    return reply.type('application/pdf').header('content-disposition', `inline; filename="receipt-${p.number ?? p.id}.pdf"`).send(pdf);
  });
  app.post('/api/isp/:isp_id/payments/:payment_id/refund', {
    config: { permission: 'billing:manage' },
    schema: { tags, summary: 'Refund all or part of a payment (through the gateway for online payments)', params: paymentParams, body: refundBody, response: { 200: paymentDto, ...commonErrors } },
  }, async (req) => {
    const p = await withScope(ctx.db, req.tenant.scope, (tx) => loadPayment(tx, req.params.payment_id));
    return p.method === 'gateway' ? refundGatewayPayment(ctx, req.tenant, p.id, req.body) : refundManualPayment(ctx, req.tenant, p.id, req.body);
  });
  app.post('/api/isp/:isp_id/payments/:payment_id/allocate', {
    config: { permission: 'billing:manage' },
    schema: { tags, summary: 'Apply the unallocated part of a payment (in the wallet) to chosen invoices', params: paymentParams, body: allocateBody, response: { 200: paymentDto, ...conversionErrors } },
  }, async (req) => {
    return allocatePayment(ctx, req.tenant, req.params.payment_id, req.body.allocations);
  });
  app.post('/api/isp/:isp_id/payments/:payment_id/review', {
    config: { permission: 'billing:manage' },
    schema: { tags, summary: 'Fraud review of a held payment: approve (settle) or reject (refund / fail)', params: paymentParams, body: reviewBody, response: { 200: paymentDto, ...conversionErrors } },
  }, async (req) => {
    return reviewPayment(ctx, req.tenant, req.params.payment_id, req.body.decision, req.body.note ?? null);
  });
  app.get('/api/isp/:isp_id/subscribers/:subscriber_id/wallet', {
    config: { permission: 'billing:read' },
    schema: { tags, summary: "A subscriber's wallet: balance per currency and the ledger entries", params: z.object({ isp_id: z.uuid(), subscriber_id: z.uuid() }), response: { 200: walletDto, ...commonErrors } },
  }, async (req) => {
    return getWallet(ctx, req.tenant.scope, req.params.subscriber_id);
  });
  app.get('/api/isp/:isp_id/invoices/:invoice_id/payments', {
    config: { permission: 'billing:read' },
    schema: { tags, summary: 'What paid an invoice, net of refunds: payments and wallet credit, each with its conversion', params: z.object({ isp_id: z.uuid(), invoice_id: z.uuid() }), response: { 200: z.array(invoicePaymentDto), ...commonErrors } },
  }, async (req) => {
    return withScope(ctx.db, req.tenant.scope, async (tx) => {
      const [inv] = await rows<{ id: string }>(tx, sql`SELECT id FROM invoices WHERE id = ${req.params.invoice_id} AND isp_id = ${req.tenant.ispId}`);
      if (!inv) throw notFound('Invoice');
      return paymentsOfInvoice(tx, inv.id);
    });
  });
  app.post('/api/isp/:isp_id/subscribers/:subscriber_id/wallet/pay', {
    config: { permission: 'billing:manage' },
    schema: {
      tags, summary: "Pay an open invoice from the wallet balance in one currency (converted at the stored rate when the invoice's currency differs)",
      params: z.object({ isp_id: z.uuid(), subscriber_id: z.uuid() }), body: walletPayBody, response: { 200: walletPayDto, ...conversionErrors },
    },
  }, async (req) => {
    return payInvoiceFromWallet(ctx, req.tenant, req.params.subscriber_id, req.body);
  });
}
