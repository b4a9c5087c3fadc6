import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { commonErrors, problemSchema, type Api } from '../../platform/http/api.ts';
import { requireActor } from '../../platform/http/authenticate.ts';
import { pageOf } from '../../platform/http/paging.ts';
import { createBatch, deleteBatch, getBatch, listBatches, printableCards, updateBatch } from './batches.service.ts';
import { disableCard, getCard, listCards, sellCard } from './cards.service.ts';
import { redeem } from './redeem.service.ts';
import { renderBatchCsv, renderBatchPdf } from './voucher-pdf.ts';
import {
  batchDto, batchQuery, cardDto, cardQuery, createBatchBody, createdBatchDto, redeemBody, redeemDto, sellBody, sheetQuery, updateBatchBody,
} from './vouchers.schemas.ts';

const tags = ['vouchers'];
const ispParams = z.object({ isp_id: z.uuid() });
const batchParams = z.object({ isp_id: z.uuid(), batch_id: z.uuid() });
const cardParams = z.object({ isp_id: z.uuid(), card_id: z.uuid() });

export function registerVoucherRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/isp/:isp_id/voucher-batches', {
    config: { permission: 'billing:read' },
    schema: { tags, summary: 'Voucher batches with their card counts by status', params: ispParams, querystring: batchQuery, response: { 200: pageOf(batchDto), ...commonErrors } },
  }, async (req) => {
    return listBatches(ctx, req.tenant.scope, req.tenant.ispId, req.query);
  });
  app.post('/api/isp/:isp_id/voucher-batches', {
    config: { permission: 'billing:manage' },
    schema: { tags, summary: 'Generate a batch of cards; the answer carries the PINs this once', params: ispParams, body: createBatchBody,
      response: { 201: createdBatchDto, ...commonErrors } },
  }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return reply.code(201).send(await createBatch(ctx, req.tenant, req.body));
  });
  app.get('/api/isp/:isp_id/voucher-batches/:batch_id', {
    config: { permission: 'billing:read' },
    schema: { tags, summary: 'One batch and its statistics', params: batchParams, response: { 200: batchDto, ...commonErrors } },
  }, async (req) => {
    return getBatch(ctx, req.tenant.scope, req.params.batch_id);
  });
  app.patch('/api/isp/:isp_id/voucher-batches/:batch_id', {
    config: { permission: 'billing:manage' },
    schema: { tags, summary: 'Rename, disable or re-date a batch', params: batchParams, body: updateBatchBody, response: { 200: batchDto, ...commonErrors } },
  }, async (req) => {
    return updateBatch(ctx, req.tenant, req.params.batch_id, req.body);
  });
  app.delete('/api/isp/:isp_id/voucher-batches/:batch_id', {
    config: { permission: 'billing:manage' },
    schema: { tags, summary: 'Delete a batch none of whose cards was sold or used', params: batchParams, response: { 204: z.null(), ...commonErrors } },
  }, async (req, reply) => {
    await deleteBatch(ctx, req.tenant, req.params.batch_id);
    return reply.code(204).send(null);
  });
  app.get('/api/isp/:isp_id/voucher-batches/:batch_id/pdf', {
    config: { permission: 'billing:manage' },
    schema: { tags, summary: 'Printable A4 sheets of the cards still on the shelf, in a chosen language (audited)', params: batchParams, querystring: sheetQuery,
      response: { 200: z.string().describe('application/pdf'), ...commonErrors } },
  }, async (req, reply) => {
    const { batch, cards, isp, language } = await printableCards(ctx, req.tenant, req.params.batch_id, 'pdf', req.query.lang);
    const pdf = await renderBatchPdf(batch, cards, isp, language);
    // A Buffer is sent as is (Fastify never serialises it); the schema only documents the body.
    return reply.type('application/pdf').header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="vouchers-${batch.number}.pdf"`).send(pdf as unknown as string);
  });
  app.get('/api/isp/:isp_id/voucher-batches/:batch_id/csv', {
    config: { permission: 'billing:manage' },
    schema: { tags, summary: 'The cards still on the shelf as CSV, serial and PIN (audited)', params: batchParams,
      response: { 200: z.string().describe('text/csv'), ...commonErrors } },
  }, async (req, reply) => {
    const { batch, cards } = await printableCards(ctx, req.tenant, req.params.batch_id, 'csv');
    return reply.type('text/csv; charset=utf-8').header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="vouchers-${batch.number}.csv"`).send(renderBatchCsv(cards));
  });

  app.get('/api/isp/:isp_id/vouchers', {
    config: { permission: 'billing:read' },
    schema: { tags, summary: 'Cards, by batch, status or serial number', params: ispParams, querystring: cardQuery, response: { 200: pageOf(cardDto), ...commonErrors } },
  }, async (req) => {
    return listCards(ctx, req.tenant.scope, req.tenant.ispId, req.query);
  });
  app.get('/api/isp/:isp_id/vouchers/:card_id', {
    config: { permission: 'billing:read' },
    schema: { tags, summary: 'One card: who sold it, who used it, usage so far', params: cardParams, response: { 200: cardDto, ...commonErrors } },
  }, async (req) => {
    return getCard(ctx, req.tenant.scope, req.params.card_id);
  });
  app.post('/api/isp/:isp_id/vouchers/:card_id/sell', {
    config: { permission: 'billing:manage' },
    schema: { tags, summary: 'Mark a card sold by the calling staff member', params: cardParams, body: sellBody, response: { 200: cardDto, ...commonErrors } },
  }, async (req) => {
    return sellCard(ctx, req.tenant, req.params.card_id, req.body.branch_id);
  });
  app.post('/api/isp/:isp_id/vouchers/:card_id/disable', {
    config: { permission: 'billing:manage' },
    schema: { tags, summary: 'Disable a lost or stolen card', params: cardParams, response: { 200: cardDto, ...commonErrors } },
  }, async (req) => {
    return disableCard(ctx, req.tenant, req.params.card_id);
  });

  app.post('/api/me/vouchers/redeem', {
    schema: { tags, summary: 'Recharge: the logged-in subscriber redeems a card PIN', body: redeemBody,
      response: { 200: redeemDto, ...commonErrors, 422: problemSchema, 429: problemSchema } },
  }, async (req) => {
    const actor = requireActor(req, 'self:manage');
    return redeem(ctx, actor, req.body.pin);
  });
}
