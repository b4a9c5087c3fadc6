-- Tenant links are checked by the database, not only by the routes.
--
-- A single-column foreign key such as users.branch_id -> branches(id) is checked by
-- PostgreSQL as the table's owner, past row-level security: ISP A could store ISP B's branch
-- id on its own staff row (PATCH /api/isp/{A}/users/{id} did), learn from the answer that the
-- id exists, and block B from deleting its own branch. Every key between two tenant tables
-- now names the ISP too: (isp_id, x_id) -> (isp_id, id), so a row can only point at a row of
-- its own ISP. The API turns the violation into a 400 naming the field ("no such branch in
-- this ISP"), which says nothing about other ISPs.
--
-- Keys keep their names and their ON DELETE action; SET NULL names the one column to clear
-- (PostgreSQL 15), since isp_id is NOT NULL. MATCH SIMPLE (the default) leaves a row with a
-- NULL reference unchecked, as before.
--
-- The keys of the high-volume tables that only the AAA engine and the NOC collector write
-- (sessions, usage, metrics, logs, status history, CoA requests) are added NOT VALID: new
-- rows are checked, but the upgrade does not scan and lock up to a billion existing rows,
-- which those writers filled with the ISP of the NAS or device they had just looked up.
-- `ALTER TABLE ... VALIDATE CONSTRAINT ...` can check them later without blocking writes.

-- A composite key needs a unique (isp_id, id) on the referenced table.
ALTER TABLE billing_addons ADD CONSTRAINT billing_addons_isp_id_id_key UNIQUE (isp_id, id);
ALTER TABLE branches ADD CONSTRAINT branches_isp_id_id_key UNIQUE (isp_id, id);
ALTER TABLE coupons ADD CONSTRAINT coupons_isp_id_id_key UNIQUE (isp_id, id);
ALTER TABLE invoice_lines ADD CONSTRAINT invoice_lines_isp_id_id_key UNIQUE (isp_id, id);
ALTER TABLE invoices ADD CONSTRAINT invoices_isp_id_id_key UNIQUE (isp_id, id);
ALTER TABLE ip_pools ADD CONSTRAINT ip_pools_isp_id_id_key UNIQUE (isp_id, id);
ALTER TABLE nas_devices ADD CONSTRAINT nas_devices_isp_id_id_key UNIQUE (isp_id, id);
ALTER TABLE noc_alert_rules ADD CONSTRAINT noc_alert_rules_isp_id_id_key UNIQUE (isp_id, id);
ALTER TABLE noc_devices ADD CONSTRAINT noc_devices_isp_id_id_key UNIQUE (isp_id, id);
ALTER TABLE noc_incidents ADD CONSTRAINT noc_incidents_isp_id_id_key UNIQUE (isp_id, id);
ALTER TABLE noc_interfaces ADD CONSTRAINT noc_interfaces_isp_id_id_key UNIQUE (isp_id, id);
ALTER TABLE payments ADD CONSTRAINT payments_isp_id_id_key UNIQUE (isp_id, id);
ALTER TABLE platform_invoice_lines ADD CONSTRAINT platform_invoice_lines_isp_id_id_key UNIQUE (isp_id, id);
ALTER TABLE platform_invoices ADD CONSTRAINT platform_invoices_isp_id_id_key UNIQUE (isp_id, id);
ALTER TABLE radius_sessions ADD CONSTRAINT radius_sessions_isp_id_id_key UNIQUE (isp_id, id);
ALTER TABLE subscribers ADD CONSTRAINT subscribers_isp_id_id_key UNIQUE (isp_id, id);
ALTER TABLE subscription_plans ADD CONSTRAINT subscription_plans_isp_id_id_key UNIQUE (isp_id, id);
ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_isp_id_id_key UNIQUE (isp_id, id);
ALTER TABLE support_tickets ADD CONSTRAINT support_tickets_isp_id_id_key UNIQUE (isp_id, id);
ALTER TABLE tax_rules ADD CONSTRAINT tax_rules_isp_id_id_key UNIQUE (isp_id, id);
ALTER TABLE users ADD CONSTRAINT users_isp_id_id_key UNIQUE (isp_id, id);
ALTER TABLE voucher_batches ADD CONSTRAINT voucher_batches_isp_id_id_key UNIQUE (isp_id, id);
ALTER TABLE voucher_cards ADD CONSTRAINT voucher_cards_isp_id_id_key UNIQUE (isp_id, id);

-- Staff rows that already point at another ISP's branch (the one route that accepted such
-- an id) lose that branch, or the key below could not be added. A branch manager's scope
-- was the subtree of a branch their ISP cannot see, i.e. nothing; a branch manager must have
-- a branch (users_check), so such a row becomes a disabled support agent: no sign-in until an
-- admin of its ISP decides what it should be. The audit trail records the repair.
WITH repaired AS (
  UPDATE users u SET branch_id = NULL, updated_at = now(),
    role = CASE WHEN u.role = 'branch_manager' THEN 'support_agent' ELSE u.role END,
    status = CASE WHEN u.role = 'branch_manager' THEN 'disabled' ELSE u.status END
  FROM users old
  WHERE old.id = u.id AND u.branch_id IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM branches b WHERE b.id = u.branch_id AND b.isp_id = u.isp_id)
  RETURNING u.id, u.isp_id, old.branch_id AS old_branch_id, old.role AS old_role, old.status AS old_status, u.role, u.status)
