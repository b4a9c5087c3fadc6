import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from './context.ts';
import { installSecurityHeaders } from './security-headers.ts';
import type { Api } from '../platform/http/api.ts';
import { installProblemHandler } from '../platform/http/problem.ts';
import { installAuthentication } from '../platform/http/authenticate.ts';
import { registerAuthRoutes } from '../modules/identity/auth.routes.ts';
import { registerStaffRoutes } from '../modules/identity/staff.routes.ts';
import { registerApiKeyRoutes } from '../modules/identity/api-keys.routes.ts';
import { registerFounderRoutes } from '../modules/tenancy/founder.routes.ts';
import { registerIspRoutes } from '../modules/tenancy/isp.routes.ts';
import { registerPlanRoutes } from '../modules/catalog/plans.routes.ts';
import { registerSubscriberRoutes } from '../modules/subscribers/subscribers.routes.ts';
import { registerSelfServiceRoutes } from '../modules/subscribers/self-service.routes.ts';
import { registerAuditRoutes } from '../modules/reporting/audit.routes.ts';
import { registerSystemRoutes } from '../modules/system/system.routes.ts';
import { registerMonitoringRoutes } from '../modules/system/monitoring.routes.ts';
import { registerPlatformSettingsRoutes } from '../modules/system/platform-settings.routes.ts';
import { registerNasRoutes } from '../modules/aaa/nas.routes.ts';
import { registerSessionRoutes } from '../modules/aaa/sessions.routes.ts';
import { registerCoaRoutes } from '../modules/aaa/coa.routes.ts';
import { registerTestLoginRoutes } from '../modules/aaa/test-login.routes.ts';
import { registerLiveRoutes } from '../modules/aaa/live.routes.ts';
import { registerIpPoolRoutes } from '../modules/aaa/ip-pools.routes.ts';
import { registerIspSubscriptionRoutes } from '../modules/platform-billing/isp-subscription.routes.ts';
import { registerPlatformBillingRoutes } from '../modules/platform-billing/platform-billing.routes.ts';
import { registerVoucherRoutes } from '../modules/vouchers/vouchers.routes.ts';
import { registerNocDeviceRoutes } from '../modules/noc/devices.routes.ts';
import { registerRouterOsRoutes } from '../modules/noc/routeros.routes.ts';
import { registerNocAlertRoutes } from '../modules/noc/alerts/alerts.routes.ts';
import { registerNocLogRoutes } from '../modules/noc/logs/logs.routes.ts';
import { registerNocSlaRoutes } from '../modules/noc/sla/sla.routes.ts';
import { registerNocLldpRoutes } from '../modules/noc/lldp/lldp.routes.ts';
import { registerPaymentRoutes } from '../modules/billing/payments/payments.routes.ts';
import { registerGatewayRoutes } from '../modules/billing/payments/gateways.routes.ts';
import { registerInvoiceRoutes } from '../modules/billing/invoices.routes.ts';
import { registerBillingConfigRoutes } from '../modules/billing/billing-config.routes.ts';
import { registerSubscriptionRoutes } from '../modules/billing/subscriptions.routes.ts';
import { registerBillingRunRoutes } from '../modules/billing/billing-runs.routes.ts';
import { registerPaymentApiRoutes } from '../modules/billing/payment-api.routes.ts';
import { registerDunningRoutes } from '../modules/billing/payments/dunning.routes.ts';
import { registerSupportRoutes } from '../modules/support/tickets.routes.ts';
import { registerSelfPlanChangeRoutes } from '../modules/billing/self-plan-change.routes.ts';
import { registerAddonRoutes } from '../modules/billing/addons/addons.routes.ts';

const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web');

/** The composition root: the only place that knows every module. */
export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    bodyLimit: 1024 * 1024,
    trustProxy: process.env.TRUST_PROXY === 'true',
    ajv: { customOptions: { removeAdditional: false } },
    // Per-request lines only when debugging: metrics count requests, the audit log records changes.
    logController: new LogController({ disableRequestLogging: ctx.config.logLevel !== 'debug' && ctx.config.logLevel !== 'trace' }),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installProblemHandler(app);
  installAuthentication(app, ctx);

  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    ctx.metrics.httpRequests.inc({ method: req.method, route, status: String(reply.statusCode) });
    ctx.metrics.httpDuration.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });
  await installSecurityHeaders(app);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'AstraNetix API', version: '0.1.0', description: 'ISP operating system: tenancy, identity, subscribers, plans. Errors are RFC 9457 problem+json.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Access token from /api/auth/login, or an API key anx_…' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  const api = app.withTypeProvider<ZodTypeProvider>() as unknown as Api;
  registerSystemRoutes(api, ctx);
  registerMonitoringRoutes(api, ctx);
  registerPlatformSettingsRoutes(api, ctx);
  registerAuthRoutes(api, ctx);
  registerFounderRoutes(api, ctx);
  registerIspRoutes(api, ctx);
  registerStaffRoutes(api, ctx);
  registerApiKeyRoutes(api, ctx);
  registerPlanRoutes(api, ctx);
  registerSubscriberRoutes(api, ctx);
  registerSelfServiceRoutes(api, ctx);
  registerAuditRoutes(api, ctx);
  registerNasRoutes(api, ctx);
  registerSessionRoutes(api, ctx);
  registerCoaRoutes(api, ctx);
  registerTestLoginRoutes(api, ctx);
  registerLiveRoutes(api, ctx);
  registerIpPoolRoutes(api, ctx);
  registerVoucherRoutes(api, ctx);
  registerNocDeviceRoutes(api, ctx);
  registerRouterOsRoutes(api, ctx);
  registerNocAlertRoutes(api, ctx);
  registerNocLogRoutes(api, ctx);
  registerNocSlaRoutes(api, ctx);
  registerNocLldpRoutes(api, ctx);
  registerPaymentRoutes(api, ctx);
  registerGatewayRoutes(api, ctx);
  registerInvoiceRoutes(api, ctx);
  registerBillingConfigRoutes(api, ctx);
  registerSubscriptionRoutes(api, ctx);
  registerBillingRunRoutes(api, ctx);
  registerPaymentApiRoutes(api, ctx);
  registerDunningRoutes(api, ctx);
  registerSupportRoutes(api, ctx);
  registerSelfPlanChangeRoutes(api, ctx);
  registerAddonRoutes(api, ctx);
  registerPlatformBillingRoutes(api, ctx);
  registerIspSubscriptionRoutes(api, ctx);

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) =>
    reply.type(ctx.metrics.registry.contentType).send(await ctx.metrics.registry.metrics()));

  // The web app: its build when present, else the shell in public/.
  const dist = path.join(webRoot, 'dist');
  const root = existsSync(path.join(dist, 'index.html')) ? dist : path.join(webRoot, 'public');
  await app.register(fastifyStatic, { root, prefix: '/', wildcard: false });
  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0] ?? '/';
    if (req.method === 'GET' && !url.startsWith('/api/') && !url.startsWith('/docs') && !path.extname(url))
      return reply.type('text/html').sendFile('index.html');
    return reply.code(404).type('application/problem+json').send({ type: 'about:blank', title: 'Not Found', status: 404, detail: `No route ${req.method} ${url}`, instance: url });
  });
  return app;
}
