/** Names for API shapes, all derived from the generated schema (nothing written by hand). */
import type { paths } from './schema';

/** The JSON body of a response or request. */
export type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;
/** What an operation answers on success (200, 201 or 202). */
export type Ok<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { responses: infer R }
  ? R extends { 200: infer A } ? Json<A> : R extends { 201: infer B } ? Json<B> : R extends { 202: infer C } ? Json<C> : never
  : never;
/** What an operation takes as its JSON body. */
export type Body<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer T } };
}
  ? T
  : never;

export type Me = Ok<'/api/auth/me', 'get'>;
/** A right in the server's permission matrix; /api/auth/me lists the account's own. */
export type Permission = Me['permissions'][number];
export type NocDashboard = Ok<'/api/noc/{isp_id}/dashboard', 'get'>;
export type PublicIsp = Ok<'/api/public/isp/{slug}', 'get'>;
export type Isp = Ok<'/api/isp/{isp_id}', 'get'>;
export type IspListItem = Ok<'/api/founder/isp/list', 'get'>['items'][number];
export type FounderDashboard = Ok<'/api/founder/dashboard', 'get'>;
export type Founder = Ok<'/api/founder/founders', 'get'>[number];
export type IspDashboard = Ok<'/api/isp/{isp_id}/dashboard', 'get'>;
export type RevenueAnalytics = Ok<'/api/isp/{isp_id}/billing/analytics', 'get'>;
export type BranchDashboard = Ok<'/api/branch/{branch_id}/dashboard', 'get'>;
export type Branch = Ok<'/api/isp/{isp_id}/branches', 'get'>[number];
export type Plan = Ok<'/api/isp/{isp_id}/plans', 'get'>[number];
export type Subscriber = Ok<'/api/isp/{isp_id}/subscribers/{subscriber_id}', 'get'>;
export type SubscriberList = Ok<'/api/isp/{isp_id}/subscribers', 'get'>;
export type StaffUser = Ok<'/api/isp/{isp_id}/users/{user_id}', 'get'>;
export type ApiKey = Ok<'/api/isp/{isp_id}/api-keys', 'get'>[number];
export type NewApiKey = Ok<'/api/isp/{isp_id}/api-keys', 'post'>;
export type AuditEntry = Ok<'/api/isp/{isp_id}/audit', 'get'>['items'][number];
export type SubscriberDashboard = Ok<'/api/user/{user_id}/dashboard', 'get'>;
export type MfaSetup = Ok<'/api/auth/mfa/setup', 'post'>;
export type VoucherBatch = Ok<'/api/isp/{isp_id}/voucher-batches/{batch_id}', 'get'>;
export type VoucherBatchList = Ok<'/api/isp/{isp_id}/voucher-batches', 'get'>;
export type CreatedVoucherBatch = Ok<'/api/isp/{isp_id}/voucher-batches', 'post'>;
export type VoucherCard = Ok<'/api/isp/{isp_id}/vouchers/{card_id}', 'get'>;
export type VoucherCardList = Ok<'/api/isp/{isp_id}/vouchers', 'get'>;
export type Redeemed = Ok<'/api/me/vouchers/redeem', 'post'>;

export type CreateIspBody = Body<'/api/founder/isp/create', 'post'>;
export type SubscriberCreateBody = Body<'/api/isp/{isp_id}/subscribers', 'post'>;
export type SubscriberPatchBody = Body<'/api/isp/{isp_id}/subscribers/{subscriber_id}', 'patch'>;
export type PlanCreateBody = Body<'/api/isp/{isp_id}/plans', 'post'>;
export type VoucherBatchCreateBody = Body<'/api/isp/{isp_id}/voucher-batches', 'post'>;
export type StaffCreateBody = Body<'/api/isp/{isp_id}/users', 'post'>;
export type IspPatchBody = Body<'/api/isp/{isp_id}', 'patch'>;
export type ApiKeyScope = Body<'/api/isp/{isp_id}/api-keys', 'post'>['scopes'][number];
export type StaffRole = StaffCreateBody['role'];
export type Locale = NonNullable<CreateIspBody['default_locale']>;
export type Session = Ok<'/api/isp/{isp_id}/sessions', 'get'>['items'][number];
export type Nas = Ok<'/api/isp/{isp_id}/nas', 'get'>[number];
export type Usage = Ok<'/api/isp/{isp_id}/subscribers/{subscriber_id}/usage', 'get'>;
export type NasCreateBody = Body<'/api/isp/{isp_id}/nas', 'post'>;
export type TestLoginResult = Ok<'/api/isp/{isp_id}/aaa/test-login', 'post'>;
export type PostAuthEntry = Ok<'/api/isp/{isp_id}/postauth', 'get'>['items'][number];
export type CoaRequest = Ok<'/api/isp/{isp_id}/coa-requests', 'get'>['items'][number];
export type OwnProfile = Ok<'/api/me/profile', 'get'>;
export type OwnProfileBody = Body<'/api/me/profile', 'patch'>;
export type OwnUsage = Ok<'/api/me/usage', 'get'>;
export type Monitoring = Ok<'/api/founder/system/metrics', 'get'>;
export type Ticket = Ok<'/api/isp/{isp_id}/tickets', 'get'>['items'][number];
export type TicketDetail = Ok<'/api/isp/{isp_id}/tickets/{ticket_id}', 'get'>;
export type TicketCreateBody = Body<'/api/isp/{isp_id}/tickets', 'post'>;
export type OwnTicket = Ok<'/api/me/tickets', 'get'>['items'][number];
export type OwnTicketDetail = Ok<'/api/me/tickets/{ticket_id}', 'get'>;
export type SaasPlan = Ok<'/api/founder/saas-plans', 'get'>[number];
export type SaasAssignment = Ok<'/api/founder/saas-assignments', 'get'>[number];
export type PlatformInvoice = Ok<'/api/founder/platform-invoices', 'get'>['items'][number];
export type SaasMetrics = Ok<'/api/founder/platform-billing/metrics', 'get'>;
export type PlatformSubscription = Ok<'/api/isp/{isp_id}/platform-subscription', 'get'>;
