import type { AppContext } from '../../app/context.ts';
import { commonErrors, type Api } from '../../platform/http/api.ts';
import { requireActor } from '../../platform/http/authenticate.ts';
import { getPlatformSettings, platformSettingsDto, updatePlatformSettings, updatePlatformSettingsBody } from './platform-settings.service.ts';

export function registerPlatformSettingsRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/founder/system/settings', {
    schema: { tags: ['founder'], summary: "The platform owner's settings: the private ranges outbound requests to ISP-given URLs may reach", response: { 200: platformSettingsDto, ...commonErrors } },
  }, async (req) => {
    requireActor(req, 'platform:manage');
    return getPlatformSettings(ctx);
  });
  app.patch('/api/founder/system/settings', {
    schema: { tags: ['founder'], summary: 'Change the platform settings (audited)', body: updatePlatformSettingsBody, response: { 200: platformSettingsDto, ...commonErrors } },
  }, async (req) => updatePlatformSettings(ctx, requireActor(req, 'platform:manage'), req.body));
}
