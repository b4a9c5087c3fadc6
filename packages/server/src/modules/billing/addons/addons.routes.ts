import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import { commonErrors, problemSchema, type Api } from '../../../platform/http/api.ts';
import { requireActor } from '../../../platform/http/authenticate.ts';
import { tenantScope } from '../../../platform/db/scope.ts';
import { forbidden } from '../../../platform/http/errors.ts';
import { addonBody, addonDto, addonPatch, attachAddon, attachBody, attachedDto, createAddon, deleteAddon, detachAddon, detachBody, listAddons, listAttached, updateAddon } from './addons.service.ts';
import { cancelRedemption, couponBody, couponDto, couponPatch, createCoupon, listCoupons, listRedemptions, redeemCoupon, redemptionDto, updateCoupon } from './coupons.service.ts';
import { depositBody, depositDto, depositListDto, listDeposits, recordDeposit, releaseBody, releaseDeposit } from './deposits.service.ts';

const tags = ['add-ons and coupons'];
const ispParams = z.object({ isp_id: z.uuid() });
const subParams = z.object({ isp_id: z.uuid(), subscriber_id: z.uuid() });
const sub = '/api/isp/:isp_id/subscribers/:subscriber_id';
const redeemBody = z.strictObject({ code: z.string().trim().min(1).max(40) });
const redeemErrors = { ...commonErrors, 422: problemSchema };

