import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import { commonErrors, problemSchema, type Api } from '../../../platform/http/api.ts';
import { testLogin } from './test-login.service.ts';

const check = z.object({ check: z.string(), ok: z.boolean(), detail: z.string() });
// PostgreSQL text cannot hold U+0000: refused here, with a pointer, rather than by the database.
const noNul = (s: string) => !s.includes('\0');

/** "Test login" (test-login.service.ts): a password oracle, so its own permission, a throttle and an audit row per attempt. */
export function registerTestLoginRoutes(app: Api, ctx: AppContext): void {
  app.post('/api/isp/:isp_id/aaa/test-login', {
    config: { permission: 'aaa:test_login' },
    schema: {
      tags: ['aaa'],
      summary: 'Run the authorisation for a username and password and show each check (permission aaa:test_login; throttled per caller and per username; audited)',
      params: z.object({ isp_id: z.uuid() }),
      body: z.strictObject({
        username: z.string().min(1).max(64).refine(noNul, 'must not contain a NUL character'),
        password: z.string().min(1).max(128),
        nas_id: z.uuid().optional().describe('Decide as this NAS would see it (vendor attributes); default: the first NAS'),
        calling_station_id: z.string().max(64).refine(noNul, 'must not contain a NUL character').optional(),
        called_station_id: z.string().max(64).refine(noNul, 'must not contain a NUL character').optional()
          .describe('For check items on the SSID or service (e.g. hotspot-lobby)'),
      }),
      response: {
        200: z.object({ result: z.enum(['accept', 'reject']), reason: z.string(), checks: z.array(check), reply: z.array(z.object({ name: z.string(), value: z.string() })) }),
        ...commonErrors,
        429: problemSchema,
      },
    },
  }, async (req) => {
    return testLogin(ctx, req.tenant, req.body);
  });
}