INSERT INTO audit_log (isp_id, actor_kind, action, entity_type, entity_id, before, after)
SELECT isp_id, 'system', 'user.updated', 'user', id::text,
  jsonb_build_object('branch_id', old_branch_id, 'role', old_role, 'status', old_status),
  jsonb_build_object('branch_id', NULL, 'role', role, 'status', status)
FROM repaired;

ALTER TABLE billing_charges
  DROP CONSTRAINT billing_charges_branch_id_fkey,
  ADD CONSTRAINT billing_charges_branch_id_fkey FOREIGN KEY (isp_id, branch_id) REFERENCES branches (isp_id, id) ON DELETE RESTRICT,
  DROP CONSTRAINT billing_charges_invoice_id_fkey,
  ADD CONSTRAINT billing_charges_invoice_id_fkey FOREIGN KEY (isp_id, invoice_id) REFERENCES invoices (isp_id, id) ON DELETE SET NULL (invoice_id),
  DROP CONSTRAINT billing_charges_subscriber_id_fkey,
  ADD CONSTRAINT billing_charges_subscriber_id_fkey FOREIGN KEY (isp_id, subscriber_id) REFERENCES subscribers (isp_id, id) ON DELETE CASCADE,
  DROP CONSTRAINT billing_charges_subscription_id_fkey,
  ADD CONSTRAINT billing_charges_subscription_id_fkey FOREIGN KEY (isp_id, subscription_id) REFERENCES subscriptions (isp_id, id) ON DELETE SET NULL (subscription_id);
ALTER TABLE billing_profiles
  DROP CONSTRAINT billing_profiles_branch_id_fkey,
  ADD CONSTRAINT billing_profiles_branch_id_fkey FOREIGN KEY (isp_id, branch_id) REFERENCES branches (isp_id, id) ON DELETE RESTRICT,
  DROP CONSTRAINT billing_profiles_subscriber_id_fkey,
  ADD CONSTRAINT billing_profiles_subscriber_id_fkey FOREIGN KEY (isp_id, subscriber_id) REFERENCES subscribers (isp_id, id) ON DELETE CASCADE;
ALTER TABLE branches
  DROP CONSTRAINT branches_parent_branch_id_fkey,
  ADD CONSTRAINT branches_parent_branch_id_fkey FOREIGN KEY (isp_id, parent_branch_id) REFERENCES branches (isp_id, id) ON DELETE RESTRICT;
ALTER TABLE coa_requests
  DROP CONSTRAINT coa_requests_session_id_fkey,
  ADD CONSTRAINT coa_requests_session_id_fkey FOREIGN KEY (isp_id, session_id) REFERENCES radius_sessions (isp_id, id) ON DELETE SET NULL (session_id) NOT VALID;
