/** Billing shapes, derived from the generated schema. */
import type { paths } from '../../../api/schema';

type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Ok<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { responses: infer R }
  ? R extends { 200: infer A } ? Json<A> : R extends { 201: infer B } ? Json<B> : R extends { 202: infer C } ? Json<C> : never
  : never;

export type InvoicePage = Ok<'/api/isp/{isp_id}/invoices', 'get'>;
export type InvoiceSummary = InvoicePage['items'][number];
export type Invoice = Ok<'/api/isp/{isp_id}/invoices/{invoice_id}', 'get'>;
export type TaxRule = Ok<'/api/isp/{isp_id}/tax-rules', 'get'>[number];
export type BillingSettings = Ok<'/api/isp/{isp_id}/billing/settings', 'get'>;
export type Rate = Ok<'/api/isp/{isp_id}/exchange-rates', 'get'>['items'][number];
export type BillingRun = Ok<'/api/isp/{isp_id}/billing-runs/{run_id}', 'get'>;
export type Analytics = Ok<'/api/isp/{isp_id}/billing/analytics', 'get'>;
export type PlanPrice = Ok<'/api/isp/{isp_id}/billing/plan-prices', 'get'>[number];
export type Addon = Ok<'/api/isp/{isp_id}/billing/addons', 'get'>[number];
export type AttachedAddon = Ok<'/api/isp/{isp_id}/subscribers/{subscriber_id}/addons', 'get'>[number];
export type Coupon = Ok<'/api/isp/{isp_id}/billing/coupons', 'get'>[number];
export type Redemption = Ok<'/api/isp/{isp_id}/subscribers/{subscriber_id}/coupons', 'get'>[number];
export type Deposit = Ok<'/api/isp/{isp_id}/subscribers/{subscriber_id}/deposits', 'get'>['items'][number];
export type PlanChangePreview = Ok<'/api/isp/{isp_id}/subscribers/{subscriber_id}/subscription/change-plan/preview', 'post'>;
