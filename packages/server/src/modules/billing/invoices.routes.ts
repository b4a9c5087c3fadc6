import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { commonErrors, type Api } from '../../platform/http/api.ts';
import { requireActor } from '../../platform/http/authenticate.ts';
import { forbidden, notFound } from '../../platform/http/errors.ts';
import { pageOf, pageQuery, sortParam } from '../../platform/http/paging.ts';
import { tenantScope } from '../../platform/db/scope.ts';
import { invoiceDto, invoiceSummaryDto } from './invoice-dto.ts';
import { invoiceStatuses } from './schema.ts';
import { createCreditNote, createManualInvoice, creditNoteBody, getInvoice, invoiceSortFields, issueInvoice, listInvoices, manualInvoiceBody, voidBody, voidInvoice } from './invoices.service.ts';
import { emailInvoice, invoicePdf } from './invoice-delivery.ts';

const tags = ['invoices'];
const ispParams = z.object({ isp_id: z.uuid() });
const invParams = z.object({ isp_id: z.uuid(), invoice_id: z.uuid() });
const pdf = z.any().describe('application/pdf');
const listQuery = z.strictObject({
  ...pageQuery,
  sort: sortParam(invoiceSortFields, '-created_at'),
  status: z.enum(invoiceStatuses).optional(),
  kind: z.enum(['invoice', 'credit_note']).optional(),
  subscriber_id: z.uuid().optional(),
  q: z.string().max(100).optional().describe('Invoice number or customer name'),
});

export function registerInvoiceRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/isp/:isp_id/invoices', {
    config: { permission: 'billing:read' },
    schema: { tags, summary: 'Invoices and credit notes, filtered and paged', params: ispParams, querystring: listQuery, response: { 200: pageOf(invoiceSummaryDto), ...commonErrors } },
  }, async (req) => {
    return listInvoices(ctx, req.tenant.scope, req.tenant.ispId, req.query);
  });
  app.post('/api/isp/:isp_id/invoices', {
    config: { permission: 'billing:manage' },
    schema: { tags, summary: 'Create a manual invoice (issued or draft)', params: ispParams, body: manualInvoiceBody, response: { 201: invoiceDto, ...commonErrors } },
  }, async (req, reply) => {
    return reply.code(201).send(await createManualInvoice(ctx, req.tenant, req.body));
  });
  app.get('/api/isp/:isp_id/invoices/:invoice_id', {
    config: { permission: 'billing:read' },
    schema: { tags, summary: 'One invoice with its lines and taxes', params: invParams, response: { 200: invoiceDto, ...commonErrors } },
  }, async (req) => {
    return getInvoice(ctx, req.tenant.scope, req.params.invoice_id);
  });
  app.get('/api/isp/:isp_id/invoices/:invoice_id/pdf', {
    config: { permission: 'billing:read' },
    schema: { tags, summary: "The invoice as PDF (ISP branding, subscriber's language)", params: invParams, response: { 200: pdf, ...commonErrors } },
  }, async (req, reply) => {
    const { name, body } = await invoicePdf(ctx, req.tenant.scope, req.params.invoice_id);
    return reply.type('application/pdf').header('content-disposition', `inline; filename="${name}"`).send(body);
  });
  app.post('/api/isp/:isp_id/invoices/:invoice_id/issue', {
    config: { permission: 'billing:manage' },
    schema: { tags, summary: 'Issue a draft (assigns the next gapless number)', params: invParams, response: { 200: invoiceDto, ...commonErrors } },
  }, async (req) => {
    return issueInvoice(ctx, req.tenant, req.params.invoice_id);
  });
  app.post('/api/isp/:isp_id/invoices/:invoice_id/void', {
    config: { permission: 'billing:manage' },
    schema: { tags, summary: 'Void an invoice nothing was paid or credited on', params: invParams, body: voidBody, response: { 200: invoiceDto, ...commonErrors } },
  }, async (req) => {
    return voidInvoice(ctx, req.tenant, req.params.invoice_id, req.body.reason);
  });
  app.post('/api/isp/:isp_id/invoices/:invoice_id/credit-note', {
    config: { permission: 'billing:manage' },
    schema: { tags, summary: 'Issue a credit note for some or all lines', params: invParams, body: creditNoteBody, response: { 201: invoiceDto, ...commonErrors } },
  }, async (req, reply) => {
    return reply.code(201).send(await createCreditNote(ctx, req.tenant, req.params.invoice_id, req.body));
  });
  app.post('/api/isp/:isp_id/invoices/:invoice_id/email', {
    config: { permission: 'billing:manage' },
    schema: { tags, summary: 'E-mail the invoice PDF to the subscriber', params: invParams, response: { 200: z.object({ sent_to: z.string() }), ...commonErrors } },
  }, async (req) => {
    return emailInvoice(ctx, req.tenant, req.params.invoice_id);
  });

  // Self-service portal: the logged-in subscriber's own invoices.
  const self = (req: Parameters<typeof requireActor>[0]) => {
    const actor = requireActor(req, 'self:read');
    if (actor.kind !== 'subscriber' || !actor.id || !actor.ispId) throw forbidden('For subscribers');
    return { actor, scope: tenantScope(actor.ispId), ispId: actor.ispId, subscriberId: actor.id };
  };
  app.get('/api/me/invoices', {
    schema: { tags, summary: 'My invoices (subscriber portal)', querystring: z.strictObject({ ...pageQuery }), response: { 200: pageOf(invoiceSummaryDto), ...commonErrors } },
  }, async (req) => {
    const s = self(req);
    return listInvoices(ctx, s.scope, s.ispId, { ...req.query, sort: '-created_at', subscriber_id: s.subscriberId });
  });
  app.get('/api/me/invoices/:invoice_id/pdf', {
    schema: { tags, summary: 'One of my invoices as PDF', params: z.object({ invoice_id: z.uuid() }), response: { 200: pdf, ...commonErrors } },
  }, async (req, reply) => {
    const s = self(req);
    const inv = await getInvoice(ctx, s.scope, req.params.invoice_id);
    if (inv.subscriber_id !== s.subscriberId || inv.status === 'draft') throw notFound('Invoice');
    const { name, body } = await invoicePdf(ctx, s.scope, inv.id);
    return reply.type('application/pdf').header('content-disposition', `inline; filename="${name}"`).send(body);
  });
}