ALTER TABLE coupon_redemptions
  DROP CONSTRAINT coupon_redemptions_branch_id_fkey,
  ADD CONSTRAINT coupon_redemptions_branch_id_fkey FOREIGN KEY (isp_id, branch_id) REFERENCES branches (isp_id, id) ON DELETE RESTRICT,
  DROP CONSTRAINT coupon_redemptions_coupon_id_fkey,
  ADD CONSTRAINT coupon_redemptions_coupon_id_fkey FOREIGN KEY (isp_id, coupon_id) REFERENCES coupons (isp_id, id) ON DELETE RESTRICT,
  DROP CONSTRAINT coupon_redemptions_last_invoice_id_fkey,
  ADD CONSTRAINT coupon_redemptions_last_invoice_id_fkey FOREIGN KEY (isp_id, last_invoice_id) REFERENCES invoices (isp_id, id) ON DELETE SET NULL (last_invoice_id),
  DROP CONSTRAINT coupon_redemptions_subscriber_id_fkey,
  ADD CONSTRAINT coupon_redemptions_subscriber_id_fkey FOREIGN KEY (isp_id, subscriber_id) REFERENCES subscribers (isp_id, id) ON DELETE CASCADE,
  DROP CONSTRAINT coupon_redemptions_subscription_id_fkey,
  ADD CONSTRAINT coupon_redemptions_subscription_id_fkey FOREIGN KEY (isp_id, subscription_id) REFERENCES subscriptions (isp_id, id) ON DELETE CASCADE;
ALTER TABLE deposits
  DROP CONSTRAINT deposits_branch_id_fkey,
  ADD CONSTRAINT deposits_branch_id_fkey FOREIGN KEY (isp_id, branch_id) REFERENCES branches (isp_id, id) ON DELETE RESTRICT,
  DROP CONSTRAINT deposits_subscriber_id_fkey,
  ADD CONSTRAINT deposits_subscriber_id_fkey FOREIGN KEY (isp_id, subscriber_id) REFERENCES subscribers (isp_id, id) ON DELETE RESTRICT;
ALTER TABLE dunning_actions
  DROP CONSTRAINT dunning_actions_branch_id_fkey,
  ADD CONSTRAINT dunning_actions_branch_id_fkey FOREIGN KEY (isp_id, branch_id) REFERENCES branches (isp_id, id) ON DELETE RESTRICT,
  DROP CONSTRAINT dunning_actions_invoice_id_fkey,
  ADD CONSTRAINT dunning_actions_invoice_id_fkey FOREIGN KEY (isp_id, invoice_id) REFERENCES invoices (isp_id, id) ON DELETE CASCADE,
  DROP CONSTRAINT dunning_actions_subscriber_id_fkey,
  ADD CONSTRAINT dunning_actions_subscriber_id_fkey FOREIGN KEY (isp_id, subscriber_id) REFERENCES subscribers (isp_id, id) ON DELETE CASCADE;
ALTER TABLE gateway_events
  DROP CONSTRAINT gateway_events_payment_id_fkey,
  ADD CONSTRAINT gateway_events_payment_id_fkey FOREIGN KEY (isp_id, payment_id) REFERENCES payments (isp_id, id) ON DELETE SET NULL (payment_id);
ALTER TABLE invoice_lines
  DROP CONSTRAINT invoice_lines_invoice_id_fkey,
  ADD CONSTRAINT invoice_lines_invoice_id_fkey FOREIGN KEY (isp_id, invoice_id) REFERENCES invoices (isp_id, id) ON DELETE CASCADE;
ALTER TABLE invoice_taxes
  DROP CONSTRAINT invoice_taxes_invoice_id_fkey,
  ADD CONSTRAINT invoice_taxes_invoice_id_fkey FOREIGN KEY (isp_id, invoice_id) REFERENCES invoices (isp_id, id) ON DELETE CASCADE,
  DROP CONSTRAINT invoice_taxes_line_id_fkey,
  ADD CONSTRAINT invoice_taxes_line_id_fkey FOREIGN KEY (isp_id, line_id) REFERENCES invoice_lines (isp_id, id) ON DELETE CASCADE,
  DROP CONSTRAINT invoice_taxes_tax_rule_id_fkey,
  ADD CONSTRAINT invoice_taxes_tax_rule_id_fkey FOREIGN KEY (isp_id, tax_rule_id) REFERENCES tax_rules (isp_id, id) ON DELETE SET NULL (tax_rule_id);
ALTER TABLE invoices
  DROP CONSTRAINT invoices_branch_id_fkey,
  ADD CONSTRAINT invoices_branch_id_fkey FOREIGN KEY (isp_id, branch_id) REFERENCES branches (isp_id, id) ON DELETE RESTRICT,
  DROP CONSTRAINT invoices_credit_note_of_fkey,
  ADD CONSTRAINT invoices_credit_note_of_fkey FOREIGN KEY (isp_id, credit_note_of) REFERENCES invoices (isp_id, id) ON DELETE RESTRICT,
  DROP CONSTRAINT invoices_subscriber_id_fkey,
  ADD CONSTRAINT invoices_subscriber_id_fkey FOREIGN KEY (isp_id, subscriber_id) REFERENCES subscribers (isp_id, id) ON DELETE RESTRICT,
  DROP CONSTRAINT invoices_subscription_id_fkey,
  ADD CONSTRAINT invoices_subscription_id_fkey FOREIGN KEY (isp_id, subscription_id) REFERENCES subscriptions (isp_id, id) ON DELETE SET NULL (subscription_id);
