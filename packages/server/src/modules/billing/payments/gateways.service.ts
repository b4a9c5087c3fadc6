import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import { systemActor, type Actor } from '../../../platform/auth/actor.ts';
import type { Tx } from '../../../platform/db/database.ts';
import { platformScope, rows, tenantScope, withScope, type Scope } from '../../../platform/db/scope.ts';
import { iso } from '../../../platform/http/api.ts';
import { HttpProblem } from '../../../platform/http/errors.ts';
import { invalidField, conflict, notFound } from '../../../platform/errors.ts';
import { recordChange } from '../../../platform/audit/record-change.ts';
import { WebhookSignatureError, type GatewayAccount, type GatewayAdapter, type RefundResult } from '../providers/gateway.ts';
import { allGatewayAdapters, gatewayAdapter } from '../providers/registry.ts';
import { atGateway } from './gateway-problem.ts';
import { settlePayment } from './ledger.ts';
import { applyRefund, insertPayment, loadPayment, paymentDetail, toPaymentDto } from './payments.service.ts';
import { gatewayEvents, paymentGateways, payments, refunds, type PaymentRow } from './schema.ts';
import type { ActorInScope, Tenant } from '../../../platform/tenant.ts';

export const putGatewayBody = z.strictObject({
  enabled: z.boolean().default(true),
  config: z.record(z.string().max(64), z.string().max(500)).default({}).describe('Public settings, e.g. publishable_key'),
  secrets: z.record(z.string().max(64), z.string().min(1).max(2000)).default({}).describe('Write-only: stored encrypted, never returned; omitted keys keep their value'),
});
export const gatewayDto = z.object({
  provider: z.string(), display_name: z.string(), configured: z.boolean(), enabled: z.boolean(),
  public_fields: z.array(z.string()), secret_fields: z.array(z.string()),
  config: z.record(z.string(), z.string()), secrets_set: z.array(z.string()), webhook_path: z.string(), updated_at: z.string().nullable(),
});

function adapterOr404(provider: string): GatewayAdapter {
  const a = gatewayAdapter(provider);
  if (!a) throw notFound('Payment gateway');
  return a;
}

function openSecrets(ctx: AppContext, sealed: string): Record<string, string> {
  return JSON.parse(ctx.secrets.open(sealed)) as Record<string, string>;
}

async function ispSlug(tx: Tx, ispId: string): Promise<string> {
  const [r] = await rows<{ slug: string }>(tx, sql`SELECT slug FROM isps WHERE id = ${ispId}`);
  if (!r) throw notFound('ISP');
  return r.slug;
}

export async function listGateways(ctx: AppContext, scope: Scope, ispId: string) {
  return withScope(ctx.db, scope, async (tx) => {
    const slug = await ispSlug(tx, ispId);
    const saved = await tx.select().from(paymentGateways).where(eq(paymentGateways.ispId, ispId));
    return allGatewayAdapters().map((a) => {
      const g = saved.find((s) => s.provider === a.provider);
      return {
        provider: a.provider, display_name: a.displayName, configured: Boolean(g), enabled: g?.enabled ?? false,
        public_fields: [...a.fields.public], secret_fields: [...a.fields.secret], config: g?.config ?? {},
        secrets_set: g ? Object.keys(openSecrets(ctx, g.secretsEnc)).sort() : [],
        webhook_path: `/api/webhooks/payments/${a.provider}/${slug}`, updated_at: iso(g?.updatedAt),
      };
    });
  });
}

