import type { ChangeImage } from '../../platform/events/domain-events.ts';

/** The noc module's events: name → payload. */
declare module '../../platform/events/domain-events.ts' {
  interface DomainEvents {
    'noc_device.created': ChangeImage;
    'noc_device.updated': ChangeImage;
    'noc_device.deleted': ChangeImage;
    'noc_device.status_changed': ChangeImage;
    'noc_device.address_list_added': ChangeImage;
    'noc_alert_rule.created': ChangeImage;
    'noc_alert_rule.updated': ChangeImage;
    'noc_alert_rule.deleted': ChangeImage;
    'noc_alert.raised': ChangeImage;
    'noc_alert.cleared': ChangeImage;
    'noc_incident.opened': ChangeImage;
    'noc_incident.merged': ChangeImage;
    'noc_incident.escalated': ChangeImage;
    'noc_incident.acknowledged': ChangeImage;
    'noc_incident.assigned': ChangeImage;
    'noc_incident.commented': ChangeImage;
    'noc_incident.resolved': ChangeImage;
    'noc_escalation_policy.created': ChangeImage;
    'noc_escalation_policy.updated': ChangeImage;
    'noc_escalation_policy.deleted': ChangeImage;
    'noc_maintenance.created': ChangeImage;
    'noc_maintenance.deleted': ChangeImage;
    'noc_sla.created': ChangeImage;
    'noc_sla.updated': ChangeImage;
    'noc_sla.deleted': ChangeImage;
    'noc_sla.breached': ChangeImage;
    'noc_sla.recovered': ChangeImage;
  }
}
