/**
 * Group commit for the SQLite write-ahead log (S8). The connection commits with
 * synchronous=NORMAL, so SQLite writes a commit's frames to the WAL file without waiting for the
 * disk, and this class makes them durable before anyone is told: `durable()` resolves once an
 * fdatasync of the WAL file that started after the caller's commit has finished. The fdatasync
 * runs on libuv's thread pool, so the event loop never waits for the disk (with synchronous=FULL
 * every commit stalled the loop for its fsync: under load the largest single cost of a command),
 * and the commits of one turn of the event loop, or that land while one is in flight, share one.
 *
 * Why this is as durable as FULL: FULL syncs the same WAL file after writing the same frames; a
 * checkpoint that copies frames into the database file syncs the WAL before and the database
 * after (checkpoint-worker.mjs runs FULL, and NORMAL syncs at checkpoints too), so an
 * acknowledged frame is always on disk in one of the two.
 *
 * A sync that fails poisons the file for the rest of the process (S9). Linux reports a failed
 * writeback once and may then drop the pages it could not write (marking them clean), so a
 * later sync that succeeds says nothing about the frames the failed one covered. SQLite's WAL
 * recovery stops at the first frame that is missing, discarding every frame after it: an ack
 * given after the failure could be lost at the next start. So every later sync fails with the
 * first failure until a restart reads back what the disk holds (PostgreSQL stops for the same
 * reason).
 */
import { closeSync, fdatasync, fdatasyncSync, openSync } from 'node:fs';

/** Flushes a file descriptor's data to disk; fs.fdatasync unless a test holds or fails it. */
export type SyncFile = (fd: number, done: (error: NodeJS.ErrnoException | null) => void) => void;

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

export class WalSync {
  private fd: number | null = null;
  /** Commits waiting for the next fdatasync (they landed after the one in flight started). */
  private waiting: Waiter[] = [];
  private inFlight = false;
  /** A sync is due at the end of this turn of the event loop. */
  private scheduled = false;
  private closed = false;
  /** The first failed sync: every later one fails with it (see above). */
  private poisoned: Error | null = null;

  constructor(
    private readonly walPath: string,
    private readonly syncFile: SyncFile = fdatasync,
    /** Runs after each successful flush, before its waiters are released; throwing refuses them all. */
    private readonly afterFlush: () => void = () => {},
  ) {}

  /** Resolves once everything committed before this call is on disk; rejects with the cause when syncing failed. */
  durable(): Promise<void> {
    if (this.poisoned) return Promise.reject(this.poisoned);
    if (this.closed) return Promise.resolve(); // close() synced everything that was committed
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.schedule();
    });
  }

  /** Syncs now, on the event loop: for rare writes and at close, where a pause does not matter. */
  syncNow(): void {
    if (this.poisoned) throw this.poisoned;
    try {
      fdatasyncSync(this.open());
    } catch (error) {
      throw this.poison(syncError(this.walPath, error as NodeJS.ErrnoException));
    }
  }

  /** Syncs what is committed, releases every waiter, and closes the file once no sync uses it. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const waiting = this.waiting;
    this.waiting = [];
    let failure: Error | null = null;
    try {
      if (this.fd !== null || waiting.length) this.syncNow();
    } catch (error) {
      failure = error as Error;
    }
    settle(waiting, failure);
    if (!this.inFlight) this.closeFile();
  }

  /**
   * Starts the next sync once this turn of the event loop has run: under load one turn handles
   * the commands of many sockets, and they all share it (one flush, not one each).
   */
  private schedule(): void {
    if (this.inFlight || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (!this.closed && !this.inFlight && this.waiting.length) this.syncWaiting();
    });
  }

  private syncWaiting(): void {
    const batch = this.waiting;
    this.waiting = [];
    if (this.poisoned) return settle(batch, this.poisoned);
    let fd: number;
    try {
      fd = this.open();
    } catch (error) {
      settle(batch, syncError(this.walPath, error as NodeJS.ErrnoException));
      return;
    }
    this.inFlight = true;
    this.syncFile(fd, (error) => {
      this.inFlight = false;
      let failure = this.poisoned ?? (error ? this.poison(syncError(this.walPath, error)) : null);
      if (!failure && !this.closed) {
        // (after a close the files are gone on purpose: the close synced everything)
        try {
          this.afterFlush();
        } catch (checkError) {
          failure = checkError as Error;
        }
      }
      settle(batch, failure);
      if (this.closed) this.closeFile();
      else if (this.waiting.length) this.schedule();
    });
  }

  private poison(failure: Error): Error {
    this.poisoned ??= failure;
    return this.poisoned;
  }

  /** The WAL file, opened at the first sync (SQLite creates it with the first commit). */
  private open(): number {
    this.fd ??= openSync(this.walPath, 'r');
    return this.fd;
  }

  private closeFile(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
  }
}

/** Releases the commits a sync covered: resolved when it succeeded, rejected with its failure. */
function settle(waiters: Waiter[], failure: Error | null): void {
  for (const waiter of waiters) {
    if (failure) waiter.reject(failure);
    else waiter.resolve();
  }
}

/** A failed sync as the storage guard reads it (an I/O error of the database, S9). */
function syncError(walPath: string, error: NodeJS.ErrnoException): Error {
  return Object.assign(new Error(`${walPath} could not be flushed to disk (${error.code ?? error.message})`), {
    code: 'SQLITE_IOERR_FSYNC',
  });
}
