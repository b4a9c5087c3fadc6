/** Names for the churn API's shapes, derived from the generated schema. */
import type { Ok } from '../../../api/types.ts';

export type ChurnOverview = Ok<'/api/isp/{isp_id}/analytics/subscribers', 'get'>;
export type SubscriberChurn = Ok<'/api/isp/{isp_id}/subscribers/{subscriber_id}/churn', 'get'>;
export type ScoredSubscriber = Ok<'/api/isp/{isp_id}/churn/subscribers', 'get'>['items'][number];
export type ChurnReason = SubscriberChurn['reasons'][number];
