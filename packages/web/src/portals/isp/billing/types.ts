/** Billing shapes, derived from the generated schema. */
import type { Ok } from '../../../api/types.ts';

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
