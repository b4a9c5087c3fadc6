/** API shapes of the NOC alerts pages, derived from the generated schema. */
import type { Body, Ok } from '../../../../api/types.ts';

export type Incident = Ok<'/api/noc/{isp_id}/incidents', 'get'>['items'][number];
export type IncidentDetail = Ok<'/api/noc/{isp_id}/incidents/{id}', 'get'>;
export type NocAlert = Ok<'/api/noc/{isp_id}/alerts', 'get'>['items'][number];
export type AlertRule = Ok<'/api/noc/{isp_id}/alert-rules', 'get'>[number];
export type AlertRuleBody = Body<'/api/noc/{isp_id}/alert-rules', 'post'>;
export type Policy = Ok<'/api/noc/{isp_id}/escalation-policies', 'get'>[number];
export type PolicyBody = Body<'/api/noc/{isp_id}/escalation-policies', 'post'>;
export type MaintenanceWindow = Ok<'/api/noc/{isp_id}/maintenance', 'get'>[number];
export type Sla = Ok<'/api/noc/{isp_id}/sla', 'get'>[number];
export type SlaReport = Ok<'/api/noc/{isp_id}/sla/{id}/report', 'get'>;
export type LogEntry = Ok<'/api/noc/{isp_id}/logs', 'get'>['items'][number];
export type TopologyNode = Ok<'/api/noc/{isp_id}/topology', 'get'>['nodes'][number];
export type LldpLink = Ok<'/api/noc/{isp_id}/topology', 'get'>['lldp_links'][number];
export type Severity = Incident['severity'];
