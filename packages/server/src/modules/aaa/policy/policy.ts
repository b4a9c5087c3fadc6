import type { CustomAttribute } from './custom-attributes.ts';
import type { LoginTime } from './login-time.ts';
import type { CompiledCheck } from './check-items.ts';

/**
 * What the AAA engine knows about a subscriber and their plan: the in-memory form that an
 * Access-Request is decided on, without a database round trip.
 */
export type AaaPlan = {
  id: string;
  downloadKbps: number;
  uploadKbps: number;
  burstDownloadKbps: number | null;
  burstUploadKbps: number | null;
  burstThresholdDownloadKbps: number | null;
  burstThresholdUploadKbps: number | null;
  burstTimeS: number | null;
  priority: number | null;
  minDownloadKbps: number | null;
  minUploadKbps: number | null;
  sessionTimeoutS: number | null;
  idleTimeoutS: number | null;
  interimIntervalS: number;
  simultaneousUse: number;
  fupDailyBytes: number | null;
  fupMonthlyBytes: number | null;
  fupDownloadKbps: number | null;
  fupUploadKbps: number | null;
  framedPool: string | null;
  addressList: string | null;
  radiusReply: CustomAttribute[];
  /** Check items; `invalid` fails closed if a stored item can no longer be read. */
  radiusCheck: CompiledCheck[] | 'invalid';
  nightDownloadKbps: number | null;
  nightUploadKbps: number | null;
  /** 'HH:MM[:SS]' local time of the ISP. */
  nightStart: string | null;
  nightEnd: string | null;
  /** Server-side address pool (Framed-IP-Address); framedPool names a NAS-side pool instead. */
  ipPoolId: string | null;
  /** Only NAS devices of this group may log the plan in. */
  allowedNasGroup: string | null;
  /** When the plan may log in; `invalid` fails closed if the stored rule cannot be read. */
  loginTime: LoginTime | 'invalid' | null;
};

export type AaaSubscriber = {
  id: string;
  ispId: string;
  username: string;
  password: string;
  status: 'active' | 'suspended' | 'expired' | 'terminated';
  macAddress: string | null;
  staticIp: string | null;
  expiresAt: Date | null;
  plan: AaaPlan | null;
  expiredAction: 'reject' | 'walled_garden';
  walledGardenList: string;
  radiusReply: CustomAttribute[];
  radiusCheck: CompiledCheck[] | 'invalid';
  timezone: string;
};

export type AaaNas = {
  id: string;
  ispId: string;
  name: string;
  secret: string;
  vendor: 'mikrotik' | 'cisco' | 'juniper' | 'huawei' | 'chillispot' | 'ubiquiti' | 'other';
  coaPort: number;
  requireMessageAuthenticator: boolean;
  group: string | null;
};
