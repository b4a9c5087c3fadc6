import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { commonErrors, type Api } from '../../platform/http/api.ts';
import { requireActor } from '../../platform/http/authenticate.ts';
import { createIspBody, ispDto } from '../tenancy/index.ts';
import { createFounder, listFounders } from './founders.service.ts';
import { createIsp } from './isp-onboarding.service.ts';

const tags = ['founder'];
const founderDto = z.object({ id: z.string(), email: z.string(), name: z.string(), status: z.string(), mfa_enabled: z.boolean(), created_at: z.string() });

/** The founder portal's accounts: platform users, and a new ISP with its first admin. */
export function registerFounderAccountRoutes(app: Api, ctx: AppContext): void {
  app.post('/api/founder/isp/create', {
    schema: { tags, summary: 'Create an ISP with its first admin', body: createIspBody, response: { 201: ispDto.extend({ admin_user_id: z.string() }), ...commonErrors } },
  }, async (req, reply) => reply.code(201).send(await createIsp(ctx, requireActor(req, 'platform:manage'), req.body)));

  app.get('/api/founder/founders', {
    schema: { tags, summary: 'Platform users', response: { 200: z.array(founderDto), ...commonErrors } },
  }, async (req) => {
    requireActor(req, 'platform:manage');
    return listFounders(ctx);
  });

  app.post('/api/founder/founders', {
    schema: {
      tags, summary: 'Add a platform user',
      body: z.strictObject({ email: z.email().max(254), name: z.string().min(1).max(120), password: z.string().min(1).max(256) }),
      response: { 201: founderDto, ...commonErrors },
    },
  }, async (req, reply) => reply.code(201).send(await createFounder(ctx, requireActor(req, 'platform:manage'), req.body)));
}
