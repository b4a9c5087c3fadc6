/**
 * Correlation, pure: which incident an alert belongs to. When a device's uplink (or its
 * uplink's uplink…) is down, the device's own alerts are consequences: they join the
 * incident of the top-most down device on the path, so a core outage is one incident
 * instead of one per device behind it.
 */
export type TopologyNode = { id: string; parentId: string | null; down: boolean };
export type Topology = ReadonlyMap<string, TopologyNode>;

export function topologyOf(nodes: readonly TopologyNode[]): Topology {
  return new Map(nodes.map((n) => [n.id, n]));
}

/** The uplinks of a device, nearest first; stops at a loop rather than walking it forever. */
export function ancestors(topo: Topology, deviceId: string): string[] {
  const out: string[] = [];
  const seen = new Set([deviceId]);
  let cur = topo.get(deviceId)?.parentId ?? null;
  while (cur && !seen.has(cur)) {
    out.push(cur);
    seen.add(cur);
    cur = topo.get(cur)?.parentId ?? null;
  }
  return out;
}

/** The device whose incident an alert of `deviceId` joins: the farthest down uplink, else the device itself. */
export function rootCause(topo: Topology, deviceId: string): string {
  let root = deviceId;
  for (const a of ancestors(topo, deviceId)) if (topo.get(a)?.down) root = a;
  return root;
}

export type NewAlert = { id: string; deviceId: string | null };
export type OpenIncident = { id: string; rootDeviceId: string | null };
export type Plan = {
  /** Alerts that join an incident that is already open. */
  attach: { alertId: string; incidentId: string }[];
  /** Incidents to open, each for a root device (or none: an alert about no device stands alone). */
  open: { rootDeviceId: string | null; alertIds: string[] }[];
  /** Open incidents whose root now sits behind a down device: folded into that device's incident. */
  merge: { incidentId: string; intoRootDeviceId: string }[];
};

export function planIncidents(topo: Topology, alerts: readonly NewAlert[], open: readonly OpenIncident[]): Plan {
  const byRoot = new Map(open.filter((i) => i.rootDeviceId).map((i) => [i.rootDeviceId!, i.id]));
  const plan: Plan = { attach: [], open: [], merge: [] };
  // Existing incidents first: a root that is now behind a down device merges into that device's incident.
  const effectiveRoot = new Map<string, string>();
  for (const i of open) {
    if (!i.rootDeviceId) continue;
    const r = rootCause(topo, i.rootDeviceId);
    if (r !== i.rootDeviceId) {
      effectiveRoot.set(i.rootDeviceId, r);
      plan.merge.push({ incidentId: i.id, intoRootDeviceId: r });
    }
  }
  const opening = new Map<string, string[]>();
  for (const a of alerts) {
    if (!a.deviceId) {
      plan.open.push({ rootDeviceId: null, alertIds: [a.id] });
      continue;
    }
    const root = rootCause(topo, a.deviceId);
    const existing = byRoot.get(root);
    if (existing && !effectiveRoot.has(root)) plan.attach.push({ alertId: a.id, incidentId: existing });
    else opening.set(root, [...(opening.get(root) ?? []), a.id]);
  }
  // A merge target with no open incident and no new alert still needs one to merge into.
  for (const m of plan.merge) if (!byRoot.has(m.intoRootDeviceId) && !opening.has(m.intoRootDeviceId)) opening.set(m.intoRootDeviceId, []);
  for (const [rootDeviceId, alertIds] of opening) {
    const existing = byRoot.get(rootDeviceId);
    if (existing && !effectiveRoot.has(rootDeviceId)) for (const alertId of alertIds) plan.attach.push({ alertId, incidentId: existing });
    else plan.open.push({ rootDeviceId, alertIds });
  }
  return plan;
}

/** Flapping: at least `count` state changes within the last `windowS` seconds. */
export function isFlapping(changes: readonly number[], now: number, count: number, windowS: number): boolean {
  const since = now - windowS * 1000;
  return changes.filter((t) => t >= since && t <= now).length >= count;
}
