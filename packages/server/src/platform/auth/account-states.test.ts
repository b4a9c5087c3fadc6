import { describe, expect, it } from 'vitest';
import { AccountStates, refusalOf, type AccountKind, type AccountState } from './account-states.ts';
import type { BusMessage } from '../events/event-bus.ts';

const ispA = '00000000-0000-4000-8000-00000000000a';
const ispB = '00000000-0000-4000-8000-00000000000b';
const admin: AccountState = { status: 'active', role: 'isp_admin', ispId: ispA, branchId: null, ispStatus: 'active' };

/** A loader over a mutable table that counts its reads; `hold` keeps the next reads pending. */
function fakeDb(initial: Record<string, AccountState | null>) {
  const table = { ...initial };
  const loaded: string[] = [];
  let gate: Promise<void> | null = null;
  const load = async (kind: AccountKind, id: string) => {
    loaded.push(`${kind}:${id}`);
    const value = table[`${kind}:${id}`] ?? null;
    if (gate) await gate;
    return value;
  };
  return {
    table, load, loaded, reads: () => loaded.length,
    hold() {
      let open!: () => void;
      gate = new Promise((r) => { open = r; });
      return () => { gate = null; open(); };
    },
  };
}

const event = (type: string, aggregateId: string): BusMessage => ({ id: 'e', type, ispId: ispA, aggregateId, payload: {} });

describe('AccountStates', () => {
  it('reads an account once, then from memory until its TTL runs out', async () => {
    const db = fakeDb({ 'user:u1': admin });
    const clock = { t: Date.UTC(2026, 0, 1) };
    const states = new AccountStates(db.load, 60_000, 100, () => clock.t);
    expect(await states.get('user', 'u1')).toEqual(admin);
    expect(await states.get('user', 'u1')).toEqual(admin);
    expect(db.reads()).toBe(1);
    clock.t += 60_000;
    await states.get('user', 'u1');
    expect(db.reads()).toBe(2);
  });

  it('remembers that an account does not exist', async () => {
    const db = fakeDb({});
    const states = new AccountStates(db.load);
    expect(await states.get('user', 'gone')).toBeNull();
    expect(await states.get('user', 'gone')).toBeNull();
    expect(db.reads()).toBe(1);
  });

  it("follows the account's own events and its ISP's, and nothing else", async () => {
    const db = fakeDb({ 'user:u1': admin, 'subscriber:s1': { ...admin, role: 'subscriber' }, 'user:u2': { ...admin, ispId: ispB } });
    const states = new AccountStates(db.load);
    const warm = () => Promise.all([states.get('user', 'u1'), states.get('subscriber', 's1'), states.get('user', 'u2')]);
    await warm();
    db.table['user:u1'] = { ...admin, status: 'disabled' };
    for (const t of ['auth.login', 'subscription_addon.attached', 'plan.updated', 'isp_subscription.assigned']) states.onEvent(event(t, 'u1'));
    expect((await states.get('user', 'u1'))?.status).toBe('active');
    states.onEvent(event('user.updated', 'u1'));
    expect((await states.get('user', 'u1'))?.status).toBe('disabled');

    db.table['subscriber:s1'] = null;
    states.onEvent(event('subscriber.terminated', 's1'));
    expect(await states.get('subscriber', 's1')).toBeNull();

    const before = db.reads();
    states.onEvent(event('isp.suspended', ispA));
    await warm();
    // ISP A's account was read again; ISP B's was not, nor the subscriber known to be gone.
    expect(db.loaded.slice(before)).toEqual(['user:u1']);
  });

  it('does not keep a read that was under way when the account changed', async () => {
    const db = fakeDb({ 'user:u1': admin });
    const states = new AccountStates(db.load);
    const open = db.hold();
    const early = states.get('user', 'u1');
    // The change commits and its event arrives while the old row is still on its way.
    db.table['user:u1'] = { ...admin, status: 'disabled' };
    states.forget('user', 'u1');
    open();
    expect((await early)?.status).toBe('active');
    expect((await states.get('user', 'u1'))?.status).toBe('disabled');
  });

  it('does not keep a read under way when an ISP changes, whichever ISP it turns out to be', async () => {
    const db = fakeDb({ 'user:u1': admin });
    const states = new AccountStates(db.load);
    const open = db.hold();
    const early = states.get('user', 'u1');
    db.table['user:u1'] = { ...admin, ispStatus: 'suspended' };
    states.forgetIsp(ispA);
    open();
    await early;
    expect((await states.get('user', 'u1'))?.ispStatus).toBe('suspended');
  });

  it('holds at most maxEntries accounts, dropping the longest-loaded first', async () => {
    const db = fakeDb({ 'user:a': admin, 'user:b': admin, 'user:c': admin });
    const states = new AccountStates(db.load, 60_000, 2);
    await states.get('user', 'a');
    await states.get('user', 'b');
    await states.get('user', 'c');
    expect(db.reads()).toBe(3);
    await states.get('user', 'c');
    await states.get('user', 'b');
    expect(db.reads()).toBe(3);
    await states.get('user', 'a');
    expect(db.reads()).toBe(4);
  });
});

describe('refusalOf', () => {
  const token = { role: 'isp_admin' as const, branch: null };
  it('says why a token may no longer act', () => {
    expect(refusalOf('user', token, admin)).toBeNull();
    expect(refusalOf('user', token, null)?.reason).toBe('account_deleted');
    expect(refusalOf('user', token, { ...admin, status: 'disabled' })).toEqual({ reason: 'account_disabled', detail: 'This account is disabled' });
    expect(refusalOf('user', token, { ...admin, ispStatus: 'suspended' })?.reason).toBe('isp_suspended');
    expect(refusalOf('user', token, { ...admin, role: 'support_agent' })?.reason).toBe('role_changed');
    expect(refusalOf('user', { role: 'branch_manager', branch: 'b1' }, { ...admin, role: 'branch_manager', branchId: 'b2' })?.reason).toBe('role_changed');
    expect(refusalOf('founder', { role: 'founder', branch: null }, { ...admin, role: 'founder', ispId: null })).toBeNull();
  });

  it('keeps the portal of a suspended or expired subscriber, not of a terminated one', () => {
    const sub: AccountState = { ...admin, role: 'subscriber', branchId: 'b1' };
    const subToken = { role: 'subscriber' as const, branch: 'b0' };
    expect(refusalOf('subscriber', subToken, { ...sub, status: 'suspended' })).toBeNull();
    expect(refusalOf('subscriber', subToken, { ...sub, status: 'expired' })).toBeNull();
    expect(refusalOf('subscriber', subToken, { ...sub, status: 'terminated' })?.reason).toBe('account_terminated');
    expect(refusalOf('subscriber', subToken, { ...sub, ispStatus: 'suspended' })?.reason).toBe('isp_suspended');
  });
});
