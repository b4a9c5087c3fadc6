/**
 * The metric names the collector writes (noc_metrics_raw.metric and the rollups). Alert rules
 * and graphs refer to these names; interface metrics carry an interface_id, device metrics not.
 */
export const interfaceMetrics = [
  'if_in_bps', 'if_out_bps', // bits per second from the octet counters
  'if_in_errors', 'if_out_errors', 'if_in_discards', 'if_out_discards', // per second
  'if_utilisation', // max(in, out) / speed, percent
  'if_oper_up', // 1 when ifOperStatus is up, else 0
] as const;

export const deviceMetrics = [
  'reachable', // 1 when the poll succeeded (SNMP, or TCP for devices without SNMP), else 0
  'snmp_rtt_ms', 'snmp_loss_percent', // SNMP GET probes
  'tcp_rtt_ms', 'tcp_loss_percent', // TCP connect probes
  'cpu_percent', 'memory_percent', 'temperature_c', 'uptime_s',
  'nas_sessions', // online AAA sessions of the device's NAS (written by the alert evaluator)
] as const;

export const metricNames = [...interfaceMetrics, ...deviceMetrics] as const;
export type MetricName = (typeof metricNames)[number];

export type MetricPoint = { ispId: string; deviceId: string; interfaceId: string | null; metric: MetricName; ts: Date; value: number };
