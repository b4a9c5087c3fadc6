import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../test/harness.ts';
import { createIspFixture, founderToken, password, type IspFixture } from '../../test/fixtures.ts';

let server: TestServer;
let api: Client;
let a: IspFixture;
let b: IspFixture;
let annToken: string; // a's HQ subscriber
let nedToken: string; // a's North subscriber
let bSubToken: string; // b's subscriber
let agentId: string;
let agentToken: string;
let billingId: string;

const tickets = (x: IspFixture) => `/api/isp/${x.id}/tickets`;

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.app);
  const founder = await founderToken(server, api);
  a = await createIspFixture(api, founder, 'tick-a');
  b = await createIspFixture(api, founder, 'tick-b');
  annToken = await api.login('ann@tick-a.test', password);
  bSubToken = await api.login('ann@tick-b.test', password);
  const ned = await api.patch(`/api/isp/${a.id}/subscribers/${a.northSubscriberId}`, { token: a.adminToken, body: { email: 'ned@tick-a.test', portal_password: password } });
  expect(ned.status, ned.text).toBe(200);
  nedToken = await api.login('ned@tick-a.test', password);
  const agent = await api.post(`/api/isp/${a.id}/users`, { token: a.adminToken, body: { email: 'agent@tick-a.test', name: 'Sam Agent', role: 'support_agent', password } });
  agentId = agent.json.id;
  agentToken = await api.login('agent@tick-a.test', password);
  const billing = await api.post(`/api/isp/${a.id}/users`, { token: a.adminToken, body: { email: 'bill@tick-a.test', name: 'Bill', role: 'billing', password } });
  billingId = billing.json.id;
});
afterAll(() => server.close());

const audit = (entityId: string) =>
  server.ctx.db.query<{ action: string; actor_kind: string }>('SELECT action, actor_kind FROM audit_log WHERE entity_id = $1 ORDER BY seq', [entityId]);
const events = (entityId: string) =>
  server.ctx.db.query<{ type: string }>('SELECT type FROM domain_events WHERE aggregate_id = $1::text ORDER BY id', [entityId]);

