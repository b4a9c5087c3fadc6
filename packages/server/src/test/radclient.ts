import { execFile } from 'node:child_process';

/** Runs FreeRADIUS's radclient (Debian freeradius-utils) as the NAS; returns its parsed output. */
export function radclient(kind: 'auth' | 'acct', port: number, attrs: string, secret = 'testing123', extra: string[] = []): Promise<{ code: string; text: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile('radclient', ['-x', '-r', '1', '-t', '2', ...extra, `127.0.0.1:${port}`, kind, secret], { timeout: 10_000 }, (err, stdout, stderr) => {
      const text = `${stdout}${stderr}`;
      const m = /Received (\S+)/.exec(text);
      if (m) return resolve({ code: m[1]!, text });
      if (err) return resolve({ code: 'none', text });
      reject(new Error(text));
    });
    child.stdin!.end(attrs);
  });
}
