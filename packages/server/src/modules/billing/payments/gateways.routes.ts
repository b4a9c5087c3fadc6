import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../platform/context.ts';
import { can } from '../../../platform/auth/permissions.ts';
import { tenantScope, type Scope } from '../../../platform/db/scope.ts';
import { commonErrors, type Api } from '../../../platform/http/api.ts';
import { requireActor } from '../../../platform/http/authenticate.ts';
import { forbidden } from '../../../platform/http/errors.ts';
import { pageOf, pageQuery } from '../../../platform/http/paging.ts';
import { tenantRequest } from '../../../platform/http/tenant-request.ts';
import { createInvoiceCheckout, deleteGateway, gatewayDto, handleWebhook, listGateways, payableInvoiceDto, payableInvoices, paymentMethods, putGateway, putGatewayBody } from './gateways.service.ts';
import { getSubscriber } from '../../subscribers/index.ts';
import { listPayments } from './payments.service.ts';
import { paymentDto } from './payments.schemas.ts';

const tags = ['payments'];
const ispParams = z.object({ isp_id: z.uuid() });
const provider = z.string().regex(/^[a-z][a-z0-9_]{1,31}$/);
const checkoutDto = z.object({ provider: z.string(), url: z.string(), reference: z.string() });
const checkoutBody = z.strictObject({ provider: provider.optional() });

/**
 * Who may act on a subscriber's own money: the subscriber themself, or staff of their ISP
 * with the permission. Returns the tenant scope to use.
 */
async function selfOrStaff(ctx: AppContext, req: FastifyRequest, userId: string, permission: 'billing:read' | 'billing:manage'): Promise<{ scope: Scope; ispId: string }> {
  const actor = requireActor(req);
  if (actor.kind === 'subscriber' && actor.id !== userId) throw forbidden('Subscribers see only their own payments');
  if (actor.kind !== 'subscriber' && actor.role !== 'founder' && !can(actor.role, permission)) throw forbidden(`Missing permission ${permission}`);
  const ispId = actor.ispId;
  if (!ispId) throw forbidden('Use the ISP routes: /api/isp/{isp_id}/payments');
  return actor.kind === 'subscriber' ? { scope: tenantScope(ispId), ispId } : tenantRequest(ctx, req, ispId, permission);
}

/** ISP-wide settings (gateway keys, dunning) are for staff of the whole ISP, not of one branch. */
export function requireIspWide(t: { scope: Scope }): void {
  if (t.scope.kind === 'tenant' && t.scope.branchIds !== null) throw forbidden('Branch staff cannot change ISP-wide payment settings');
}