describe('staff tickets', () => {
  let ticketId: string;

  it('opens a ticket for a subscriber with a per-ISP number, SLA due times, and the branch of the subscriber', async () => {
    const r = await api.post(tickets(a), { token: agentToken, body: { subject: 'Slow in the evenings', category: 'connectivity', priority: 'high', subscriber_id: a.subscriberId, body: 'Speed test shows 5 Mbit/s after 8 pm.' } });
    expect(r.status, r.text).toBe(201);
    expect(r.json).toMatchObject({ number: 1001, status: 'new', priority: 'high', subscriber_id: a.subscriberId, subscriber_name: 'Ann Hq', branch_id: a.hq, overdue: false, message_count: 1 });
    const created = new Date(r.json.created_at).getTime();
    expect(new Date(r.json.first_response_due_at).getTime() - created).toBe(4 * 3600_000);
    expect(new Date(r.json.resolution_due_at).getTime() - created).toBe(24 * 3600_000);
    expect(r.json.messages).toHaveLength(1);
    ticketId = r.json.id;
    const second = await api.post(tickets(a), { token: a.adminToken, body: { subject: 'Router swap', category: 'installation', subscriber_id: a.northSubscriberId, body: 'Replace the CPE.' } });
    expect(second.json.number).toBe(1002);
    const other = await api.post(tickets(b), { token: b.adminToken, body: { subject: 'B ticket', category: 'other', body: 'internal matter' } });
    expect(other.json.number).toBe(1001);
    expect((await audit(ticketId)).map((x) => x.action)).toEqual(['ticket.created']);
  });

  it('a public reply opens a new ticket, sets the first response, and e-mails the subscriber', async () => {
    const mails = server.mailer.sent.length;
    const r = await api.post(`${tickets(a)}/${ticketId}/messages`, { token: agentToken, body: { body: 'We are checking the node in your street.' } });
    expect(r.status, r.text).toBe(201);
    expect(r.json.status).toBe('open');
    expect(r.json.first_response_at).toBeTruthy();
    expect(r.json.messages.at(-1)).toMatchObject({ author_kind: 'staff', author_name: 'Sam Agent', internal: false });
    const mail = server.mailer.sent.slice(mails);
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ to: 'ann@tick-a.test', subject: '[#1001] Slow in the evenings' });
    expect(mail[0]!.text).toContain('We are checking the node in your street.');
    expect(mail[0]!.text).toContain(`/t/tick-a/me/support/${ticketId}`);
    // In the subscriber's language once they chose one.
    await api.patch(`/api/isp/${a.id}/subscribers/${a.subscriberId}`, { token: a.adminToken, body: { locale: 'fr' } });
    await api.post(`${tickets(a)}/${ticketId}/messages`, { token: agentToken, body: { body: 'Nous testons une nouvelle carte.' } });
    expect(server.mailer.sent.at(-1)!.text).toContain('a répondu à votre ticket');
  });

  it('an internal note changes no status, is not mailed, and never reaches the subscriber', async () => {
    const mails = server.mailer.sent.length;
    const note = 'Internal: node N-12 is overloaded, upgrade planned';
    const r = await api.post(`${tickets(a)}/${ticketId}/messages`, { token: agentToken, body: { body: note, internal: true } });
    expect(r.status, r.text).toBe(201);
    expect(r.json.status).toBe('open');
    expect(r.json.messages.at(-1)).toMatchObject({ internal: true, body: note });
    expect(server.mailer.sent.length).toBe(mails);
    expect(r.json.last_message_at).toBe(r.json.messages.at(-2).created_at);
    // Every route a subscriber can reach: the list, the ticket, a reply's and a close's answer.
    const own = await api.get(`/api/me/tickets/${ticketId}`, { token: annToken });
    expect(own.status).toBe(200);
    expect(own.json.messages).toHaveLength(3);
    expect(own.text).not.toContain('N-12');
    expect(own.text).not.toContain('internal');
    expect((await api.get('/api/me/tickets', { token: annToken })).text).not.toContain('N-12');
    const reply = await api.post(`/api/me/tickets/${ticketId}/messages`, { token: annToken, body: { body: 'Thanks!' } });
    expect(reply.status, reply.text).toBe(201);
    expect(reply.text).not.toContain('N-12');
    expect((await api.get(`/api/user/${a.subscriberId}/dashboard`, { token: annToken })).text).not.toContain('N-12');
    // Staff see it.
    expect((await api.get(`${tickets(a)}/${ticketId}`, { token: agentToken })).text).toContain('N-12');
    expect((await audit(ticketId)).map((x) => x.action)).toEqual(['ticket.created', 'ticket.replied', 'ticket.replied', 'ticket.note_added', 'ticket.replied']);
  });

  it('assigns to staff who work tickets only, and changes status and priority with their timestamps', async () => {
    const bad = await api.patch(`${tickets(a)}/${ticketId}`, { token: agentToken, body: { assignee_id: billingId } });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('/body/assignee_id');
    expect((await api.patch(`${tickets(a)}/${ticketId}`, { token: agentToken, body: { assignee_id: b.staffId } })).status).toBe(404);
    const as = await api.patch(`${tickets(a)}/${ticketId}`, { token: agentToken, body: { assignee_id: agentId } });
    expect(as.json).toMatchObject({ assignee_id: agentId, assignee_name: 'Sam Agent' });
    const pr = await api.patch(`${tickets(a)}/${ticketId}`, { token: agentToken, body: { priority: 'urgent' } });
    expect(new Date(pr.json.resolution_due_at).getTime() - new Date(pr.json.created_at).getTime()).toBe(4 * 3600_000);
    const res = await api.patch(`${tickets(a)}/${ticketId}`, { token: agentToken, body: { status: 'resolved' } });
    expect(res.json.status).toBe('resolved');
    expect(res.json.resolved_at).toBeTruthy();
    expect(res.json.overdue).toBe(false);
    const actions = (await audit(ticketId)).map((x) => x.action);
    expect(actions.slice(-3)).toEqual(['ticket.assigned', 'ticket.updated', 'ticket.status_changed']);
    expect((await events(ticketId)).map((e) => e.type)).toContain('ticket.status_changed');
  });

  it('lists with filters, search by number or subject, sorting and paging', async () => {
    const all = await api.get(`${tickets(a)}?sort=number`, { token: agentToken });
    expect(all.json.items.map((t: { number: number }) => t.number)).toEqual([1001, 1002]);
    const q = async (query: string) => (await api.get(`${tickets(a)}?${query}`, { token: agentToken })).json as { total: number; items: { number: number }[] };
    expect((await q('q=%231002')).items.map((t) => t.number)).toEqual([1002]);
    expect((await q('q=router')).items.map((t) => t.number)).toEqual([1002]);
    expect((await q('status=resolved')).items.map((t) => t.number)).toEqual([1001]);
    expect((await q('status=active')).items.map((t) => t.number)).toEqual([1002]);
    expect((await q(`assignee_id=${agentId}`)).items.map((t) => t.number)).toEqual([1001]);
    expect((await q('assignee_id=none')).items.map((t) => t.number)).toEqual([1002]);
    expect((await q(`subscriber_id=${a.northSubscriberId}`)).items.map((t) => t.number)).toEqual([1002]);
    expect((await q('priority=urgent')).items.map((t) => t.number)).toEqual([1001]);
    const page = await q('sort=-number&limit=1&offset=1');
    expect(page).toMatchObject({ total: 2, items: [{ number: 1001 }] });
    expect((await api.get(`${tickets(a)}?sort=subject`, { token: agentToken })).status).toBe(400);
  });

  it('flags overdue tickets and counts them on the dashboard with the daily trend', async () => {
    const [t] = await server.ctx.db.query<{ id: string }>('SELECT id FROM support_tickets WHERE isp_id = $1 AND number = 1002', [a.id]);
    await server.ctx.db.query("UPDATE support_tickets SET first_response_due_at = now() - interval '1 minute' WHERE id = $1", [t!.id]);
    const overdue = await api.get(`${tickets(a)}?overdue=true`, { token: agentToken });
    expect(overdue.json.items.map((x: { number: number; overdue: boolean }) => [x.number, x.overdue])).toEqual([[1002, true]]);
    const d = await api.get(`/api/isp/${a.id}/dashboard`, { token: a.adminToken });
    expect(d.status, d.text).toBe(200);
    expect(d.json.tickets).toMatchObject({ open: 1, new_today: 2, overdue: 1, unassigned: 1 });
    expect(d.json.tickets.opened_per_day).toHaveLength(30);
    expect(d.json.tickets.opened_per_day.at(-1).count).toBe(2);
    // The North manager's dashboard counts the North ticket only.
    const m = await api.get(`/api/isp/${a.id}/dashboard`, { token: a.managerToken });
    expect(m.json.tickets).toMatchObject({ open: 1, new_today: 1, overdue: 1 });
  });
});