export async function putGateway(ctx: AppContext, { actor, scope, ispId }: Tenant, provider: string, input: z.infer<typeof putGatewayBody>) {
  const a = adapterOr404(provider);
  const unknown = [...Object.keys(input.config).filter((k) => !a.fields.public.includes(k)), ...Object.keys(input.secrets).filter((k) => !a.fields.secret.includes(k))];
  if (unknown.length) throw invalidField(`Unknown fields for ${a.displayName}: ${unknown.join(', ')}`);
  // A server the ISP names must not be this platform's own network (SSRF): refused when saved, checked again at each call.
  for (const field of a.urlFields ?? []) {
    const url = input.config[field];
    const why = url === undefined ? null : ctx.outbound.urlRefusal(url);
    if (why) throw invalidField(`config.${field}: ${why}`, [{ pointer: `/body/config/${field}`, detail: why }]);
  }
  await withScope(ctx.db, scope, async (tx) => {
    const [before] = await tx.select().from(paymentGateways).where(and(eq(paymentGateways.ispId, ispId), eq(paymentGateways.provider, provider))).for('update');
    const secrets = { ...(before ? openSecrets(ctx, before.secretsEnc) : {}), ...input.secrets };
    const missing = a.fields.secret.filter((k) => !secrets[k]);
    if (input.enabled && missing.length) throw invalidField(`Missing secrets: ${missing.join(', ')}`, missing.map((k) => ({ pointer: `/body/secrets/${k}`, detail: 'required' })));
    const values = { enabled: input.enabled, config: { ...(before?.config ?? {}), ...input.config }, secretsEnc: ctx.secrets.seal(JSON.stringify(secrets)), updatedAt: new Date() };
    if (before) await tx.update(paymentGateways).set(values).where(eq(paymentGateways.id, before.id));
    else await tx.insert(paymentGateways).values({ ispId, provider, ...values });
    await recordChange(tx, actor, { ispId, action: before ? 'payment_gateway.updated' : 'payment_gateway.created', entityType: 'payment_gateway', entityId: before?.id ?? provider,
      after: { provider, enabled: input.enabled, config: values.config, secrets_changed: Object.keys(input.secrets) } });
  });
  return (await listGateways(ctx, scope, ispId)).find((g) => g.provider === provider)!;
}

export async function deleteGateway(ctx: AppContext, { actor, scope, ispId }: Tenant, provider: string) {
  adapterOr404(provider);
  await withScope(ctx.db, scope, async (tx) => {
    const [gone] = await tx.delete(paymentGateways).where(and(eq(paymentGateways.ispId, ispId), eq(paymentGateways.provider, provider))).returning();
    if (!gone) throw notFound('Payment gateway');
    await recordChange(tx, actor, { ispId, action: 'payment_gateway.deleted', entityType: 'payment_gateway', entityId: gone.id, before: { provider } });
  });
}

async function accountFor(ctx: AppContext, tx: Tx, ispId: string, provider: string, requireEnabled = true): Promise<GatewayAccount | null> {
  const [g] = await tx.select().from(paymentGateways).where(and(eq(paymentGateways.ispId, ispId), eq(paymentGateways.provider, provider)));
  if (!g || (requireEnabled && !g.enabled)) return null;
  return { ispId, config: g.config, secrets: openSecrets(ctx, g.secretsEnc), fetch: ctx.outbound.fetch };
}

/** Counter methods always; online gateways the ISP has enabled. */
export async function paymentMethods(ctx: AppContext, scope: Scope, ispId: string) {
  const saved = await withScope(ctx.db, scope, (tx) => tx.select({ provider: paymentGateways.provider }).from(paymentGateways)
    .where(and(eq(paymentGateways.ispId, ispId), eq(paymentGateways.enabled, true))));
  return {
    manual: ['cash', 'bank_transfer', 'cheque', 'card'],
    online: saved.map((s) => ({ provider: s.provider, display_name: gatewayAdapter(s.provider)?.displayName ?? s.provider })).filter((s) => gatewayAdapter(s.provider)),
  };
}

/** A hosted checkout for what is still open on an invoice, at the ISP's first enabled gateway (or the one asked for). */
export async function createInvoiceCheckout(ctx: AppContext, scope: Scope, ispId: string, invoiceId: string, provider?: string, onlySubscriberId?: string) {
  return withScope(ctx.db, scope, async (tx) => {
    const [inv] = await rows<{ id: string; number: string | null; subscriber_id: string; currency: string; open: string; status: string; email: string | null }>(tx, sql`
      SELECT i.id, i.number, i.subscriber_id, i.currency, (i.total - i.amount_paid - i.amount_credited)::text AS open, i.status, s.email
      FROM invoices i JOIN subscribers s ON s.id = i.subscriber_id WHERE i.id = ${invoiceId} AND i.isp_id = ${ispId} AND i.kind = 'invoice'`);
    if (!inv || (onlySubscriberId && inv.subscriber_id !== onlySubscriberId)) throw notFound('Invoice');
    if (!['issued', 'partially_paid', 'overdue'].includes(inv.status) || Number(inv.open) <= 0) throw conflict('This invoice has nothing left to pay');
    const enabled = await tx.select({ provider: paymentGateways.provider }).from(paymentGateways)
      .where(and(eq(paymentGateways.ispId, ispId), eq(paymentGateways.enabled, true))).orderBy(paymentGateways.createdAt);
    const chosen = provider ?? enabled.find((g) => gatewayAdapter(g.provider))?.provider;
    const account = chosen ? await accountFor(ctx, tx, ispId, chosen) : null;
    if (!chosen || !account) throw notFound('Online payment gateway');
    const slug = await ispSlug(tx, ispId);
    const back = `${ctx.config.publicUrl.replace(/\/$/, '')}/t/${slug}/me/pay`;
    // One session per invoice and open amount: a double click reuses the same one at the gateway.
    const adapter = adapterOr404(chosen);
    const session = await atGateway(ctx.log, adapter, ispId, () => adapter.createCheckout(account, {
      ispId, subscriberId: inv.subscriber_id, invoiceId: inv.id, invoiceNumber: inv.number ?? inv.id, amount: Number(inv.open), currency: inv.currency.trim(),
      customerEmail: inv.email, successUrl: `${back}?paid=${inv.id}`, cancelUrl: back, idempotencyKey: `checkout-${inv.id}-${inv.open}`,
    }));
    return { provider: chosen, url: session.url, reference: session.reference };
  });
}

