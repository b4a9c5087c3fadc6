import type { ForegroundGate } from '../platform/jobs/foreground-gate.ts';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../platform/context.ts';
import { installSecurityHeaders } from './security-headers.ts';
import type { Api } from '../platform/http/api.ts';
import { installProblemHandler } from '../platform/http/problem.ts';
import { installAuthentication } from '../platform/http/authenticate.ts';
import { installTenantContext } from '../platform/http/tenant-context.ts';
import { modules } from './modules.ts';

const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web');

/** The composition root: the only place that knows every module. */
export type BuildOptions = {
  /** Told of every request's start and end, so background work can step aside (serve.ts). */
  foreground?: ForegroundGate;
};

export async function buildApp(ctx: AppContext, opts: BuildOptions = {}): Promise<FastifyInstance> {
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
  const gate = opts.foreground;
  if (gate) {
    const counted = new WeakSet<object>();
    app.addHook('onRequest', async (req) => {
      counted.add(req);
      gate.enter();
    });
    const leave = async (req: object) => {
      if (counted.delete(req)) gate.leave();
    };
    app.addHook('onResponse', leave);
    app.addHook('onRequestAbort', leave);
  }
  installAuthentication(app, ctx);
  installTenantContext(app, ctx);

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
  for (const m of modules) {
    for (const register of m.routes ?? []) register(api, ctx);
    const unsubscribe = m.subscribe?.(ctx);
    if (unsubscribe) app.addHook('onClose', async () => unsubscribe());
  }

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
