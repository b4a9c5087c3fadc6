import { sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { platformScope, rows, withScope } from '../../platform/db/scope.ts';
import { hasAnyFounder, seedDemoData } from './demo-data.ts';

export type BenchSeedResult = { ispId: string; planId: string; created: number; total: number; ms: number };

/**
 * Load-test data, as ../shared/bench/setup-freeradius.sh gives FreeRADIUS: subscribers
 * user1..userN with passwords pass1..passN on a 10M/10M MikroTik plan, and the NAS
 * 127.0.0.1 with secret testing123. Idempotent: existing users are kept.
 * Uses the platform path with bulk inserts; it is a tool for benchmark databases.
 */
export async function benchSeed(ctx: AppContext, count: number, log: (s: string) => void = () => undefined): Promise<BenchSeedResult> {
  const started = performance.now();
  // On a fresh embedded database the demo comes first, so that `npm start` afterwards finds
  // its NAS 127.0.0.1 and the bench users beside the demo ISP's.
  if (ctx.config.env !== 'production' && !(await hasAnyFounder(ctx))) await seedDemoData(ctx);
  const { ispId, planId } = await withScope(ctx.db, platformScope, async (tx) => {
    const [nas] = await rows<{ isp_id: string }>(tx, sql`SELECT isp_id FROM nas_devices WHERE address = '127.0.0.1/32'`);
    let isp = nas?.isp_id;
    if (!isp) {
      const [created] = await rows<{ id: string }>(tx, sql`
        INSERT INTO isps (slug, display_name) VALUES ('bench-isp', 'Bench ISP')
        ON CONFLICT (slug) DO UPDATE SET display_name = excluded.display_name RETURNING id`);
      isp = created!.id;
      await tx.execute(sql`INSERT INTO nas_devices (isp_id, name, address, secret_enc, vendor)
        VALUES (${isp}, 'Bench NAS (localhost)', '127.0.0.1/32', ${ctx.secrets.seal('testing123')}, 'mikrotik')`);
    } else {
      await tx.execute(sql`UPDATE nas_devices SET secret_enc = ${ctx.secrets.seal('testing123')}, status = 'active' WHERE address = '127.0.0.1/32'`);
    }
    const [plan] = await rows<{ id: string }>(tx, sql`
      INSERT INTO subscription_plans (isp_id, name, download_kbps, upload_kbps, price_minor, currency, session_timeout_s, interim_interval_s, simultaneous_use)
      VALUES (${isp}, 'Bench 10M', 10240, 10240, 1000, 'USD', 86400, 300, 1)
      ON CONFLICT (isp_id, lower(name)) DO UPDATE SET download_kbps = 10240 RETURNING id`);
    return { ispId: isp, planId: plan!.id };
  });
  let created = 0;
  const chunk = 2000;
  for (let from = 1; from <= count; from += chunk) {
    const to = Math.min(count, from + chunk - 1);
    const values: SQL[] = [];
    for (let i = from; i <= to; i++) {
      values.push(sql`(${ispId}::uuid, ${planId}::uuid, ${`BENCH-${String(i).padStart(7, '0')}`}, 'User', ${String(i)}, ${`user${i}`},
        ${ctx.secrets.seal(`pass${i}`)}, now() - make_interval(secs => ${count - i}))`);
    }
    const inserted = await withScope(ctx.db, platformScope, (tx) =>
      rows<{ id: string }>(tx, sql`
        INSERT INTO subscribers (isp_id, plan_id, account_number, first_name, last_name, username, network_password_enc, created_at)
        VALUES ${sql.join(values, sql`, `)} ON CONFLICT DO NOTHING RETURNING id`));
    created += inserted.length;
    if (to % 20_000 === 0 || to === count) log(`  ${to}/${count} subscribers`);
  }
  await ctx.db.exec('ANALYZE subscribers');
  const [total] = await withScope(ctx.db, platformScope, (tx) => rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM subscribers WHERE isp_id = ${ispId}`));
  return { ispId, planId, created, total: total?.n ?? 0, ms: Math.round(performance.now() - started) };
}
