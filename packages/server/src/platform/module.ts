import type { AppContext } from './context.ts';
import type { Api } from './http/api.ts';

/** The parts a process can play (ROLES=api,aaa,collector,worker). */
export type ProcessRole = 'api' | 'aaa' | 'collector' | 'worker';

/** Something a role runner started; stopped in reverse order at shutdown. */
export type Running = {
  stop(): Promise<void> | void;
  /** Lines for the start-up message (ports it listens on). */
  banner?: readonly string[];
};

export type RouteRegistration = (api: Api, ctx: AppContext) => void;

/**
 * What a module's front door (`modules/<m>/index.ts`) declares. The composition root
 * (`app/modules.ts`) lists every module; the app and the role runners loop over that list,
 * so a new module is one entry there and nothing else.
 */
export type ModuleDefinition = {
  name: string;
  /** The roles it runs in: `api` for its routes, the others for its runners. */
  roles: readonly ProcessRole[];
  /** Its HTTP routes. The app is built in every process; only the `api` role listens. */
  routes?: readonly RouteRegistration[];
  /**
   * Its event subscriptions that live as long as the app (every process builds it); returns
   * the unsubscribe. Consumers that belong to a runner subscribe in the runner.
   */
  subscribe?: (ctx: AppContext) => () => void;
  /** Its long-running parts, each started when the process plays that role. */
  runners?: Partial<Record<ProcessRole, (ctx: AppContext) => Promise<Running>>>;
  /**
   * Its periodic jobs that act on "today" (dunning, billing schedule, metric rollups), per role:
   * like runners, but the composition root holds them back while the demo's history is written.
   */
  jobs?: Partial<Record<ProcessRole, (ctx: AppContext) => Promise<Running>>>;
};
