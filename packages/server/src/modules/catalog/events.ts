import type { z } from 'zod';
import type { planDto } from './plans.service.ts';

type PlanDto = z.infer<typeof planDto>;

/** The catalog module's events: name → payload (the plan as the API shows it). */
declare module '../../platform/events/domain-events.ts' {
  interface DomainEvents {
    'plan.created': PlanDto;
    'plan.updated': PlanDto;
    'plan.deleted': PlanDto;
  }
}