ALTER TABLE ip_leases
  DROP CONSTRAINT ip_leases_pool_id_fkey,
  ADD CONSTRAINT ip_leases_pool_id_fkey FOREIGN KEY (isp_id, pool_id) REFERENCES ip_pools (isp_id, id) ON DELETE CASCADE;
ALTER TABLE noc_alert_rules
  DROP CONSTRAINT noc_alert_rules_device_id_fkey,
  ADD CONSTRAINT noc_alert_rules_device_id_fkey FOREIGN KEY (isp_id, device_id) REFERENCES noc_devices (isp_id, id) ON DELETE CASCADE;
ALTER TABLE noc_alerts
  DROP CONSTRAINT noc_alerts_branch_id_fkey,
  ADD CONSTRAINT noc_alerts_branch_id_fkey FOREIGN KEY (isp_id, branch_id) REFERENCES branches (isp_id, id) ON DELETE SET NULL (branch_id),
  DROP CONSTRAINT noc_alerts_device_id_fkey,
  ADD CONSTRAINT noc_alerts_device_id_fkey FOREIGN KEY (isp_id, device_id) REFERENCES noc_devices (isp_id, id) ON DELETE CASCADE,
  DROP CONSTRAINT noc_alerts_incident_id_fkey,
  ADD CONSTRAINT noc_alerts_incident_id_fkey FOREIGN KEY (isp_id, incident_id) REFERENCES noc_incidents (isp_id, id) ON DELETE SET NULL (incident_id),
  DROP CONSTRAINT noc_alerts_interface_id_fkey,
  ADD CONSTRAINT noc_alerts_interface_id_fkey FOREIGN KEY (isp_id, interface_id) REFERENCES noc_interfaces (isp_id, id) ON DELETE CASCADE,
  DROP CONSTRAINT noc_alerts_rule_id_fkey,
  ADD CONSTRAINT noc_alerts_rule_id_fkey FOREIGN KEY (isp_id, rule_id) REFERENCES noc_alert_rules (isp_id, id) ON DELETE SET NULL (rule_id);
ALTER TABLE noc_device_status_log
  DROP CONSTRAINT noc_device_status_log_branch_id_fkey,
  ADD CONSTRAINT noc_device_status_log_branch_id_fkey FOREIGN KEY (isp_id, branch_id) REFERENCES branches (isp_id, id) ON DELETE SET NULL (branch_id) NOT VALID,
  DROP CONSTRAINT noc_device_status_log_device_id_fkey,
  ADD CONSTRAINT noc_device_status_log_device_id_fkey FOREIGN KEY (isp_id, device_id) REFERENCES noc_devices (isp_id, id) ON DELETE CASCADE NOT VALID;
ALTER TABLE noc_devices
  DROP CONSTRAINT noc_devices_branch_id_fkey,
  ADD CONSTRAINT noc_devices_branch_id_fkey FOREIGN KEY (isp_id, branch_id) REFERENCES branches (isp_id, id) ON DELETE SET NULL (branch_id),
  DROP CONSTRAINT noc_devices_nas_id_fkey,
  ADD CONSTRAINT noc_devices_nas_id_fkey FOREIGN KEY (isp_id, nas_id) REFERENCES nas_devices (isp_id, id) ON DELETE SET NULL (nas_id),
  DROP CONSTRAINT noc_devices_parent_id_fkey,
  ADD CONSTRAINT noc_devices_parent_id_fkey FOREIGN KEY (isp_id, parent_id) REFERENCES noc_devices (isp_id, id) ON DELETE SET NULL (parent_id);
ALTER TABLE noc_incident_events
  DROP CONSTRAINT noc_incident_events_incident_id_fkey,
  ADD CONSTRAINT noc_incident_events_incident_id_fkey FOREIGN KEY (isp_id, incident_id) REFERENCES noc_incidents (isp_id, id) ON DELETE CASCADE;