export function registerGatewayRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/isp/:isp_id/payment-gateways', {
    config: { permission: 'billing:read' },
    schema: { tags, summary: 'Gateways the platform offers and this ISP\'s settings (secrets are write-only: only their names are shown)', params: ispParams, response: { 200: z.array(gatewayDto), ...commonErrors } },
  }, async (req) => {
    return listGateways(ctx, req.tenant.scope, req.tenant.ispId);
  });
  app.patch('/api/isp/:isp_id/payment-gateways/:provider', {
    config: { permission: 'billing:configure' },
    schema: { tags, summary: 'Configure a gateway, creating its settings on first use (keys stored encrypted, write-only)', params: z.object({ isp_id: z.uuid(), provider }), body: putGatewayBody, response: { 200: gatewayDto, ...commonErrors } },
  }, async (req) => {
    requireIspWide(req.tenant);
    return putGateway(ctx, req.tenant, req.params.provider, req.body);
  });
  app.delete('/api/isp/:isp_id/payment-gateways/:provider', {
    config: { permission: 'billing:configure' },
    schema: { tags, summary: 'Remove a gateway and its keys', params: z.object({ isp_id: z.uuid(), provider }), response: { 204: z.null(), ...commonErrors } },
  }, async (req, reply) => {
    requireIspWide(req.tenant);
    await deleteGateway(ctx, req.tenant, req.params.provider);
    return reply.code(204).send(null);
  });
  app.post('/api/isp/:isp_id/invoices/:invoice_id/checkout', {
    config: { permission: 'billing:manage' },
    schema: { tags, summary: "A payment link for an invoice's open amount at the ISP's gateway", params: z.object({ isp_id: z.uuid(), invoice_id: z.uuid() }), body: checkoutBody, response: { 200: checkoutDto, ...commonErrors } },
  }, async (req) => {
    return createInvoiceCheckout(ctx, req.tenant.scope, req.tenant.ispId, req.params.invoice_id, req.body.provider);
  });

  // The original design's routes, for the caller's own ISP.
  app.get('/api/payment/methods', {
    schema: { tags, summary: 'Payment methods of the caller\'s ISP: counter methods and enabled online gateways', response: { 200: z.object({ manual: z.array(z.string()), online: z.array(z.object({ provider: z.string(), display_name: z.string() })) }), ...commonErrors } },
  }, async (req) => {
    const actor = requireActor(req);
    if (!actor.ispId) throw forbidden('Payment methods belong to an ISP');
    const { scope, ispId } = actor.kind === 'subscriber' ? { scope: tenantScope(actor.ispId), ispId: actor.ispId } : await tenantRequest(ctx, req, actor.ispId, 'billing:read');
    return paymentMethods(ctx, scope, ispId);
  });
  app.post('/api/payment/process', {
    schema: { tags, summary: 'Start an online payment of an invoice: returns the gateway checkout to send the payer to', body: z.strictObject({ invoice_id: z.uuid(), provider: provider.optional() }), response: { 200: checkoutDto, ...commonErrors } },
  }, async (req) => {
    const actor = requireActor(req);
    if (!actor.ispId) throw forbidden('Payments belong to an ISP');
    const { scope, ispId } = actor.kind === 'subscriber' ? { scope: tenantScope(actor.ispId), ispId: actor.ispId } : await tenantRequest(ctx, req, actor.ispId, 'billing:manage');
    // A subscriber's scope is their whole ISP under RLS: the invoice must also be their own.
    return createInvoiceCheckout(ctx, scope, ispId, req.body.invoice_id, req.body.provider, actor.kind === 'subscriber' ? actor.id! : undefined);
  });
  app.post('/api/user/:user_id/invoices/:invoice_id/checkout', {
    schema: { tags, summary: 'Subscriber portal "Pay now": a checkout at the ISP\'s gateway for one of their invoices', params: z.object({ user_id: z.uuid(), invoice_id: z.uuid() }), body: checkoutBody, response: { 200: checkoutDto, ...commonErrors } },
  }, async (req) => {
    const { scope, ispId } = await selfOrStaff(ctx, req, req.params.user_id, 'billing:manage');
    return createInvoiceCheckout(ctx, scope, ispId, req.params.invoice_id, req.body.provider, req.params.user_id);
  });
  app.get('/api/user/:user_id/payable-invoices', {
    schema: { tags, summary: "A subscriber's open invoices, and whether they can be paid online (the portal's Pay now)", params: z.object({ user_id: z.uuid() }),
      response: { 200: z.object({ online_payment: z.boolean(), invoices: z.array(payableInvoiceDto) }), ...commonErrors } },
  }, async (req) => {
    const { scope, ispId } = await selfOrStaff(ctx, req, req.params.user_id, 'billing:read');
    return payableInvoices(ctx, scope, ispId, req.params.user_id);
  });
  app.get('/api/user/:user_id/payments', {
    schema: { tags, summary: "A subscriber's payments (the subscriber themself, or billing staff)", params: z.object({ user_id: z.uuid() }), querystring: z.strictObject(pageQuery), response: { 200: pageOf(paymentDto), ...commonErrors } },
  }, async (req) => {
    const { scope, ispId } = await selfOrStaff(ctx, req, req.params.user_id, 'billing:read');
    const page = await listPayments(ctx, scope, ispId, { ...req.query, subscriber_id: req.params.user_id, sort: '-received_at' });
    // 404 for a subscriber the caller cannot see, rather than an empty list.
    if (page.total === 0) await getSubscriber(ctx, scope, req.params.user_id);
    return page;
  });

  // Gateways call this; the body must stay raw bytes for the signature check.
  app.register(async (plugin) => {
    const raw = plugin.withTypeProvider<ZodTypeProvider>();
    raw.removeAllContentTypeParsers();
    raw.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_req, body, done) => done(null, body));
    raw.post('/api/webhooks/payments/:provider/:isp', {
      schema: { tags, summary: 'Gateway webhook (signature-verified over the raw body; a replayed event is a no-op)', security: [], params: z.object({ provider, isp: z.string().min(1).max(64) }),
        response: { 200: z.object({ received: z.literal(true), duplicate: z.boolean(), outcome: z.string(), payment_id: z.string().nullable() }), ...commonErrors } },
    }, async (req) => handleWebhook(ctx, req.params.provider, req.params.isp, Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), req.headers));
  });
}
