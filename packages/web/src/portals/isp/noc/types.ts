/** NOC device shapes, derived from the generated schema. */
import type { Body, Ok } from '../../../api/types.ts';

export type NocDashboard = Ok<'/api/noc/{isp_id}/dashboard', 'get'>;
export type Device = Ok<'/api/noc/{isp_id}/devices/{device_id}', 'get'>;
export type DeviceList = Ok<'/api/noc/{isp_id}/devices', 'get'>;
export type DeviceInterface = Ok<'/api/noc/{isp_id}/devices/{device_id}/interfaces', 'get'>[number];
export type MetricSeries = Ok<'/api/noc/{isp_id}/devices/{device_id}/metrics', 'get'>;
export type DeviceCreateBody = Body<'/api/noc/{isp_id}/devices', 'post'>;