ALTER TABLE noc_incidents
  DROP CONSTRAINT noc_incidents_assignee_id_fkey,
  ADD CONSTRAINT noc_incidents_assignee_id_fkey FOREIGN KEY (isp_id, assignee_id) REFERENCES users (isp_id, id) ON DELETE SET NULL (assignee_id),
  DROP CONSTRAINT noc_incidents_branch_id_fkey,
  ADD CONSTRAINT noc_incidents_branch_id_fkey FOREIGN KEY (isp_id, branch_id) REFERENCES branches (isp_id, id) ON DELETE SET NULL (branch_id),
  DROP CONSTRAINT noc_incidents_root_device_id_fkey,
  ADD CONSTRAINT noc_incidents_root_device_id_fkey FOREIGN KEY (isp_id, root_device_id) REFERENCES noc_devices (isp_id, id) ON DELETE SET NULL (root_device_id);
ALTER TABLE noc_interfaces
  DROP CONSTRAINT noc_interfaces_device_id_fkey,
  ADD CONSTRAINT noc_interfaces_device_id_fkey FOREIGN KEY (isp_id, device_id) REFERENCES noc_devices (isp_id, id) ON DELETE CASCADE;
ALTER TABLE noc_lldp_neighbours
  DROP CONSTRAINT noc_lldp_neighbours_device_id_fkey,
  ADD CONSTRAINT noc_lldp_neighbours_device_id_fkey FOREIGN KEY (isp_id, device_id) REFERENCES noc_devices (isp_id, id) ON DELETE CASCADE,
  DROP CONSTRAINT noc_lldp_neighbours_remote_device_id_fkey,
  ADD CONSTRAINT noc_lldp_neighbours_remote_device_id_fkey FOREIGN KEY (isp_id, remote_device_id) REFERENCES noc_devices (isp_id, id) ON DELETE SET NULL (remote_device_id);
ALTER TABLE noc_log_messages
  DROP CONSTRAINT noc_log_messages_branch_id_fkey,
  ADD CONSTRAINT noc_log_messages_branch_id_fkey FOREIGN KEY (isp_id, branch_id) REFERENCES branches (isp_id, id) ON DELETE SET NULL (branch_id) NOT VALID,
  DROP CONSTRAINT noc_log_messages_device_id_fkey,
  ADD CONSTRAINT noc_log_messages_device_id_fkey FOREIGN KEY (isp_id, device_id) REFERENCES noc_devices (isp_id, id) ON DELETE SET NULL (device_id) NOT VALID;
ALTER TABLE noc_maintenance_windows
  DROP CONSTRAINT noc_maintenance_windows_device_id_fkey,
  ADD CONSTRAINT noc_maintenance_windows_device_id_fkey FOREIGN KEY (isp_id, device_id) REFERENCES noc_devices (isp_id, id) ON DELETE CASCADE;
ALTER TABLE noc_metrics_1h
  DROP CONSTRAINT noc_metrics_1h_device_id_fkey,
  ADD CONSTRAINT noc_metrics_1h_device_id_fkey FOREIGN KEY (isp_id, device_id) REFERENCES noc_devices (isp_id, id) ON DELETE CASCADE NOT VALID,
  DROP CONSTRAINT noc_metrics_1h_interface_id_fkey,
  ADD CONSTRAINT noc_metrics_1h_interface_id_fkey FOREIGN KEY (isp_id, interface_id) REFERENCES noc_interfaces (isp_id, id) ON DELETE CASCADE NOT VALID;
ALTER TABLE noc_metrics_5m
  DROP CONSTRAINT noc_metrics_5m_device_id_fkey,
  ADD CONSTRAINT noc_metrics_5m_device_id_fkey FOREIGN KEY (isp_id, device_id) REFERENCES noc_devices (isp_id, id) ON DELETE CASCADE NOT VALID,
  DROP CONSTRAINT noc_metrics_5m_interface_id_fkey,
  ADD CONSTRAINT noc_metrics_5m_interface_id_fkey FOREIGN KEY (isp_id, interface_id) REFERENCES noc_interfaces (isp_id, id) ON DELETE CASCADE NOT VALID;
ALTER TABLE noc_metrics_raw
  DROP CONSTRAINT noc_metrics_raw_device_id_fkey,
  ADD CONSTRAINT noc_metrics_raw_device_id_fkey FOREIGN KEY (isp_id, device_id) REFERENCES noc_devices (isp_id, id) ON DELETE CASCADE NOT VALID,
  DROP CONSTRAINT noc_metrics_raw_interface_id_fkey,
  ADD CONSTRAINT noc_metrics_raw_interface_id_fkey FOREIGN KEY (isp_id, interface_id) REFERENCES noc_interfaces (isp_id, id) ON DELETE CASCADE NOT VALID;
