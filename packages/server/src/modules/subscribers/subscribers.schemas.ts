import { z } from 'zod';
import { subscriberStatuses } from './schema.ts';
import { checkItemsSchema, customAttributesSchema } from '../aaa/index.ts';

const username = z.string().min(1).max(64).regex(/^[A-Za-z0-9._@+-]+$/, 'letters, digits and . _ @ + -');
const fields = {
  first_name: z.string().min(1).max(80),
  last_name: z.string().min(1).max(80),
  email: z.email().max(254).nullable().optional(),
  phone: z.string().max(40).regex(/^[0-9+() .-]*$/, 'digits, spaces and + ( ) . -').nullable().optional(),
  address: z.string().max(500).nullable().optional(),
  city: z.string().max(120).nullable().optional(),
  latitude: z.number().min(-90).max(90).nullable().optional(),
  longitude: z.number().min(-180).max(180).nullable().optional(),
  branch_id: z.uuid().nullable().optional(),
  plan_id: z.uuid().nullable().optional(),
  locale: z.enum(['en', 'es', 'fr', 'ar', 'hi']).nullable().optional(),
  mac_address: z.string().regex(/^([0-9A-Fa-f]{2}[:-]?){5}[0-9A-Fa-f]{2}$/, 'a MAC address such as AA:BB:CC:DD:EE:FF').nullable().optional()
    .describe('Binds network logins to this Calling-Station-Id'),
  static_ip: z.union([z.ipv4(), z.ipv6()]).nullable().optional().describe('Sent as Framed-IP-Address'),
  expires_at: z.iso.datetime({ offset: true }).nullable().optional().describe('Service valid until (prepaid)'),
  radius_reply: customAttributesSchema.optional(),
  radius_check: checkItemsSchema.optional(),
};

export const createSubscriberBody = z.strictObject({
  ...fields,
  username,
  password: z.string().min(4).max(128).describe('Network (PPPoE/hotspot) password'),
  portal_password: z.string().min(8).max(256).optional().describe('Self-service portal password (needs an e-mail)'),
  status: z.enum(['active', 'suspended']).default('active'),
  account_number: z.string().min(1).max(32).regex(/^[A-Za-z0-9-]+$/).optional().describe('Generated when omitted'),
});

export const updateSubscriberBody = z.strictObject({
  first_name: fields.first_name.optional(),
  last_name: fields.last_name.optional(),
  email: fields.email,
  phone: fields.phone,
  address: fields.address,
  city: fields.city,
  latitude: fields.latitude,
  longitude: fields.longitude,
  branch_id: fields.branch_id,
  plan_id: fields.plan_id,
  locale: fields.locale,
  mac_address: fields.mac_address,
  static_ip: fields.static_ip,
  expires_at: fields.expires_at,
  radius_reply: fields.radius_reply,
  radius_check: fields.radius_check,
  username: username.optional(),
  password: z.string().min(4).max(128).optional(),
  portal_password: z.string().min(8).max(256).optional(),
  status: z.enum(subscriberStatuses).optional(),
});

export const subscriberDto = z.object({
  id: z.string(), isp_id: z.string(), account_number: z.string(), first_name: z.string(), last_name: z.string(),
  email: z.string().nullable(), phone: z.string().nullable(), address: z.string().nullable(), city: z.string().nullable(),
  latitude: z.number().nullable(), longitude: z.number().nullable(), username: z.string(), status: z.string(),
  branch_id: z.string().nullable(), plan_id: z.string().nullable(), plan_name: z.string().nullable().optional(),
  branch_name: z.string().nullable().optional(), locale: z.string().nullable(), has_portal_access: z.boolean(),
  mac_address: z.string().nullable(), static_ip: z.string().nullable(), expires_at: z.string().nullable(),
  radius_reply: z.array(z.object({ attribute: z.string(), value: z.string(), op: z.string() })),
  radius_check: z.array(z.object({ attribute: z.string(), value: z.string(), op: z.string() })),
  created_at: z.string(), activated_at: z.string().nullable(), updated_at: z.string(),
});

export const subscriberSortFields = ['created_at', 'last_name', 'account_number', 'username', 'status'] as const;

export type CreateSubscriberInput = z.infer<typeof createSubscriberBody>;
export type UpdateSubscriberInput = z.infer<typeof updateSubscriberBody>;
export type SubscriberDto = z.infer<typeof subscriberDto>;
