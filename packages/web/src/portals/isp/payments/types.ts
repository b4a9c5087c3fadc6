/** Names for the payments API shapes, derived from the generated schema. */
import type { paths } from '../../../api/schema';

type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Ok<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { responses: infer R }
  ? R extends { 200: infer A } ? Json<A> : R extends { 201: infer B } ? Json<B> : never
  : never;

export type Payment = Ok<'/api/isp/{isp_id}/payments/{payment_id}', 'get'>;
export type PaymentPage = Ok<'/api/isp/{isp_id}/payments', 'get'>;
export type Wallet = Ok<'/api/isp/{isp_id}/subscribers/{subscriber_id}/wallet', 'get'>;
export type Gateway = Ok<'/api/isp/{isp_id}/payment-gateways', 'get'>[number];
export type DunningSettings = Ok<'/api/isp/{isp_id}/dunning/settings', 'get'>;
export type SmsProvider = Ok<'/api/isp/{isp_id}/sms-provider', 'get'>;
export type DunningAction = Ok<'/api/isp/{isp_id}/subscribers/{subscriber_id}/dunning', 'get'>[number];
export type PayableInvoices = Ok<'/api/user/{user_id}/payable-invoices', 'get'>;