ALTER TABLE noc_sla_definitions
  DROP CONSTRAINT noc_sla_definitions_subscriber_id_fkey,
  ADD CONSTRAINT noc_sla_definitions_subscriber_id_fkey FOREIGN KEY (isp_id, subscriber_id) REFERENCES subscribers (isp_id, id) ON DELETE CASCADE;
ALTER TABLE payment_allocations
  DROP CONSTRAINT payment_allocations_branch_id_fkey,
  ADD CONSTRAINT payment_allocations_branch_id_fkey FOREIGN KEY (isp_id, branch_id) REFERENCES branches (isp_id, id) ON DELETE RESTRICT,
  DROP CONSTRAINT payment_allocations_invoice_id_fkey,
  ADD CONSTRAINT payment_allocations_invoice_id_fkey FOREIGN KEY (isp_id, invoice_id) REFERENCES invoices (isp_id, id) ON DELETE RESTRICT,
  DROP CONSTRAINT payment_allocations_payment_id_fkey,
  ADD CONSTRAINT payment_allocations_payment_id_fkey FOREIGN KEY (isp_id, payment_id) REFERENCES payments (isp_id, id) ON DELETE CASCADE;
ALTER TABLE payments
  DROP CONSTRAINT payments_branch_id_fkey,
  ADD CONSTRAINT payments_branch_id_fkey FOREIGN KEY (isp_id, branch_id) REFERENCES branches (isp_id, id) ON DELETE RESTRICT,
  DROP CONSTRAINT payments_subscriber_id_fkey,
  ADD CONSTRAINT payments_subscriber_id_fkey FOREIGN KEY (isp_id, subscriber_id) REFERENCES subscribers (isp_id, id) ON DELETE RESTRICT;
ALTER TABLE platform_invoice_lines
  DROP CONSTRAINT platform_invoice_lines_invoice_id_fkey,
  ADD CONSTRAINT platform_invoice_lines_invoice_id_fkey FOREIGN KEY (isp_id, invoice_id) REFERENCES platform_invoices (isp_id, id) ON DELETE CASCADE;
ALTER TABLE platform_invoice_taxes
  DROP CONSTRAINT platform_invoice_taxes_invoice_id_fkey,
  ADD CONSTRAINT platform_invoice_taxes_invoice_id_fkey FOREIGN KEY (isp_id, invoice_id) REFERENCES platform_invoices (isp_id, id) ON DELETE CASCADE,
  DROP CONSTRAINT platform_invoice_taxes_line_id_fkey,
  ADD CONSTRAINT platform_invoice_taxes_line_id_fkey FOREIGN KEY (isp_id, line_id) REFERENCES platform_invoice_lines (isp_id, id) ON DELETE CASCADE;
ALTER TABLE platform_payments
  DROP CONSTRAINT platform_payments_invoice_id_fkey,
  ADD CONSTRAINT platform_payments_invoice_id_fkey FOREIGN KEY (isp_id, invoice_id) REFERENCES platform_invoices (isp_id, id) ON DELETE RESTRICT;
ALTER TABLE radius_sessions
  DROP CONSTRAINT radius_sessions_nas_id_fkey,
  ADD CONSTRAINT radius_sessions_nas_id_fkey FOREIGN KEY (isp_id, nas_id) REFERENCES nas_devices (isp_id, id) ON DELETE SET NULL (nas_id) NOT VALID,
  DROP CONSTRAINT radius_sessions_subscriber_id_fkey,
  ADD CONSTRAINT radius_sessions_subscriber_id_fkey FOREIGN KEY (isp_id, subscriber_id) REFERENCES subscribers (isp_id, id) ON DELETE SET NULL (subscriber_id) NOT VALID;
ALTER TABLE refunds
  DROP CONSTRAINT refunds_branch_id_fkey,
  ADD CONSTRAINT refunds_branch_id_fkey FOREIGN KEY (isp_id, branch_id) REFERENCES branches (isp_id, id) ON DELETE RESTRICT,
  DROP CONSTRAINT refunds_payment_id_fkey,
  ADD CONSTRAINT refunds_payment_id_fkey FOREIGN KEY (isp_id, payment_id) REFERENCES payments (isp_id, id) ON DELETE CASCADE;
