import { z } from 'zod';
import { logoUrl } from './logo-url.ts';

const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a #rrggbb colour');
export const locales = ['en', 'es', 'fr', 'ar', 'hi'] as const;
const timezone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as Asia/Kolkata');
const currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD').refine((c) => {
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: c });
    return true;
  } catch {
    return false;
  }
}, 'unknown ISO 4217 currency');
const domain = z.string().max(253).regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i, 'must be a host name such as portal.example.net');

export const ispSettingsFields = {
  display_name: z.string().min(1).max(120),
  custom_domain: domain.nullable().optional(),
  logo_url: logoUrl.nullable().optional(),
  primary_color: color.optional(),
  secondary_color: color.optional(),
  default_locale: z.enum(locales).optional(),
  currency: currency.optional(),
  timezone: timezone.optional(),
  require_mfa: z.boolean().optional(),
  contact_email: z.email().max(254).nullable().optional(),
};

export const createIspBody = z.strictObject({
  slug: z.string().min(1).max(63).regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'lowercase letters, digits and hyphens; no hyphen at either end'),
  ...ispSettingsFields,
  saas_plan: z.enum(['starter', 'growth', 'enterprise']).optional(),
  admin: z.strictObject({ email: z.email().max(254), name: z.string().min(1).max(120), password: z.string().min(1).max(256) }),
});

export const updateIspBody = z.strictObject({
  ...Object.fromEntries(Object.entries(ispSettingsFields).map(([k, v]) => [k, v.optional()])) as {
    [K in keyof typeof ispSettingsFields]: z.ZodOptional<(typeof ispSettingsFields)[K]>;
  },
  saas_plan: z.enum(['starter', 'growth', 'enterprise']).optional().describe('Founders only. A legacy tier label, not used for billing: the plan an ISP is billed on is its SaaS assignment (PUT /api/founder/isp/{isp_id}/saas-assignment)'),
});

export const ispDto = z.object({
  id: z.string(), slug: z.string(), display_name: z.string(), custom_domain: z.string().nullable(), logo_url: z.string().nullable(),
  primary_color: z.string(), secondary_color: z.string(), default_locale: z.string(), currency: z.string(), timezone: z.string(),
  status: z.string(), saas_plan: z.string(), require_mfa: z.boolean(), contact_email: z.string().nullable(),
  portal_url: z.string(), created_at: z.string(), updated_at: z.string(),
});

export const ispListItem = ispDto.extend({
  subscribers_total: z.number().int(), subscribers_active: z.number().int(), branches: z.number().int(), staff: z.number().int(),
  billing_plan: z.string().nullable().describe('The platform plan the ISP is billed on (SaaS billing); null when none is assigned'),
  revenue_this_month: z.number().int().describe("Collected from its subscribers this calendar month (its time zone), minor units of its currency, net of refunds"),
  health_score: z.number().nullable().describe('NOC network health 0-100 (the NOC dashboard formula); null when no device has been polled'),
});

export type CreateIspInput = z.infer<typeof createIspBody>;
export type UpdateIspInput = z.infer<typeof updateIspBody>;
