-- Support tickets: a subscriber's (or a staff member's) request, worked by the ISP's support
-- desk, with a conversation of public replies and staff-only internal notes.
--
-- Branch managers see the tickets of their subtree: branch_id is copied from the subscriber
-- when the ticket is opened (and follows the subscriber's branch only through new tickets),
-- so the policy is the subscribers' one without a join.

CREATE TABLE support_tickets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  -- Per ISP, from isp_counters ('support_ticket'), shown as #1001.
  number integer NOT NULL,
  subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
  category text NOT NULL CHECK (category IN ('connectivity', 'billing', 'installation', 'other')),
  priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'open', 'pending', 'resolved', 'closed')),
  subscriber_id uuid REFERENCES subscribers(id) ON DELETE RESTRICT,
  branch_id uuid REFERENCES branches(id) ON DELETE RESTRICT,
  assignee_id uuid REFERENCES users(id) ON DELETE SET NULL,
  -- 'staff' or 'subscriber': who opened it (a subscriber's ticket always names the subscriber).
  opened_by_kind text NOT NULL CHECK (opened_by_kind IN ('staff', 'subscriber')),
  opened_by_id uuid,
  -- From the per-priority targets at creation and on a priority change (support/sla.ts).
  first_response_due_at timestamptz NOT NULL,
  resolution_due_at timestamptz NOT NULL,
  first_response_at timestamptz,
  resolved_at timestamptz,
  closed_at timestamptz,
  last_message_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (opened_by_kind = 'staff' OR subscriber_id IS NOT NULL)
);
CREATE UNIQUE INDEX support_tickets_number_key ON support_tickets (isp_id, number);
CREATE INDEX support_tickets_list_idx ON support_tickets (isp_id, status, last_message_at DESC);
CREATE INDEX support_tickets_subscriber_idx ON support_tickets (subscriber_id, created_at DESC);
CREATE INDEX support_tickets_assignee_idx ON support_tickets (isp_id, assignee_id) WHERE status NOT IN ('resolved', 'closed');
CREATE INDEX support_tickets_created_idx ON support_tickets (isp_id, created_at);

CREATE TABLE support_ticket_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  ticket_id uuid NOT NULL REFERENCES support_tickets(id) ON DELETE CASCADE,
  -- The ticket's branch, copied so that RLS narrows branch staff without a join.
  branch_id uuid REFERENCES branches(id) ON DELETE RESTRICT,
  author_kind text NOT NULL CHECK (author_kind IN ('staff', 'subscriber')),
  author_id uuid,
  -- Internal notes are for staff only: the self-service routes never read them.
  internal boolean NOT NULL DEFAULT false,
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (NOT internal OR author_kind = 'staff')
);
CREATE INDEX support_ticket_messages_ticket_idx ON support_ticket_messages (ticket_id, created_at);

GRANT SELECT, INSERT, UPDATE ON support_tickets TO astranetix_app;
GRANT SELECT, INSERT ON support_ticket_messages TO astranetix_app;

ALTER TABLE support_tickets ENABLE ROW LEVEL SECURITY;
ALTER TABLE support_tickets FORCE ROW LEVEL SECURITY;
CREATE POLICY support_tickets_tenant ON support_tickets
  USING ((SELECT app_platform()) OR (isp_id = (SELECT app_isp_id()) AND ((SELECT app_branch_ids()) IS NULL OR branch_id = ANY ((SELECT app_branch_ids())::uuid[]))))
  WITH CHECK ((SELECT app_platform()) OR (isp_id = (SELECT app_isp_id()) AND ((SELECT app_branch_ids()) IS NULL OR branch_id = ANY ((SELECT app_branch_ids())::uuid[]))));
ALTER TABLE support_ticket_messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE support_ticket_messages FORCE ROW LEVEL SECURITY;
CREATE POLICY support_ticket_messages_tenant ON support_ticket_messages
  USING ((SELECT app_platform()) OR (isp_id = (SELECT app_isp_id()) AND ((SELECT app_branch_ids()) IS NULL OR branch_id = ANY ((SELECT app_branch_ids())::uuid[]))))
  WITH CHECK ((SELECT app_platform()) OR (isp_id = (SELECT app_isp_id()) AND ((SELECT app_branch_ids()) IS NULL OR branch_id = ANY ((SELECT app_branch_ids())::uuid[]))));