ALTER TABLE subscribers
  DROP CONSTRAINT subscribers_branch_id_fkey,
  ADD CONSTRAINT subscribers_branch_id_fkey FOREIGN KEY (isp_id, branch_id) REFERENCES branches (isp_id, id) ON DELETE RESTRICT,
  DROP CONSTRAINT subscribers_plan_id_fkey,
  ADD CONSTRAINT subscribers_plan_id_fkey FOREIGN KEY (isp_id, plan_id) REFERENCES subscription_plans (isp_id, id) ON DELETE RESTRICT;
ALTER TABLE subscription_addons
  DROP CONSTRAINT subscription_addons_addon_id_fkey,
  ADD CONSTRAINT subscription_addons_addon_id_fkey FOREIGN KEY (isp_id, addon_id) REFERENCES billing_addons (isp_id, id) ON DELETE RESTRICT,
  DROP CONSTRAINT subscription_addons_branch_id_fkey,
  ADD CONSTRAINT subscription_addons_branch_id_fkey FOREIGN KEY (isp_id, branch_id) REFERENCES branches (isp_id, id) ON DELETE RESTRICT,
  DROP CONSTRAINT subscription_addons_invoice_id_fkey,
  ADD CONSTRAINT subscription_addons_invoice_id_fkey FOREIGN KEY (isp_id, invoice_id) REFERENCES invoices (isp_id, id) ON DELETE SET NULL (invoice_id),
  DROP CONSTRAINT subscription_addons_subscriber_id_fkey,
  ADD CONSTRAINT subscription_addons_subscriber_id_fkey FOREIGN KEY (isp_id, subscriber_id) REFERENCES subscribers (isp_id, id) ON DELETE CASCADE,
  DROP CONSTRAINT subscription_addons_subscription_id_fkey,
  ADD CONSTRAINT subscription_addons_subscription_id_fkey FOREIGN KEY (isp_id, subscription_id) REFERENCES subscriptions (isp_id, id) ON DELETE CASCADE;
ALTER TABLE subscription_plans
  DROP CONSTRAINT subscription_plans_ip_pool_id_fkey,
  ADD CONSTRAINT subscription_plans_ip_pool_id_fkey FOREIGN KEY (isp_id, ip_pool_id) REFERENCES ip_pools (isp_id, id) ON DELETE SET NULL (ip_pool_id);
ALTER TABLE subscriptions
  DROP CONSTRAINT subscriptions_branch_id_fkey,
  ADD CONSTRAINT subscriptions_branch_id_fkey FOREIGN KEY (isp_id, branch_id) REFERENCES branches (isp_id, id) ON DELETE RESTRICT,
  DROP CONSTRAINT subscriptions_plan_id_fkey,
  ADD CONSTRAINT subscriptions_plan_id_fkey FOREIGN KEY (isp_id, plan_id) REFERENCES subscription_plans (isp_id, id) ON DELETE RESTRICT,
  DROP CONSTRAINT subscriptions_subscriber_id_fkey,
  ADD CONSTRAINT subscriptions_subscriber_id_fkey FOREIGN KEY (isp_id, subscriber_id) REFERENCES subscribers (isp_id, id) ON DELETE CASCADE;
ALTER TABLE support_ticket_messages
  DROP CONSTRAINT support_ticket_messages_branch_id_fkey,
  ADD CONSTRAINT support_ticket_messages_branch_id_fkey FOREIGN KEY (isp_id, branch_id) REFERENCES branches (isp_id, id) ON DELETE RESTRICT,
  DROP CONSTRAINT support_ticket_messages_ticket_id_fkey,
  ADD CONSTRAINT support_ticket_messages_ticket_id_fkey FOREIGN KEY (isp_id, ticket_id) REFERENCES support_tickets (isp_id, id) ON DELETE CASCADE;
ALTER TABLE support_tickets
  DROP CONSTRAINT support_tickets_assignee_id_fkey,
  ADD CONSTRAINT support_tickets_assignee_id_fkey FOREIGN KEY (isp_id, assignee_id) REFERENCES users (isp_id, id) ON DELETE SET NULL (assignee_id),
  DROP CONSTRAINT support_tickets_branch_id_fkey,
  ADD CONSTRAINT support_tickets_branch_id_fkey FOREIGN KEY (isp_id, branch_id) REFERENCES branches (isp_id, id) ON DELETE RESTRICT,
  DROP CONSTRAINT support_tickets_subscriber_id_fkey,
  ADD CONSTRAINT support_tickets_subscriber_id_fkey FOREIGN KEY (isp_id, subscriber_id) REFERENCES subscribers (isp_id, id) ON DELETE RESTRICT;
