/**
 * Watching the database files under a running server (S8, S9). SQLite keeps writing to a file
 * that was deleted or replaced, and a write that fails (read-only, full disk) only surfaces as
 * an error of that one statement; an -shm file that cannot be written even kills the process
 * with SIGBUS on the next read or write. So, before every use and on a one-second timer:
 *
 * - vanished: the database, -wal or -shm at the path is not the file that was opened (compared
 *   by device and inode). Writes are refused from then on, so nothing is acknowledged that a
 *   restart would lose; everything acknowledged so far is copied to a rescue file once.
 * - failing: a write failed for a storage reason (read-only, disk full, I/O error), or a file
 *   cannot be written (access(2) with W_OK, which also sees `chattr +i` and read-only mounts,
 *   even for root). Logged once with the cause; the store recovers by itself at the next
 *   write that succeeds (the registry's heartbeat tries every second).
 * - flush failed: syncing the WAL to disk failed. The kernel may have dropped what it could not
 *   write (wal-sync.ts), so this one does not pass: writes, and acks of commits made before it
 *   was known, are refused until a restart reads back what the disk holds.
 */
import { accessSync, constants, statfsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { companionFiles } from './sqlite-files.ts';
import type { StoreHealth } from './types.ts';

/** A store refusing or failing an operation for a storage reason; its message says why. */
export class StorageFault extends Error {}

const CHECK_MS = 1000;
const FREE_TO_RECOVER = 1024 * 1024;
const RELOG_MS = 60_000;

type FailureKind = 'access' | 'full' | 'write' | 'flush';

/** SQLite result codes that mean the storage itself failed, with the words for them. */
function storageCause(error: unknown): string | null {
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== 'string') return null;
  if (code === 'SQLITE_FULL') return 'the disk holding the database is full';
  if (code === 'SQLITE_IOERR_FSYNC')
    return `the disk failed while saving: ${(error as Error).message}; nothing more is saved until the server is restarted`;
  if (code.startsWith('SQLITE_READONLY')) return `the database is read-only (${code})`;
  if (code.startsWith('SQLITE_IOERR'))
    return `the database could not be written (${code}: ${(error as Error).message})`;
  if (code === 'SQLITE_CANTOPEN') return 'the database file cannot be opened';
  return null;
}

export class FileGuard {
  private readonly files: string[];
  private readonly opened = new Map<string, { dev: number; ino: number }>();
  private vanished: { problem: string; since: number } | null = null;
  /**
   * `access`: a file cannot be written (over when it can); `full`: the disk filled up (over
   * once it has FREE_TO_RECOVER again: a small write may fit in the WAL's old space meanwhile);
   * `write`: another storage error (over at the next write that succeeds); `flush`: a WAL
   * flush failed (over only with a restart).
   */
  private failure: { problem: string; since: number; kind: FailureKind } | null = null;
  /** When each problem was last logged: a failure that comes and goes is logged once a minute at most. */
  private readonly logged = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;
  /** beforeWrite passed in this turn of the event loop. */
  private clearedThisTurn = false;

  constructor(
    file: string,
    private readonly warn: (message: string) => void,
    /** Copies everything the connection still sees to a new file; returns its path. */
    private readonly rescue: () => string,
  ) {
    this.files = companionFiles(file);
    this.note();
    this.timer = setInterval(() => this.check(), CHECK_MS);
    this.timer.unref();
  }

  health(): StoreHealth {
    const bad = this.vanished ?? this.failure;
    return bad ? { ok: false, problem: bad.problem, since: bad.since } : { ok: true, problem: null, since: null };
  }

  /** Before any statement: an -shm that cannot be written would crash the process (SIGBUS). */
  beforeRead(): void {
    const shm = this.files[2]!;
    if (!this.writable(shm)) throw this.fail(`the database's shared-memory file ${shm} cannot be written`, 'access');
  }

