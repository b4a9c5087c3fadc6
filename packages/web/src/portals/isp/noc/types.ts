/** NOC device shapes, derived from the generated schema. */
import type { paths } from '../../../api/schema';

type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Ok<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { responses: infer R }
  ? R extends { 200: infer A } ? Json<A> : R extends { 201: infer B } ? Json<B> : never
  : never;

export type NocDashboard = Ok<'/api/noc/{isp_id}/dashboard', 'get'>;
export type Device = Ok<'/api/noc/{isp_id}/devices/{device_id}', 'get'>;
export type DeviceList = Ok<'/api/noc/{isp_id}/devices', 'get'>;
export type DeviceInterface = Ok<'/api/noc/{isp_id}/devices/{device_id}/interfaces', 'get'>[number];
export type MetricSeries = Ok<'/api/noc/{isp_id}/devices/{device_id}/metrics', 'get'>;
export type DeviceCreateBody = paths['/api/noc/{isp_id}/devices']['post']['requestBody']['content']['application/json'];
