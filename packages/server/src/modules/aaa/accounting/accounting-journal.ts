import { closeSync, constants, openSync, readFileSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { mkdir, open, readFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { AcctRecord } from './acct-record.ts';
import { Batcher } from './batcher.ts';

/** Journals open in this process: the lock file's pid cannot tell two of them apart. */
const openHere = new Set<string>();

/**
 * A write-ahead journal for accounting, the durable commit in front of the database (as
 * FreeRADIUS's detail file is in front of buffered-sql): a record is acknowledged once it is
 * on disk here (write + fdatasync, many records per sync), and the database applies it
 * afterwards in large batches. A process that dies replays, at its next start, every segment
 * still on disk; applying is idempotent (the sessions upsert keeps the greatest counters), so a
 * record applied twice counts once.
 *
 * Segments are JSON lines. A segment is deleted once it is no longer written to and every
 * record in it is in the database. A torn last line (the process died inside a write) was
 * never synced, so never acknowledged, and is skipped.
 */
export class AccountingJournal {
  private readonly writes = new Batcher<string, number>((lines) => this.write(lines), 10_000);
  private file: FileHandle | null = null;
  private segment = 0;
  private bytes = 0;
  /** Per segment: records appended and not yet applied. */
  private readonly pending = new Map<number, number>();
  private readonly lockPath: string;

  constructor(private readonly dir: string, private readonly segmentBytes = 8 * 1024 * 1024) {
    this.lockPath = path.join(dir, 'lock');
  }

  /**
   * Takes the directory (one process per journal), and returns the records that an earlier
   * process left unapplied, oldest first, for the caller to apply before it takes new ones.
   */
  async open(): Promise<{ records: AcctRecord[]; segments: number[] }> {
    await mkdir(this.dir, { recursive: true });
    this.lock();
    const segments = this.segments();
    const records: AcctRecord[] = [];
    for (const s of segments) {
      for (const line of (await readFile(this.segmentPath(s), 'utf8')).split('\n')) {
        if (!line) continue;
        try {
          records.push(revive(JSON.parse(line) as JournalLine));
        } catch {
          // The torn tail of a write that never returned: it was not acknowledged.
        }
      }
    }
    this.segment = (segments.at(-1) ?? 0) + 1;
    this.file = await openSegment(this.segmentPath(this.segment));
    return { records, segments };
  }

  /** Resolves with the record's segment once it is durably on disk. */
  append(record: AcctRecord): Promise<number> {
    return this.writes.submit(`${JSON.stringify(record)}\n`);
  }

  /** `count` records of `segment` are in the database now. */
  applied(segment: number, count = 1): void {
    const left = (this.pending.get(segment) ?? 0) - count;
    if (left > 0 || segment === this.segment) {
      this.pending.set(segment, left);
      return;
    }
    this.pending.delete(segment);
    this.remove(segment);
  }

  /** Segments left by an earlier process, once their records are in the database. */
  removeReplayed(segments: number[]): void {
    for (const s of segments) this.remove(s);
  }

  /** Records acknowledged and not yet in the database. */
  get backlog(): number {
    let n = 0;
    for (const v of this.pending.values()) n += v;
    return n;
  }

  async close(): Promise<void> {
    await this.writes.idle();
    await this.file?.close();
    this.file = null;
    // A clean stop with everything applied leaves no segment; otherwise the next start replays.
    if (this.backlog === 0) this.remove(this.segment);
    openHere.delete(this.lockPath);
    try {
      unlinkSync(this.lockPath);
    } catch {
      /* already gone */
    }
  }

  /**
   * One write per group commit. The file is opened O_DSYNC, so a write returns once its data
   * is on disk: one trip through the thread pool (write then fdatasync would be two), and the
   * loop goes on serving meanwhile. Each write starts with a newline, so that the torn tail of a
   * write that failed half-way never runs into the first record of the next write, which
   * O_APPEND puts right after it.
   */
  private async write(lines: string[]): Promise<number> {
    // A full segment is closed before the write, so that a failure to open the next one fails
    // records not yet written, never records already on disk.
    if (this.bytes >= this.segmentBytes) await this.rotate();
    if (!this.file) throw new Error('accounting journal is not open');
    const segment = this.segment;
    const data = Buffer.from(`\n${lines.join('')}`);
    await this.file.write(data);
    this.bytes += data.length;
    this.pending.set(segment, (this.pending.get(segment) ?? 0) + lines.length);
    return segment;
  }

  private async rotate(): Promise<void> {
    const old = this.segment;
    await this.file?.close();
    this.segment = old + 1;
    this.bytes = 0;
    this.file = await openSegment(this.segmentPath(this.segment));
    if ((this.pending.get(old) ?? 0) <= 0) {
      this.pending.delete(old);
      this.remove(old);
    }
  }

  private lock(): void {
    if (openHere.has(this.lockPath)) throw new Error(`accounting journal ${this.dir} is already open in this process`);
    try {
      closeSync(openSync(this.lockPath, 'wx'));
    } catch {
      const pid = Number(readFileSync(this.lockPath, 'utf8')) || 0;
      if (pid && alive(pid) && pid !== process.pid) {
        throw new Error(`accounting journal ${this.dir} is in use by process ${pid}: give each AAA process its own RADIUS_ACCT_JOURNAL_DIR`);
      }
    }
    writeFileSync(this.lockPath, String(process.pid));
    openHere.add(this.lockPath);
  }

  private segments(): number[] {
    return readdirSync(this.dir).map((f) => /^acct-(\d+)\.jsonl$/.exec(f)?.[1]).filter((s): s is string => !!s).map(Number).sort((a, b) => a - b);
  }

  private segmentPath(n: number): string {
    return path.join(this.dir, `acct-${String(n).padStart(12, '0')}.jsonl`);
  }

  private remove(segment: number): void {
    try {
      unlinkSync(this.segmentPath(segment));
    } catch {
      /* already gone */
    }
  }
}

/**
 * Creates and opens a segment, then syncs the directory: a synced write makes the file's data
 * durable, not its name, and without the name a power cut would lose every record in it.
 */
async function openSegment(file: string): Promise<FileHandle> {
  const handle = await open(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_DSYNC, 0o600);
  try {
    const dir = await open(path.dirname(file), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  } catch (err) {
    await handle.close();
    throw err;
  }
  return handle;
}

type JournalLine = Omit<AcctRecord, 'at'> & { at: string };

function revive(line: JournalLine): AcctRecord {
  if (typeof line.uniqueId !== 'string' || typeof line.ispId !== 'string' || typeof line.at !== 'string') throw new Error('not a journal record');
  return { ...line, at: new Date(line.at) };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