ALTER TABLE usage_daily
  DROP CONSTRAINT usage_daily_subscriber_id_fkey,
  ADD CONSTRAINT usage_daily_subscriber_id_fkey FOREIGN KEY (isp_id, subscriber_id) REFERENCES subscribers (isp_id, id) ON DELETE CASCADE NOT VALID;
ALTER TABLE usage_hourly
  DROP CONSTRAINT usage_hourly_subscriber_id_fkey,
  ADD CONSTRAINT usage_hourly_subscriber_id_fkey FOREIGN KEY (isp_id, subscriber_id) REFERENCES subscribers (isp_id, id) ON DELETE CASCADE NOT VALID;
ALTER TABLE users
  DROP CONSTRAINT users_branch_id_fkey,
  ADD CONSTRAINT users_branch_id_fkey FOREIGN KEY (isp_id, branch_id) REFERENCES branches (isp_id, id) ON DELETE RESTRICT;
ALTER TABLE voucher_batches
  DROP CONSTRAINT voucher_batches_branch_id_fkey,
  ADD CONSTRAINT voucher_batches_branch_id_fkey FOREIGN KEY (isp_id, branch_id) REFERENCES branches (isp_id, id) ON DELETE RESTRICT,
  DROP CONSTRAINT voucher_batches_plan_id_fkey,
  ADD CONSTRAINT voucher_batches_plan_id_fkey FOREIGN KEY (isp_id, plan_id) REFERENCES subscription_plans (isp_id, id) ON DELETE RESTRICT;
ALTER TABLE voucher_cards
  DROP CONSTRAINT voucher_cards_batch_id_fkey,
  ADD CONSTRAINT voucher_cards_batch_id_fkey FOREIGN KEY (isp_id, batch_id) REFERENCES voucher_batches (isp_id, id) ON DELETE CASCADE,
  DROP CONSTRAINT voucher_cards_branch_id_fkey,
  ADD CONSTRAINT voucher_cards_branch_id_fkey FOREIGN KEY (isp_id, branch_id) REFERENCES branches (isp_id, id) ON DELETE RESTRICT,
  DROP CONSTRAINT voucher_cards_sold_branch_id_fkey,
  ADD CONSTRAINT voucher_cards_sold_branch_id_fkey FOREIGN KEY (isp_id, sold_branch_id) REFERENCES branches (isp_id, id) ON DELETE SET NULL (sold_branch_id),
  DROP CONSTRAINT voucher_cards_used_by_subscriber_id_fkey,
  ADD CONSTRAINT voucher_cards_used_by_subscriber_id_fkey FOREIGN KEY (isp_id, used_by_subscriber_id) REFERENCES subscribers (isp_id, id) ON DELETE SET NULL (used_by_subscriber_id);
ALTER TABLE wallet_entries
  DROP CONSTRAINT wallet_entries_branch_id_fkey,
  ADD CONSTRAINT wallet_entries_branch_id_fkey FOREIGN KEY (isp_id, branch_id) REFERENCES branches (isp_id, id) ON DELETE RESTRICT,
  DROP CONSTRAINT wallet_entries_invoice_id_fkey,
  ADD CONSTRAINT wallet_entries_invoice_id_fkey FOREIGN KEY (isp_id, invoice_id) REFERENCES invoices (isp_id, id) ON DELETE RESTRICT,
  DROP CONSTRAINT wallet_entries_payment_id_fkey,
  ADD CONSTRAINT wallet_entries_payment_id_fkey FOREIGN KEY (isp_id, payment_id) REFERENCES payments (isp_id, id) ON DELETE RESTRICT,
  DROP CONSTRAINT wallet_entries_subscriber_id_fkey,
  ADD CONSTRAINT wallet_entries_subscriber_id_fkey FOREIGN KEY (isp_id, subscriber_id) REFERENCES subscribers (isp_id, id) ON DELETE RESTRICT,
  DROP CONSTRAINT wallet_entries_voucher_card_id_fkey,
  ADD CONSTRAINT wallet_entries_voucher_card_id_fkey FOREIGN KEY (isp_id, voucher_card_id) REFERENCES voucher_cards (isp_id, id) ON DELETE RESTRICT;
