import type { TicketPriority } from './schema.ts';

const hour = 60 * 60 * 1000;

/**
 * Response and resolution targets per priority, the usual shape of an ISP's support SLA
 * (Zammad and Splynx both key them by priority). Constants for now; per-ISP targets would
 * be a settings table read here.
 */
export const slaTargets: Record<TicketPriority, { firstResponseMs: number; resolutionMs: number }> = {
  urgent: { firstResponseMs: 1 * hour, resolutionMs: 4 * hour },
  high: { firstResponseMs: 4 * hour, resolutionMs: 24 * hour },
  normal: { firstResponseMs: 8 * hour, resolutionMs: 72 * hour },
  low: { firstResponseMs: 24 * hour, resolutionMs: 7 * 24 * hour },
};

/** Due times count from the ticket's creation, also when its priority changes later. */
export function dueTimes(priority: TicketPriority, createdAt: Date): { firstResponseDueAt: Date; resolutionDueAt: Date } {
  const t = slaTargets[priority];
  return { firstResponseDueAt: new Date(createdAt.getTime() + t.firstResponseMs), resolutionDueAt: new Date(createdAt.getTime() + t.resolutionMs) };
}
