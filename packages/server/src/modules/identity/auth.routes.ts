import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { commonErrors, type Api } from '../../platform/http/api.ts';
import { requireActor } from '../../platform/http/authenticate.ts';
import { HttpProblem } from '../../platform/http/errors.ts';
import { grantableRoles, permissions, permissionsOf, roles } from '../../platform/auth/permissions.ts';
import { login, logout, refresh } from './auth.service.ts';
import { beginMfaSetup, confirmMfaSetup, disableMfa } from './mfa.service.ts';
import { requestPasswordReset, resetPassword } from './password-reset.service.ts';
import { loadSubject } from './subject.ts';
import { registerFirstFounder } from './founders.service.ts';
import { changeOwnPassword } from './password-change.service.ts';

const tokenPair = z.object({
  access_token: z.string(),
  refresh_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int(),
  mfa_setup_required: z.boolean(),
});
const email = z.email().max(254);
const tags = ['auth'];

export function registerAuthRoutes(app: Api, ctx: AppContext): void {
  app.post('/api/auth/login', {
    schema: {
      tags, summary: 'Log in with e-mail and password (and a TOTP or recovery code when MFA is on)',
      body: z.strictObject({
        email,
        password: z.string().min(1).max(256),
        totp: z.string().min(6).max(20).optional().describe('TOTP code or a recovery code'),
        isp: z.string().max(63).optional().describe('ISP slug, for subscribers registered at several ISPs'),
      }),
      response: { 200: tokenPair, ...commonErrors, 429: commonErrors[400] },
    },
  }, async (req) => login(ctx, req.body, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null }));

  app.post('/api/auth/refresh', {
    schema: { tags, summary: 'Rotate a refresh token', body: z.strictObject({ refresh_token: z.string().min(10).max(200) }), response: { 200: tokenPair, ...commonErrors } },
  }, async (req) => refresh(ctx, req.body.refresh_token));

  app.post('/api/auth/logout', {
    schema: { tags, summary: 'Revoke a refresh token and its family', body: z.strictObject({ refresh_token: z.string().min(10).max(200) }), response: { 204: z.null(), ...commonErrors } },
  }, async (req, reply) => {
    await logout(ctx, req.body.refresh_token);
    return reply.code(204).send(null);
  });

  app.get('/api/auth/me', {
    schema: {
      tags, summary: 'The logged-in account',
      response: {
        200: z.object({
          kind: z.string(), id: z.string().nullable(), email: z.string().nullable(), name: z.string().nullable(), role: z.string(),
          isp_id: z.string().nullable(), isp_slug: z.string().nullable(), branch_id: z.string().nullable(),
          locale: z.string().nullable(), mfa_enabled: z.boolean(), mfa_setup_required: z.boolean(), scopes: z.array(z.string()).optional(),
          permissions: z.array(z.enum(permissions)).describe('What this account may do (an API key: its scopes); the web hides the rest'),
          grantable_roles: z.array(z.enum(roles)).describe('The staff roles this account may give to others'),
        }),
        ...commonErrors,
      },
    },
  }, async (req) => {
    const actor = requireActor(req);
    const subject = actor.kind !== 'api_key' && actor.kind !== 'system' && actor.id ? await loadSubject(ctx, actor.kind, actor.id) : null;
    if (actor.kind !== 'api_key' && !subject) throw new HttpProblem(401, 'Unauthorized', 'Account not found');
    return {
      kind: actor.kind, id: actor.id, email: actor.email, name: subject?.name ?? null, role: actor.role,
      isp_id: actor.ispId, isp_slug: subject?.isp_slug ?? null, branch_id: actor.branchId, locale: subject?.locale ?? null,
      mfa_enabled: subject?.mfa_enabled ?? false, mfa_setup_required: req.mfaSetupRequired,
      ...(actor.scopes ? { scopes: [...actor.scopes] } : {}),
      // The server's one permission matrix, so the web keeps no copy of it.
      permissions: actor.kind === 'api_key' ? [...(actor.scopes ?? [])] : permissionsOf(actor.role),
      grantable_roles: actor.kind === 'api_key' ? [] : grantableRoles(actor.role),
    };
  });

  app.post('/api/auth/register/founder', {
    schema: {
      tags, summary: 'First-run setup: create the first founder (refused once one exists)',
      body: z.strictObject({ email, name: z.string().min(1).max(120), password: z.string().min(8).max(256) }),
      response: { 201: z.object({ id: z.string(), email: z.string() }), ...commonErrors },
    },
  }, async (req, reply) => reply.code(201).send(await registerFirstFounder(ctx, req.body, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null })));

  app.post('/api/auth/mfa/setup', {
    schema: { tags, summary: 'Start TOTP enrolment', response: { 200: z.object({ secret: z.string(), otpauth_uri: z.string(), qr_code_data_url: z.string() }), ...commonErrors } },
  }, async (req) => beginMfaSetup(ctx, requireActor(req)));

  app.post('/api/auth/mfa/confirm', {
    schema: { tags, summary: 'Confirm TOTP enrolment; returns recovery codes once', body: z.strictObject({ code: z.string().regex(/^\d{6}$/) }), response: { 200: z.object({ recovery_codes: z.array(z.string()) }), ...commonErrors } },
  }, async (req) => confirmMfaSetup(ctx, requireActor(req), req.body.code));

  app.post('/api/auth/mfa/disable', {
    schema: { tags, summary: 'Turn MFA off (needs the password)', body: z.strictObject({ password: z.string().min(1).max(256) }), response: { 204: z.null(), ...commonErrors } },
  }, async (req, reply) => {
    await disableMfa(ctx, requireActor(req), req.body.password);
    return reply.code(204).send(null);
  });

  app.post('/api/auth/password/forgot', {
    schema: { tags, summary: 'Send a single-use reset link to the account e-mail', body: z.strictObject({ email, isp: z.string().max(63).optional() }), response: { 202: z.object({ status: z.literal('accepted') }), ...commonErrors } },
  }, async (req, reply) => {
    await requestPasswordReset(ctx, req.body.email, req.body.isp ?? null);
    return reply.code(202).send({ status: 'accepted' as const });
  });

  app.post('/api/auth/password/reset', {
    schema: { tags, summary: 'Set a new password with a reset token', body: z.strictObject({ token: z.string().min(20).max(200), password: z.string().min(1).max(256) }), response: { 204: z.null(), ...commonErrors } },
  }, async (req, reply) => {
    await resetPassword(ctx, req.body.token, req.body.password, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
    return reply.code(204).send(null);
  });

  app.post('/api/me/password', {
    schema: {
      tags, summary: 'Change the own password (current one required); other sessions are logged out, this one gets new tokens',
      body: z.strictObject({ current_password: z.string().min(1).max(256), new_password: z.string().min(1).max(256) }),
      response: { 200: tokenPair, ...commonErrors, 429: commonErrors[400] },
    },
  }, async (req) => changeOwnPassword(ctx, requireActor(req), req.body.current_password, req.body.new_password));
}
