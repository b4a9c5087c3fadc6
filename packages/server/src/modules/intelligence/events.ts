/** The intelligence module's events: name → payload. Models' outputs are rows, read by the portals. */

declare module '../../platform/events/domain-events.ts' {
  interface DomainEvents {
    /** An ISP's churn model was trained (and its subscribers scored): its version and quality. */
    'churn.model_trained': { version: number; training_rows: number; churners: number; cv_auc: number | null; scored: number; trigger: 'schedule' | 'manual' };
  }
}

export {};
