/**
 * Runs `start` on `port`, and again (up to 20 times) when `port` is 0 and the start failed with
 * EADDRINUSE: a number the kernel handed out free can be taken before it is bound, by another
 * socket or on the other transport. A configured port fails at once. `start` must release
 * whatever it bound before it throws.
 */
export async function retryPortZero<T>(port: number, start: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (err) {
      if (port !== 0 || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 20) throw err;
    }
  }
}