/** Finds the ISP a webhook URL names (slug or id); the caller is the gateway, not a user. */
async function resolveIsp(ctx: AppContext, slugOrId: string): Promise<string> {
  const [isp] = await withScope(ctx.db, platformScope, (tx) =>
    rows<{ id: string }>(tx, sql`SELECT id FROM isps WHERE slug = ${slugOrId} OR id::text = ${slugOrId} LIMIT 1`));
  if (!isp) throw notFound('ISP');
  return isp.id;
}

export type WebhookResult = { received: true; duplicate: boolean; outcome: string; payment_id: string | null };

/**
 * A gateway's webhook: the signature is checked over the raw body before anything is read;
 * the event id is recorded in the same transaction as its effect, so a replay records nothing
 * twice, and a 200 is sent only after the commit (the gateway retries otherwise).
 */
export async function handleWebhook(ctx: AppContext, provider: string, slugOrId: string, raw: Buffer, headers: Record<string, string | string[] | undefined>): Promise<WebhookResult> {
  const adapter = adapterOr404(provider);
  const ispId = await resolveIsp(ctx, slugOrId);
  const scope = tenantScope(ispId);
  const account = await withScope(ctx.db, scope, (tx) => accountFor(ctx, tx, ispId, provider, false));
  if (!account) throw notFound('Payment gateway');
  let event;
  try {
    event = await atGateway(ctx.log, adapter, ispId, () => adapter.parseWebhook(account, raw, headers));
  } catch (err) {
    if (err instanceof WebhookSignatureError) throw new HttpProblem(400, 'Bad Request', `Webhook signature verification failed: ${err.message}`);
    throw err;
  }
  const actor: Actor = { ...systemActor, ispId, email: `webhook:${provider}` };
  return withScope(ctx.db, scope, async (tx) => {
    const [fresh] = await tx.insert(gatewayEvents).values({ ispId, provider, eventId: event.id, type: event.type, payload: event.payload as object })
      .onConflictDoNothing().returning({ id: gatewayEvents.id });
    if (!fresh) return { received: true, duplicate: true, outcome: 'duplicate', payment_id: null };
    const o = event.outcome;
    let outcome: string = o.kind;
    let paymentId: string | null = null;
    if (o.kind !== 'ignored') {
      const [existing] = await tx.select().from(payments).where(and(eq(payments.ispId, ispId), eq(payments.provider, provider), eq(payments.gatewayReference, o.reference))).for('update');
      const [sub] = o.subscriberId && !existing ? await rows<{ id: string }>(tx, sql`SELECT id FROM subscribers WHERE id::text = ${o.subscriberId}`) : [];
      if (existing) {
        paymentId = existing.id;
        // A payment that failed once and then went through (a retried card) settles now.
        if (o.kind === 'payment_succeeded' && (existing.status === 'failed' || existing.status === 'pending')) {
          const settled = await settlePayment(tx, { ...existing, targetInvoiceIds: existing.targetInvoiceIds }, null, { missingRate: 'wallet' });
          await recordChange(tx, actor, { ispId, action: 'payment.succeeded', entityType: 'payment', entityId: existing.id, before: toPaymentDto(existing), after: toPaymentDto(settled.payment, { allocations: settled.allocations }) });
        } else outcome = 'already_recorded';
      } else if (!sub) {
        outcome = 'unmatched_subscriber';
      } else {
        const r = await insertPayment(tx, actor, {
          ispId, subscriberId: sub.id, method: 'gateway', provider, amount: o.amount, currency: o.currency,
          outcome: o.kind === 'payment_succeeded' ? 'succeeded' : 'failed', gatewayReference: o.reference,
          targetInvoiceIds: o.invoiceId ? [o.invoiceId] : null, payerFingerprint: o.payerFingerprint, payerCountry: o.payerCountry, failureReason: o.failureReason,
        });
        paymentId = r.payment.id;
        outcome = r.payment.status;
      }
    }
    await tx.update(gatewayEvents).set({ outcome, paymentId }).where(eq(gatewayEvents.id, fresh.id));
    return { received: true, duplicate: false, outcome, payment_id: paymentId };
  });
}

