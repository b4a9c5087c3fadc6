import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { commonErrors, type Api } from '../../platform/http/api.ts';
import { requireActor } from '../../platform/http/authenticate.ts';
import { getOwnProfile, getOwnUsage, ownProfileBody, ownProfileDto, ownUsageDto, updateOwnProfile } from './self-service.service.ts';

const tags = ['self-service'];

/** The logged-in subscriber's own account: no id in the path, so there is nobody else's to name. */
export function registerSelfServiceRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/me/profile', {
    schema: { tags, summary: "The logged-in subscriber's profile", response: { 200: ownProfileDto, ...commonErrors } },
  }, async (req) => getOwnProfile(ctx, requireActor(req, 'self:read')));

  app.patch('/api/me/profile', {
    schema: { tags, summary: 'Change the own name, e-mail, phone, address and language (not plan or status)', body: ownProfileBody, response: { 200: ownProfileDto, ...commonErrors } },
  }, async (req) => updateOwnProfile(ctx, requireActor(req, 'self:manage'), req.body));

  app.get('/api/me/usage', {
    schema: {
      tags, summary: 'Own traffic per day and the quota left this day and month',
      querystring: z.strictObject({ days: z.coerce.number().int().min(1).max(366).default(30) }),
      response: { 200: ownUsageDto, ...commonErrors },
    },
  }, async (req) => getOwnUsage(ctx, requireActor(req, 'self:read'), req.query.days));
}
