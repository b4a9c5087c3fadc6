/**
 * Starts the server exactly as `main.ts serve` does. A separate entry keeps this process's command
 * line distinct from developers' own servers (so a `pkill -f "main.ts serve"` elsewhere spares it).
 * Without the demo's background history: on the embedded database it is written in this same
 * process and slows every page the browser loads meanwhile (seconds per request on a busy
 * two-core machine), which would measure the generator instead of the pages.
 */
process.argv[2] = 'serve';
process.env.DEMO_HISTORY ??= 'off';
await import('../packages/server/src/main.ts');