/**
 * Reserves the refund (a pending row, under the payment's lock, so a double click or a retry
 * cannot refund twice), asks the gateway (keyed by the refund id), then books it; a gateway
 * error marks the reservation failed.
 */
async function reserveRefund(ctx: AppContext, actor: Actor, scope: Scope, id: string, amountOf: (p: PaymentRow) => number, reason: string | null, check: (p: PaymentRow) => void) {
  return withScope(ctx.db, scope, async (tx) => {
    const p = await loadPayment(tx, id, true);
    if (p.method !== 'gateway' || !p.provider || !p.gatewayReference) throw conflict('Not a gateway payment');
    check(p);
    const [busy] = await tx.select({ id: refunds.id }).from(refunds).where(and(eq(refunds.paymentId, id), eq(refunds.status, 'pending'), isNull(refunds.gatewayReference)));
    if (busy) throw conflict('A refund of this payment is already in progress');
    const account = await accountFor(ctx, tx, p.ispId, p.provider, false);
    if (!account) throw conflict(`The ${p.provider} gateway is no longer configured`);
    const amount = amountOf(p);
    const [r] = await tx.insert(refunds).values({ ispId: p.ispId, branchId: p.branchId, paymentId: p.id, amount, currency: p.currency, status: 'pending', reason, createdBy: actor.kind === 'user' ? actor.id : null }).returning({ id: refunds.id });
    return { p, account, amount, refundId: r!.id };
  });
}

async function callGatewayRefund(ctx: AppContext, scope: Scope, r: { p: PaymentRow; account: GatewayAccount; amount: number; refundId: string }): Promise<RefundResult> {
  let result: RefundResult;
  try {
    const adapter = adapterOr404(r.p.provider!);
    result = await atGateway(ctx.log, adapter, r.p.ispId, () => adapter.refund(r.account, { reference: r.p.gatewayReference!, amount: r.amount, currency: r.p.currency, idempotencyKey: r.refundId }));
    if (result.status === 'failed') throw conflict('The gateway refused the refund');
  } catch (err) {
    await withScope(ctx.db, scope, (tx) => tx.update(refunds).set({ status: 'failed', failureReason: (err as Error).message.slice(0, 500), updatedAt: new Date() }).where(eq(refunds.id, r.refundId)));
    throw err;
  }
  return result;
}

export async function refundGatewayPayment(ctx: AppContext, { actor, scope }: ActorInScope, id: string, input: { amount?: number | undefined; reason?: string | undefined }) {
  const r = await reserveRefund(ctx, actor, scope, id, (p) => input.amount ?? p.amount - p.amountRefunded, input.reason ?? null, (p) => {
    if (p.status !== 'succeeded' && p.status !== 'partially_refunded') throw conflict(`A ${p.status} payment cannot be refunded`);
    if ((input.amount ?? 0) > p.amount - p.amountRefunded) throw conflict(`At most ${p.amount - p.amountRefunded} can still be refunded`);
  });
  const result = await callGatewayRefund(ctx, scope, r);
  return withScope(ctx.db, scope, async (tx) => {
    const locked = await loadPayment(tx, id, true);
    return paymentDetail(tx, await applyRefund(tx, actor, locked, r.amount, input.reason ?? null, result.reference, r.refundId, result.status === 'pending' ? 'pending' : 'succeeded'));
  });
}