describe('subscriber self-service tickets', () => {
  let own: string;

  it('opens a ticket, lists and reads it; staff see who opened it', async () => {
    const r = await api.post('/api/me/tickets', { token: nedToken, body: { subject: 'Invoice twice', category: 'billing', body: 'I was charged twice in May.' } });
    expect(r.status, r.text).toBe(201);
    expect(r.json).toMatchObject({ status: 'new', priority: 'normal', messages: [{ author_kind: 'subscriber', author_name: 'Ned North' }] });
    expect(r.json).not.toHaveProperty('assignee_id');
    own = r.json.id;
    expect((await api.post('/api/me/tickets', { token: nedToken, body: { subject: 'x', category: 'billing', body: 'y', priority: 'urgent' } })).status).toBe(400);
    const list = await api.get('/api/me/tickets', { token: nedToken });
    // Newest activity first; the staff-opened ticket about Ned is his too.
    expect(list.json.items.map((t: { number: number }) => t.number)).toEqual([r.json.number, 1002]);
    expect((await api.get('/api/me/tickets?status=closed', { token: nedToken })).json.total).toBe(0);
    const staff = await api.get(`${tickets(a)}/${own}`, { token: a.managerToken });
    expect(staff.json).toMatchObject({ opened_by_kind: 'subscriber', subscriber_id: a.northSubscriberId, branch_id: a.north });
    expect((await audit(own))[0]).toMatchObject({ action: 'ticket.created', actor_kind: 'subscriber' });
  });

  it("cannot see or touch another subscriber's ticket of the same ISP", async () => {
    for (const r of [
      await api.get(`/api/me/tickets/${own}`, { token: annToken }),
      await api.post(`/api/me/tickets/${own}/messages`, { token: annToken, body: { body: 'hi' } }),
      await api.post(`/api/me/tickets/${own}/close`, { token: annToken }),
    ]) expect(r.status).toBe(404);
    expect((await api.get('/api/me/tickets', { token: annToken })).text).not.toContain(own);
    const [row] = await server.ctx.db.query<{ status: string; n: number }>(
      'SELECT status, (SELECT count(*)::int FROM support_ticket_messages WHERE ticket_id = $1) AS n FROM support_tickets WHERE id = $1', [own]);
    expect(row).toEqual({ status: 'new', n: 1 });
  });

  it('a reply reopens a pending or resolved ticket; closing it stops replies', async () => {
    for (const status of ['pending', 'resolved'] as const) {
      await api.patch(`${tickets(a)}/${own}`, { token: a.managerToken, body: { status } });
      const r = await api.post(`/api/me/tickets/${own}/messages`, { token: nedToken, body: { body: `still broken (${status})` } });
      expect(r.status, r.text).toBe(201);
      expect(r.json).toMatchObject({ status: 'open', resolved_at: null });
    }
    const closed = await api.post(`/api/me/tickets/${own}/close`, { token: nedToken });
    expect(closed.json).toMatchObject({ status: 'closed' });
    expect(closed.json.closed_at).toBeTruthy();
    expect((await api.post(`/api/me/tickets/${own}/messages`, { token: nedToken, body: { body: 'again' } })).status).toBe(409);
    expect((await api.post(`${tickets(a)}/${own}/messages`, { token: a.adminToken, body: { body: 'reply' } })).status).toBe(409);
    expect((await api.post(`${tickets(a)}/${own}/messages`, { token: a.adminToken, body: { body: 'note on closed', internal: true } })).status).toBe(201);
  });
});

