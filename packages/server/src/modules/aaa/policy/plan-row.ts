import type { AaaPlan } from './policy.ts';
import type { CustomAttribute } from './custom-attributes.ts';
import { compileChecks, type CheckItem } from './check-items.ts';
import { parseLoginTime, type LoginTime } from './login-time.ts';

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export function loginTimeOf(v: unknown): LoginTime | 'invalid' | null {
  if (typeof v !== 'string' || v === '') return null;
  try {
    return parseLoginTime(v);
  } catch {
    return 'invalid';
  }
}

/** A subscription_plans row (as to_jsonb gives it) as the policy's plan, compiled once per load. */
export function toPlan(p: Record<string, unknown> & { id: string }): AaaPlan {
  return {
    id: p.id, downloadKbps: Number(p.download_kbps), uploadKbps: Number(p.upload_kbps),
    burstDownloadKbps: num(p.burst_download_kbps), burstUploadKbps: num(p.burst_upload_kbps),
    burstThresholdDownloadKbps: num(p.burst_threshold_download_kbps), burstThresholdUploadKbps: num(p.burst_threshold_upload_kbps),
    burstTimeS: num(p.burst_time_s), priority: num(p.priority), minDownloadKbps: num(p.min_download_kbps), minUploadKbps: num(p.min_upload_kbps),
    sessionTimeoutS: num(p.session_timeout_s), idleTimeoutS: num(p.idle_timeout_s), interimIntervalS: Number(p.interim_interval_s ?? 300),
    simultaneousUse: Number(p.simultaneous_use ?? 1), fupDailyBytes: num(p.fup_daily_bytes), fupMonthlyBytes: num(p.fup_monthly_bytes),
    fupDownloadKbps: num(p.fup_download_kbps), fupUploadKbps: num(p.fup_upload_kbps),
    framedPool: (p.framed_pool as string | null) ?? null, addressList: (p.address_list as string | null) ?? null,
    radiusReply: (p.radius_reply as CustomAttribute[] | null) ?? [],
    radiusCheck: compileChecks(p.radius_check as CheckItem[] | null),
    nightDownloadKbps: num(p.night_download_kbps), nightUploadKbps: num(p.night_upload_kbps),
    nightStart: (p.night_start as string | null) ?? null, nightEnd: (p.night_end as string | null) ?? null,
    ipPoolId: (p.ip_pool_id as string | null) ?? null,
    allowedNasGroup: (p.allowed_nas_group as string | null) ?? null,
    loginTime: loginTimeOf(p.login_time),
  };
}
