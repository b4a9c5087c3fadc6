import { createContext, useContext } from 'react';
import type { SubscriberDashboard } from '../../api/types.ts';

/** The logged-in subscriber's dashboard, loaded once by the portal for all its pages. */
export type Self = SubscriberDashboard & { reload: () => void };

export const SubscriberCtx = createContext<Self | null>(null);

export function useSubscriber(): Self {
  const c = useContext(SubscriberCtx);
  if (!c) throw new Error('useSubscriber outside the subscriber portal');
  return c;
}