/** The add-on catalogue, coupons, and a subscriber's add-ons, coupon redemptions and deposits. */
export function registerAddonRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/isp/:isp_id/billing/addons', {
    config: { permission: 'billing:read' },
    schema: { tags, summary: "The ISP's add-on catalogue", params: ispParams, response: { 200: z.array(addonDto), ...commonErrors } },
  }, async (req) => {
    return listAddons(ctx, req.tenant.scope, req.tenant.ispId);
  });
  app.post('/api/isp/:isp_id/billing/addons', {
    config: { permission: 'billing:configure' },
    schema: { tags, summary: 'Add an add-on to the catalogue', params: ispParams, body: addonBody, response: { 201: addonDto, ...commonErrors } },
  }, async (req, reply) => {
    return reply.code(201).send(await createAddon(ctx, req.tenant, req.body));
  });
  app.patch('/api/isp/:isp_id/billing/addons/:addon_id', {
    config: { permission: 'billing:configure' },
    schema: { tags, summary: 'Edit an add-on (already attached ones keep their price)', params: ispParams.extend({ addon_id: z.uuid() }), body: addonPatch, response: { 200: addonDto, ...commonErrors } },
  }, async (req) => {
    return updateAddon(ctx, req.tenant, req.params.addon_id, req.body);
  });
  app.delete('/api/isp/:isp_id/billing/addons/:addon_id', {
    config: { permission: 'billing:configure' },
    schema: { tags, summary: 'Delete an add-on never attached', params: ispParams.extend({ addon_id: z.uuid() }), response: { 204: z.null(), ...commonErrors } },
  }, async (req, reply) => {
    await deleteAddon(ctx, req.tenant, req.params.addon_id);
    return reply.code(204).send(null);
  });

  app.get('/api/isp/:isp_id/billing/coupons', {
    config: { permission: 'billing:read' },
    schema: { tags, summary: "The ISP's coupon codes", params: ispParams, response: { 200: z.array(couponDto), ...commonErrors } },
  }, async (req) => {
    return listCoupons(ctx, req.tenant.scope, req.tenant.ispId);
  });
  app.post('/api/isp/:isp_id/billing/coupons', {
    config: { permission: 'billing:configure' },
    schema: { tags, summary: "Create a coupon (percent, or a fixed amount in the ISP's currency)", params: ispParams, body: couponBody, response: { 201: couponDto, ...commonErrors } },
  }, async (req, reply) => {
    return reply.code(201).send(await createCoupon(ctx, req.tenant, req.body));
  });
  app.patch('/api/isp/:isp_id/billing/coupons/:coupon_id', {
    config: { permission: 'billing:configure' },
    schema: { tags, summary: "Change a coupon's limits or deactivate it", params: ispParams.extend({ coupon_id: z.uuid() }), body: couponPatch, response: { 200: couponDto, ...commonErrors } },
  }, async (req) => {
    return updateCoupon(ctx, req.tenant, req.params.coupon_id, req.body);
  });

  app.get(`${sub}/addons`, {
    config: { permission: 'billing:read' },
    schema: { tags, summary: "A subscriber's add-ons", params: subParams, response: { 200: z.array(attachedDto), ...commonErrors } },
  }, async (req) => {
    return listAttached(ctx, req.tenant.scope, req.params.subscriber_id);
  });
  app.post(`${sub}/addons`, {
    config: { permission: 'billing:manage' },
    schema: { tags, summary: 'Attach an add-on to the active subscription', params: subParams, body: attachBody, response: { 201: attachedDto, ...commonErrors } },
  }, async (req, reply) => {
    return reply.code(201).send(await attachAddon(ctx, req.tenant, req.params.subscriber_id, req.body));
  });
  app.post(`${sub}/addons/:attached_id/detach`, {
    config: { permission: 'billing:manage' },
    schema: { tags, summary: 'End a recurring add-on, or remove a one-off one not yet invoiced', params: subParams.extend({ attached_id: z.uuid() }), body: detachBody, response: { 200: attachedDto, ...commonErrors } },
  }, async (req) => {
    return detachAddon(ctx, req.tenant, req.params.subscriber_id, req.params.attached_id, req.body);
  });

  app.get(`${sub}/coupons`, {
    config: { permission: 'billing:read' },
    schema: { tags, summary: "A subscriber's coupon redemptions", params: subParams, response: { 200: z.array(redemptionDto), ...commonErrors } },
  }, async (req) => {
    return listRedemptions(ctx, req.tenant.scope, req.params.subscriber_id);
  });
  app.post(`${sub}/coupons`, {
    config: { permission: 'billing:manage' },
    schema: { tags, summary: "Redeem a coupon code on the subscriber's subscription", params: subParams, body: redeemBody, response: { 201: redemptionDto, ...redeemErrors } },
  }, async (req, reply) => {
    return reply.code(201).send(await redeemCoupon(ctx, req.tenant, req.params.subscriber_id, req.body.code));
  });
  app.post(`${sub}/coupons/:redemption_id/cancel`, {
    config: { permission: 'billing:manage' },
    schema: { tags, summary: 'Stop a coupon discounting further invoices', params: subParams.extend({ redemption_id: z.uuid() }), response: { 200: redemptionDto, ...commonErrors } },
  }, async (req) => {
    return cancelRedemption(ctx, req.tenant, req.params.subscriber_id, req.params.redemption_id);
  });

  app.get(`${sub}/deposits`, {
    config: { permission: 'billing:read' },
    schema: { tags, summary: "A subscriber's deposits and what is held", params: subParams, response: { 200: depositListDto, ...commonErrors } },
  }, async (req) => {
    return listDeposits(ctx, req.tenant.scope, req.params.subscriber_id);
  });
  app.post(`${sub}/deposits`, {
    config: { permission: 'billing:manage' },
    schema: { tags, summary: 'Record a deposit received (held as a liability, not revenue)', params: subParams, body: depositBody, response: { 201: depositDto, ...commonErrors } },
  }, async (req, reply) => {
    return reply.code(201).send(await recordDeposit(ctx, req.tenant, req.params.subscriber_id, req.body));
  });
  app.post(`${sub}/deposits/:deposit_id/release`, {
    config: { permission: 'billing:manage' },
    schema: { tags, summary: "Return a deposit to the subscriber's wallet or record its refund", params: subParams.extend({ deposit_id: z.uuid() }), body: releaseBody, response: { 200: depositDto, ...commonErrors } },
  }, async (req) => {
    return releaseDeposit(ctx, req.tenant, req.params.subscriber_id, req.params.deposit_id, req.body);
  });

  // Self-service portal: the logged-in subscriber enters a coupon code.
  app.post('/api/me/coupons', {
    schema: { tags, summary: 'Redeem a coupon code on my subscription (subscriber portal)', body: redeemBody, response: { 201: redemptionDto, ...redeemErrors } },
  }, async (req, reply) => {
    const actor = requireActor(req, 'self:manage');
    if (actor.kind !== 'subscriber' || !actor.id || !actor.ispId) throw forbidden('For subscribers');
    return reply.code(201).send(await redeemCoupon(ctx, { actor, scope: tenantScope(actor.ispId), ispId: actor.ispId }, actor.id, req.body.code));
  });
  app.get('/api/me/coupons', {
    schema: { tags, summary: 'My coupon redemptions (subscriber portal)', response: { 200: z.array(redemptionDto), ...commonErrors } },
  }, async (req) => {
    const actor = requireActor(req, 'self:read');
    if (actor.kind !== 'subscriber' || !actor.id || !actor.ispId) throw forbidden('For subscribers');
    return listRedemptions(ctx, tenantScope(actor.ispId), actor.id);
  });
}
