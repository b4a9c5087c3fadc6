import { sql } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { anonymousScope, rows, withScope } from '../db/scope.ts';
import type { BusMessage } from '../events/event-bus.ts';
import type { Role } from './permissions.ts';

export type AccountKind = 'founder' | 'user' | 'subscriber';

/** What an account is now, in the database; an access token only says what it was at login. */
export type AccountState = { status: string; role: Role; ispId: string | null; branchId: string | null; ispStatus: string };

type Loader = (kind: AccountKind, id: string) => Promise<AccountState | null>;
type Flight = { promise: Promise<AccountState | null>; stale: boolean };

/**
 * The current state of the accounts that hold access tokens, read on every request. Served
 * from memory: change events drop entries in every process (through the bus, so Redis pub/sub
 * when several run), the process that made a change drops them at once after its commit, and a
 * short TTL bounds the staleness should a notification be lost. Deleted accounts are cached as
 * null, so a flood of requests with a dead token does not become a flood of queries.
 */
export class AccountStates {
  private readonly entries = new Map<string, { state: AccountState | null; loadedAt: number }>();
  private readonly inflight = new Map<string, Flight>();

  constructor(
    private readonly load: Loader,
    private readonly ttlMs = 60_000,
    private readonly maxEntries = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(kind: AccountKind, id: string): Promise<AccountState | null> {
    const key = `${kind}:${id}`;
    const hit = this.entries.get(key);
    if (hit && this.now() - hit.loadedAt < this.ttlMs) return Promise.resolve(hit.state);
    const running = this.inflight.get(key);
    if (running) return running.promise;
    const flight: Flight = { promise: Promise.resolve(null), stale: false };
    flight.promise = this.load(kind, id)
      .then((state) => {
        // Dropped while loading: what was read may predate the change, so it is not kept.
        if (!flight.stale) this.remember(key, state);
        return state;
      })
      .finally(() => {
        if (this.inflight.get(key) === flight) this.inflight.delete(key);
      });
    this.inflight.set(key, flight);
    return flight.promise;
  }

  forget(kind: AccountKind, id: string): void {
    const key = `${kind}:${id}`;
    this.entries.delete(key);
    const flight = this.inflight.get(key);
    if (flight) flight.stale = true;
    this.inflight.delete(key);
  }

  /** An ISP's status changed: every account of it is read again. */
  forgetIsp(ispId: string): void {
    for (const [key, e] of this.entries) if (e.state?.ispId === ispId) this.entries.delete(key);
    // Which ISP a load in flight belongs to is not known yet: none of them is kept.
    for (const flight of this.inflight.values()) flight.stale = true;
    this.inflight.clear();
  }

  /** Follows the event stream: an account's own events, and its ISP's. */
  onEvent(m: BusMessage): void {
    const kind = m.type.slice(0, m.type.indexOf('.'));
    if (kind === 'user' || kind === 'subscriber' || kind === 'founder') this.forget(kind, m.aggregateId);
    else if (kind === 'isp') this.forgetIsp(m.aggregateId);
  }

  private remember(key: string, state: AccountState | null): void {
    this.entries.delete(key);
    // Maps iterate in insertion order: the first key is the one loaded longest ago.
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { state, loadedAt: this.now() });
  }
}

/** Reads through the login function, taking none of its secrets (hashes, MFA seeds). */
export async function loadAccountState(db: Database, kind: AccountKind, id: string): Promise<AccountState | null> {
  const [row] = await withScope(db, anonymousScope, (tx) =>
    rows<{ status: string; role: Role; isp_id: string | null; branch_id: string | null; isp_status: string }>(
      tx,
      sql`SELECT status, role, isp_id, branch_id, isp_status FROM auth_load_subject(${kind}, ${id})`,
    ),
  );
  return row ? { status: row.status, role: row.role, ispId: row.isp_id, branchId: row.branch_id, ispStatus: row.isp_status } : null;
}

/** Why a token of this account must not act any more; null while it may. */
export function refusalOf(kind: AccountKind, token: { role: Role; branch: string | null }, state: AccountState | null): { reason: string; detail: string } | null {
  if (!state) return { reason: 'account_deleted', detail: 'This account no longer exists' };
  // Subscribers keep their portal while suspended or expired (to pay, to see why); staff do not.
  if (kind === 'subscriber' ? state.status === 'terminated' : state.status !== 'active')
    return { reason: `account_${state.status}`, detail: `This account is ${state.status}` };
  if (state.ispId && state.ispStatus !== 'active') return { reason: `isp_${state.ispStatus}`, detail: `This ISP is ${state.ispStatus}` };
  if (kind !== 'subscriber' && (state.role !== token.role || state.branchId !== (token.branch ?? null)))
    return { reason: 'role_changed', detail: 'This account\'s role or branch has changed: sign in again' };
  return null;
}
