/** Names for the payments API shapes, derived from the generated schema. */
import type { Ok } from '../../../../api/types.ts';

export type Payment = Ok<'/api/isp/{isp_id}/payments/{payment_id}', 'get'>;
export type PaymentPage = Ok<'/api/isp/{isp_id}/payments', 'get'>;
export type Wallet = Ok<'/api/isp/{isp_id}/subscribers/{subscriber_id}/wallet', 'get'>;
export type Gateway = Ok<'/api/isp/{isp_id}/payment-gateways', 'get'>[number];
export type DunningSettings = Ok<'/api/isp/{isp_id}/dunning/settings', 'get'>;
export type SmsProvider = Ok<'/api/isp/{isp_id}/sms-provider', 'get'>;
export type DunningAction = Ok<'/api/isp/{isp_id}/subscribers/{subscriber_id}/dunning', 'get'>[number];
export type PayableInvoices = Ok<'/api/user/{user_id}/payable-invoices', 'get'>;