describe('roles and branches', () => {
  it('support agents, admins and branch managers work tickets; billing and NOC roles and subscribers cannot', async () => {
    const billingToken = await api.login('bill@tick-a.test', password);
    expect((await api.get(tickets(a), { token: billingToken })).status).toBe(403);
    expect((await api.post(tickets(a), { token: billingToken, body: { subject: 's', category: 'other', body: 'b' } })).status).toBe(403);
    expect((await api.get(tickets(a), { token: annToken })).status).toBe(403);
    expect((await api.get('/api/me/tickets', { token: agentToken })).status).toBe(403);
    expect((await api.post('/api/me/tickets', { token: a.adminToken, body: { subject: 's', category: 'other', body: 'b' } })).status).toBe(403);
    expect((await api.get(tickets(a))).status).toBe(401);
  });

  it('a branch manager sees and opens tickets of the subtree only', async () => {
    const list = await api.get(tickets(a), { token: a.managerToken });
    expect(list.json.items.every((t: { branch_id: string }) => t.branch_id === a.north)).toBe(true);
    expect(list.json.total).toBe(2);
    const [hqTicket] = await server.ctx.db.query<{ id: string }>('SELECT id FROM support_tickets WHERE isp_id = $1 AND number = 1001', [a.id]);
    expect((await api.get(`${tickets(a)}/${hqTicket!.id}`, { token: a.managerToken })).status).toBe(404);
    expect((await api.patch(`${tickets(a)}/${hqTicket!.id}`, { token: a.managerToken, body: { status: 'closed' } })).status).toBe(404);
    expect((await api.post(`${tickets(a)}/${hqTicket!.id}/messages`, { token: a.managerToken, body: { body: 'x' } })).status).toBe(404);
    expect((await api.post(tickets(a), { token: a.managerToken, body: { subject: 's', category: 'other', subscriber_id: a.subscriberId, body: 'b' } })).status).toBe(404);
    expect((await api.post(tickets(a), { token: a.managerToken, body: { subject: 's', category: 'other', body: 'b' } })).status).toBe(400);
    const [row] = await server.ctx.db.query<{ status: string }>('SELECT status FROM support_tickets WHERE id = $1', [hqTicket!.id]);
    expect(row!.status).toBe('resolved');
  });
});

describe("tickets are isolated between ISPs", () => {
  it("another ISP's staff and subscribers get 404 on read and change, and the rows are untouched", async () => {
    const [t] = await server.ctx.db.query<{ id: string }>('SELECT id FROM support_tickets WHERE isp_id = $1 AND number = 1001', [a.id]);
    const id = t!.id;
    const snapshot = () => server.ctx.db.query(
      `SELECT status, priority, assignee_id, subject, (SELECT count(*)::int FROM support_ticket_messages WHERE ticket_id = $1) AS n FROM support_tickets WHERE id = $1`, [id]);
    const before = await snapshot();
    const reads = [`${tickets(a)}`, `${tickets(a)}/${id}`, `${tickets(b)}/${id}`];
    for (const url of reads) {
      const r = await api.get(url, { token: b.adminToken });
      expect(r.status, url).toBe(404);
      expect(r.text).not.toContain('Slow in the evenings');
    }
    expect((await api.get(tickets(b), { token: b.adminToken })).text).not.toContain('Slow in the evenings');
    for (const base of [tickets(a), tickets(b)]) {
      expect((await api.patch(`${base}/${id}`, { token: b.adminToken, body: { status: 'closed' } })).status).toBe(404);
      expect((await api.post(`${base}/${id}/messages`, { token: b.adminToken, body: { body: 'x', internal: true } })).status).toBe(404);
    }
    expect((await api.post(tickets(a), { token: b.adminToken, body: { subject: 's', category: 'other', body: 'b' } })).status).toBe(404);
    expect((await api.post(tickets(b), { token: b.adminToken, body: { subject: 's', category: 'other', subscriber_id: a.subscriberId, body: 'b' } })).status).toBe(404);
    for (const r of [
      await api.get(`/api/me/tickets/${id}`, { token: bSubToken }),
      await api.post(`/api/me/tickets/${id}/messages`, { token: bSubToken, body: { body: 'x' } }),
      await api.post(`/api/me/tickets/${id}/close`, { token: bSubToken }),
    ]) expect(r.status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });
});
