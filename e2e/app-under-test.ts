/**
 * Starts the server exactly as `main.ts serve` does. A separate entry keeps this process's command
 * line distinct from developers' own servers (so a `pkill -f "main.ts serve"` elsewhere spares it).
 */
process.argv[2] = 'serve';
await import('../packages/server/src/main.ts');
