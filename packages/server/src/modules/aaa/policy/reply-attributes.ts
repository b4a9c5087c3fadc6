import type { AttributeInput } from '@astranetix/radius';
import type { AaaNas, AaaPlan } from './policy.ts';

export type Rate = { downKbps: number; upKbps: number };

const k = (kbps: number) => `${kbps}k`;

/**
 * Mikrotik-Rate-Limit, from the router's point of view: rx is the subscriber's upload.
 * "rx/tx [rx-burst/tx-burst [rx-threshold/tx-threshold [rx-time/tx-time [priority [rx-min/tx-min]]]]]"
 */
export function mikrotikRateLimit(plan: AaaPlan, rate: Rate, withBurst: boolean): string {
  const parts = [`${k(rate.upKbps)}/${k(rate.downKbps)}`];
  const burst = withBurst && plan.burstDownloadKbps && plan.burstUploadKbps && plan.burstThresholdDownloadKbps && plan.burstThresholdUploadKbps && plan.burstTimeS;
  if (burst) {
    parts.push(`${k(plan.burstUploadKbps!)}/${k(plan.burstDownloadKbps!)}`);
    parts.push(`${k(plan.burstThresholdUploadKbps!)}/${k(plan.burstThresholdDownloadKbps!)}`);
    parts.push(`${plan.burstTimeS}/${plan.burstTimeS}`);
    if (plan.priority) {
      parts.push(String(plan.priority));
      if (plan.minUploadKbps && plan.minDownloadKbps) parts.push(`${k(plan.minUploadKbps)}/${k(plan.minDownloadKbps)}`);
    }
  }
  return parts.join(' ');
}

/** Cisco ISG/BNG: QoS policy names by convention, which the operator defines on the router (docs/nas-cisco.md). */
export const ciscoPolicyName = (direction: 'in' | 'out', kbps: number) => `ANX-${direction === 'in' ? 'UP' : 'DOWN'}-${kbps}K`;

/** The plan's bandwidth in the attributes of the NAS's vendor. */
export function bandwidthAttributes(nas: AaaNas, plan: AaaPlan, rate: Rate, withBurst: boolean): AttributeInput[] {
  switch (nas.vendor) {
    case 'mikrotik':
      return [['Mikrotik-Rate-Limit', mikrotikRateLimit(plan, rate, withBurst)]];
    case 'cisco':
      return [
        ['Cisco-AVPair', `ip:sub-qos-policy-in=${ciscoPolicyName('in', rate.upKbps)}`],
        ['Cisco-AVPair', `ip:sub-qos-policy-out=${ciscoPolicyName('out', rate.downKbps)}`],
      ];
    case 'huawei':
      return [
        ['Huawei-Input-Average-Rate', rate.upKbps * 1000],
        ['Huawei-Output-Average-Rate', rate.downKbps * 1000],
      ];
    case 'juniper':
      return [['ERX-Qos-Profile-Name', `ANX-${rate.downKbps}K-${rate.upKbps}K`]];
    case 'chillispot':
      return [
        ['ChilliSpot-Bandwidth-Max-Up', rate.upKbps],
        ['ChilliSpot-Bandwidth-Max-Down', rate.downKbps],
        ['WISPr-Bandwidth-Max-Up', rate.upKbps * 1000],
        ['WISPr-Bandwidth-Max-Down', rate.downKbps * 1000],
      ];
    case 'ubiquiti':
    case 'other':
      return [
        ['WISPr-Bandwidth-Max-Up', rate.upKbps * 1000],
        ['WISPr-Bandwidth-Max-Down', rate.downKbps * 1000],
      ];
  }
}