/** Fraud review: approve settles a held payment; reject returns the money (gateway refund) or marks it failed. */
export async function reviewPayment(ctx: AppContext, { actor, scope }: ActorInScope, id: string, decision: 'approve' | 'reject', note: string | null) {
  const reviewed = { reviewedBy: actor.kind === 'user' ? actor.id : null, reviewedAt: new Date(), reviewNote: note };
  if (decision === 'approve') {
    return withScope(ctx.db, scope, async (tx) => {
      const p = await loadPayment(tx, id, true);
      if (p.status !== 'held') throw conflict(`Only held payments are reviewed; this one is ${p.status}`);
      await tx.update(payments).set(reviewed).where(eq(payments.id, id));
      const settled = await settlePayment(tx, { ...p, ...reviewed }, reviewed.reviewedBy, { missingRate: p.method === 'gateway' ? 'wallet' : 'fail' });
      await recordChange(tx, actor, { ispId: p.ispId, action: 'payment.approved', entityType: 'payment', entityId: id, before: toPaymentDto(p), after: toPaymentDto(settled.payment, { allocations: settled.allocations }) });
      return paymentDetail(tx, settled.payment);
    });
  }
  let refundRef: string | null = null;
  let refundId: string | null = null;
  const current = await withScope(ctx.db, scope, (tx) => loadPayment(tx, id));
  if (current.status !== 'held') throw conflict(`Only held payments are reviewed; this one is ${current.status}`);
  if (current.method === 'gateway') {
    const r = await reserveRefund(ctx, actor, scope, id, (p) => p.amount, 'rejected in fraud review', (p) => {
      if (p.status !== 'held') throw conflict(`Only held payments are reviewed; this one is ${p.status}`);
    });
    refundId = r.refundId;
    refundRef = (await callGatewayRefund(ctx, scope, r)).reference;
  }
  const p = current;
  return withScope(ctx.db, scope, async (tx) => {
    const locked = await loadPayment(tx, id, true);
    if (locked.status !== 'held') throw conflict(`Only held payments are reviewed; this one is ${locked.status}`);
    const [after] = await tx.update(payments).set({ ...reviewed, status: refundRef ? 'refunded' : 'failed', amountRefunded: refundRef ? p.amount : 0, failureReason: 'rejected in review', updatedAt: new Date() })
      .where(eq(payments.id, id)).returning();
    if (refundId) await tx.update(refunds).set({ status: 'succeeded', gatewayReference: refundRef, updatedAt: new Date() }).where(eq(refunds.id, refundId));
    await recordChange(tx, actor, { ispId: p.ispId, action: 'payment.rejected', entityType: 'payment', entityId: id, before: toPaymentDto(locked), after: toPaymentDto(after!) });
    return paymentDetail(tx, after!);
  });
}

export const payableInvoiceDto = z.object({
  id: z.string(), number: z.string().nullable(), status: z.string(), currency: z.string(), total: z.number().int(), open: z.number().int(),
  issue_date: z.string().nullable(), due_date: z.string().nullable(),
});

/** What a subscriber still owes, invoice by invoice, and whether the ISP takes online payments (the "Pay now" button). */
export async function payableInvoices(ctx: AppContext, scope: Scope, ispId: string, subscriberId: string) {
  return withScope(ctx.db, scope, async (tx) => {
    const [sub] = await rows<{ id: string }>(tx, sql`SELECT id FROM subscribers WHERE id = ${subscriberId}`);
    if (!sub) throw notFound('Subscriber');
    const invoices = await rows<{ id: string; number: string | null; status: string; currency: string; total: string; open: string; issue_date: string | null; due_date: string | null }>(tx, sql`
      SELECT id, number, status, currency, total::text, (total - amount_paid - amount_credited)::text AS open, issue_date::text, due_date::text
      FROM invoices WHERE subscriber_id = ${subscriberId} AND kind = 'invoice' AND status IN ('issued', 'partially_paid', 'overdue')
        AND total - amount_paid - amount_credited > 0 ORDER BY due_date NULLS LAST, issue_date`);
    const gateways = await tx.select({ provider: paymentGateways.provider }).from(paymentGateways).where(and(eq(paymentGateways.ispId, ispId), eq(paymentGateways.enabled, true)));
    return {
      online_payment: gateways.some((g) => gatewayAdapter(g.provider) !== null),
      invoices: invoices.map((i) => ({ ...i, currency: i.currency.trim(), total: Number(i.total), open: Number(i.open) })),
    };
  });
}
