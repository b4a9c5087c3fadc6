#!/usr/bin/env -S npx tsx
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './platform/config/config.ts';
import { closeContext, createContext, createLogger, openDatabase } from './app/create-context.ts';
import { migrate } from './platform/db/migrate.ts';
import { serve } from './app/serve.ts';
import { seedDemoData } from './app/seed/demo-data.ts';
import { createFounder } from './modules/identity/index.ts';
import { systemActor } from './platform/auth/actor.ts';
import { verifyAuditChain } from './platform/audit/verify-chain.ts';
import { seedHistoryUsage } from './app/seed/history/cli.ts';
import { forecastBacktestUsage } from './modules/intelligence/index.ts';

const usage = `astranetix <command>

  serve                 start the server (default)
  migrate               apply database migrations
  seed                  load the demo data into an empty database
  create-founder --email E --name N --password P
  audit-verify          check the audit log's hash chain
  openapi               print the OpenAPI document (for client generation)
  bench-seed --subscribers N   load user1..userN / pass1..passN and the NAS 127.0.0.1 (testing123)
  ${seedHistoryUsage}
                        write a demo platform's past (several ISPs, months of billing, payments,
                        RADIUS accounting, tickets and NOC samples) through the services
  ${forecastBacktestUsage}
                        the traffic forecaster's MASE against seasonal naive on held-back tails
                        (NAB's realTraffic and realAWSCloudwatch; --demo: the database's NOC traffic)
  churn-predict --train <csv> (--input <csv> --output <csv> | --cv <k>)
                        train the churn model on an IBM Telco file and score another, or
                        print its stratified k-fold ROC AUC and calibration
`;

async function main(): Promise<number> {
  const [command = 'serve', ...rest] = process.argv.slice(2);
  const config = loadConfig();
  const log = createLogger(config);
  switch (command) {
    case 'serve':
      await serve(config, log);
      return 0;
    case 'migrate': {
      const db = await openDatabase(config);
      const applied = await migrate(db);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date');
      await db.close();
      return 0;
    }
    case 'seed': {
      const ctx = await createContext(config, log);
      try {
        await seedDemoData(ctx);
        console.log('Demo data loaded');
      } finally {
        await closeContext(ctx);
      }
      return 0;
    }
    case 'create-founder': {
      const { values } = parseArgs({ args: rest, options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } } });
      if (!values.email || !values.name || !values.password) {
        console.error('create-founder needs --email, --name and --password');
        return 2;
      }
      const ctx = await createContext(config, log);
      try {
        const f = await createFounder(ctx, { ...systemActor, email: 'cli' }, { email: values.email, name: values.name, password: values.password });
        console.log(`Founder ${f.email} created (${f.id})`);
      } finally {
        await closeContext(ctx);
      }
      return 0;
    }
    case 'audit-verify': {
      const db = await openDatabase(config);
      const report = await verifyAuditChain(db);
      await db.close();
      console.log(`${report.rows} audit rows in ${report.chains} chains; ${report.broken.length} problems`);
      for (const b of report.broken) console.log(`  seq ${b.seq} (${b.ispId ?? 'platform'}): ${b.reason}`);
      return report.broken.length ? 1 : 0;
    }
    case 'bench-seed': {
      const { values } = parseArgs({ args: rest, options: { subscribers: { type: 'string', default: '10000' } } });
      const n = Number(values.subscribers);
      if (!Number.isInteger(n) || n < 1 || n > 5_000_000) {
        console.error('--subscribers must be a whole number from 1 to 5,000,000');
        return 2;
      }
      const { benchSeed } = await import('./app/seed/bench-seed.ts');
      const ctx = await createContext(config, log);
      try {
        const r = await benchSeed(ctx, n, (s) => console.log(s));
        console.log(`Bench data ready: ${r.total} subscribers (${r.created} new) on ISP ${r.ispId}, NAS 127.0.0.1/testing123, in ${r.ms} ms`);
      } finally {
        await closeContext(ctx);
      }
      return 0;
    }
    case 'seed-history': {
      const { seedHistoryCommand } = await import('./app/seed/history/cli.ts');
      return seedHistoryCommand(rest, () => createContext(config, log), closeContext, (line) => console.log(line));
    }
    case 'forecast-backtest': {
      const { forecastBacktestCommand } = await import('./modules/intelligence/index.ts');
      return forecastBacktestCommand(rest, () => createContext(config, log), closeContext, (line) => console.log(line));
    }
    case 'churn-predict': {
      const { churnPredictCommand } = await import('./modules/intelligence/index.ts');
      return churnPredictCommand(rest, process.env.INIT_CWD ?? process.cwd(), (line) => console.log(line), (line) => console.error(line));
    }
    case 'openapi': {
      // Built on a throw-away in-memory database: the document depends only on the routes.
      const { openPglite } = await import('./platform/db/database.ts');
      const { buildApp } = await import('./app/build-app.ts');
      const ctx = await createContext({ ...config, redisUrl: undefined }, createLogger({ ...config, logLevel: 'silent' }), await openPglite(null));
      const app = await buildApp(ctx);
      await app.ready();
      process.stdout.write(JSON.stringify(app.swagger(), null, 2) + '\n');
      await app.close();
      await closeContext(ctx);
      return 0;
    }
    default:
      console.error(usage);
      return 2;
  }
}

main().then(
  (code) => {
    if (code !== 0 || process.argv[2] !== 'serve') process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof ConfigError) console.error(err.message);
    else console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
