import type { ChangeImage } from '../../platform/events/domain-events.ts';

/** Nothing but the fact: who and when are in the audit row. */
type Bare = Record<string, never>;

/** The identity module's events: name → payload. */
declare module '../../platform/events/domain-events.ts' {
  interface DomainEvents {
    'founder.created': ChangeImage;
    'user.created': ChangeImage;
    'user.updated': ChangeImage;
    'user.deleted': ChangeImage;
    'api_key.created': ChangeImage;
    'api_key.revoked': ChangeImage;
    'auth.login': ChangeImage;
    'auth.mfa_setup_started': Bare;
    'auth.mfa_enabled': Bare;
    'auth.mfa_disabled': Bare;
    'auth.password_changed': ChangeImage;
    'auth.password_reset': ChangeImage;
  }
}