  /**
   * Before a write: refuse when the files vanished or cannot be written. Writes of one turn of
   * the event loop share one look (the room asks before applying a command and the store again
   * as it writes it; under load one turn writes many commands): the vanish check that guards
   * the acks runs after each commit's flush (afterWrite).
   */
  beforeWrite(): void {
    if (this.failure?.kind === 'flush') throw new StorageFault(this.failure.problem);
    if (this.clearedThisTurn && !this.vanished) return;
    this.check();
    if (this.vanished) throw new StorageFault(this.vanished.problem);
    for (const path of this.files) {
      if (!this.writable(path)) throw this.fail(`${path} cannot be written`, 'access');
    }
    this.clearedThisTurn = true;
    setImmediate(() => {
      this.clearedThisTurn = false;
    });
  }

  /** After a write committed (or its flush finished): if the file went meanwhile, the write is not durable (no ack). */
  afterWrite(): void {
    this.check();
    if (this.vanished) throw new StorageFault(this.vanished.problem);
    if (this.failure?.kind === 'flush') throw new StorageFault(this.failure.problem);
    if (this.failure?.kind === 'write') this.recovered('writes succeed again');
  }

  /** Turns a failed statement into a StorageFault (logged once) when storage caused it; other errors pass. */
  failed(error: unknown): unknown {
    const cause = storageCause(error);
    if (!cause) return error;
    const code = (error as { code?: string }).code;
    return this.fail(cause, code === 'SQLITE_FULL' ? 'full' : code === 'SQLITE_IOERR_FSYNC' ? 'flush' : 'write');
  }

  /** Compares the files at the paths with the ones opened; checks an unwritable -shm to recover from it. */
  check(): void {
    if (this.vanished) return;
    for (const path of this.files) {
      const opened = this.opened.get(path);
      if (!opened) continue;
      let now: { dev: number; ino: number } | null = null;
      try {
        now = statSync(path);
      } catch {
        now = null;
      }
      if (now && now.dev === opened.dev && now.ino === opened.ino) continue;
      this.onVanished(path, now === null ? 'deleted' : 'replaced');
      return;
    }
    this.note();
    if (this.failure?.kind === 'access' && this.files.every((path) => this.writable(path)))
      this.recovered('the database files can be written again');
    if (this.failure?.kind === 'full' && this.freeBytes() >= FREE_TO_RECOVER) this.recovered('the disk has room again');
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Remembers the identity of files that exist now (the -wal and -shm appear after the first use). */
  private note(): void {
    for (const path of this.files) {
      if (this.opened.has(path)) continue;
      try {
        const { dev, ino } = statSync(path);
        this.opened.set(path, { dev, ino });
      } catch {
        // not created yet
      }
    }
  }

  private writable(path: string): boolean {
    try {
      accessSync(path, constants.W_OK);
      return true;
    } catch (error) {
      return (error as { code?: string }).code === 'ENOENT'; // not created yet: SQLite creates it
    }
  }

  private fail(problem: string, kind: FailureKind): StorageFault {
    if (this.failure?.kind === 'flush') return new StorageFault(this.failure.problem); // it stays the cause
    if (this.failure?.problem !== problem) {
      this.failure = { problem, since: Date.now(), kind };
      if (Date.now() - (this.logged.get(problem) ?? -Infinity) >= RELOG_MS) {
        this.logged.set(problem, Date.now());
        // a failed flush's problem already says that only a restart ends it
        this.warn(
          `storage failing: ${problem}${kind === 'flush' ? '' : '; commands are refused until it can write again'}`,
        );
      }
    }
    return new StorageFault(problem);
  }

  private recovered(how: string): void {
    this.warn(
      `storage recovered: ${how} (failing since ${new Date(this.failure!.since).toISOString()}: ${this.failure!.problem})`,
    );
    this.failure = null;
  }

  private freeBytes(): number {
    try {
      const fs = statfsSync(dirname(this.files[0]!));
      return fs.bavail * fs.bsize;
    } catch {
      return 0;
    }
  }

  private onVanished(path: string, how: 'deleted' | 'replaced'): void {
    let rescued: string;
    try {
      rescued = `everything acknowledged so far was saved to ${this.rescue()}: stop the server, put that file in place of ${this.files[0]} and start it again`;
    } catch (error) {
      rescued = `saving a rescue copy failed too (${(error as Error).message})`;
    }
    this.vanished = {
      problem: `the data file ${path} was ${how} while the server ran, so nothing more can be saved`,
      since: Date.now(),
    };
    this.warn(`storage lost: ${this.vanished.problem}; commands are refused. ${rescued}`);
  }
}
