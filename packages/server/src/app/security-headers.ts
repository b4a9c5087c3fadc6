import type { FastifyInstance } from 'fastify';
import fastifyHelmet from '@fastify/helmet';

/**
 * Security headers on every response (helmet), with a Content-Security-Policy fitted to the web
 * app and the API docs:
 * - scripts only from this origin: the Vite build and Swagger UI load theirs as files, and no
 *   page has inline script or event-handler attributes;
 * - styles from this origin and inline: MUI's emotion writes <style> elements at run time and
 *   index.html carries the boot screen's styles (a nonce would need a per-request index.html);
 * - images from this origin, data: (small logos, Swagger's icons) and any https: host, for
 *   the ISPs' logos, which live on their own sites;
 * - API calls (and the live event stream) to this origin only;
 * - no page of this server may be framed (frame-ancestors 'none' and X-Frame-Options DENY).
 * HSTS is left to the TLS terminator in front of the server (see README): only it knows
 * whether and for which names HTTPS is served. No upgrade-insecure-requests either: a
 * default `npm start` serves plain HTTP on localhost.
 */
export async function installSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'https:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
  });
}
