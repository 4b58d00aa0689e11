// WAL checkpointer for SqliteStore, run in a worker_threads Worker. Plain JavaScript on purpose:
// it loads the same way under `npm start`, `node bin/breachdrill.js` (tsx) and vitest, with no
// TypeScript loader in the worker.
//
// The main connection sets wal_autocheckpoint = 0, so no commit on the event loop ever copies the
// WAL into the database file and fsyncs it. This thread does that instead with its own
// connection: PASSIVE checkpoints (they never wait for, or block, the writer or readers) every
// `intervalMs`, and sooner while the WAL still holds many frames after a pass. A checkpoint is
// crash-safe: frames stay in the WAL until the database file has them, and a process killed
// mid-checkpoint just leaves them to be checkpointed again on the next open.
//
// workerData: { file, intervalMs, busyIntervalMs, busyFrames, control }. control is an
// Int32Array on a SharedArrayBuffer: [0] = 1 asks the worker to stop; the worker sets [1] = 1
// (and notifies) once its connection is closed, so the store's synchronous close() can wait.
import { accessSync, constants } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, intervalMs, busyIntervalMs, busyFrames, control } = workerData;
const STOP = 0;
const CLOSED = 1;

let db = null;
let timer = null;

// A checkpoint writes the -shm (mapped into memory) and the database file; writing a mapped file
// that cannot be written (chattr +i, a read-only mount) kills the process with SIGBUS. The
// store's guard (sqlite-guard.ts) reports the problem; this thread just waits it out.
const FILES = [file, `${file}-wal`, `${file}-shm`];
function writable() {
  for (const path of FILES) {
    try {
      accessSync(path, constants.W_OK);
    } catch (error) {
      if (error?.code !== 'ENOENT') return false;
    }
  }
  return true;
}

function stop() {
  if (timer !== null) clearTimeout(timer);
  timer = null;
  try {
    if (db?.open) db.close();
  } finally {
    db = null;
    Atomics.store(control, CLOSED, 1);
    Atomics.notify(control, CLOSED);
    parentPort?.close();
  }
}

function tick() {
  timer = null;
  if (Atomics.load(control, STOP) === 1) return stop();
  let next = intervalMs;
  if (writable()) {
    try {
      const row = db.pragma('wal_checkpoint(PASSIVE)', { simple: false })[0];
      // log = frames in the WAL, checkpointed = frames now in the database file (-1 when not WAL)
      if (row && row.log - row.checkpointed >= busyFrames) next = busyIntervalMs;
    } catch (error) {
      // SQLITE_BUSY or a transient error: try again at the next interval
      parentPort?.postMessage({ type: 'warn', message: String(error?.message ?? error) });
    }
  }
  if (Atomics.load(control, STOP) === 1) return stop();
  timer = setTimeout(tick, next);
}

parentPort?.on('message', (message) => {
  if (message === 'stop') stop();
});

try {
  db = new Database(file, { fileMustExist: true });
  db.pragma('busy_timeout = 1000');
  // the checkpoint's fsync follows this setting: FULL, as on the main connection (never OFF)
  db.pragma('synchronous = FULL');
  db.pragma('wal_autocheckpoint = 0');
} catch (error) {
  try {
    db?.close();
  } catch {}
  db = null;
  parentPort?.postMessage({ type: 'failed', message: String(error?.message ?? error) });
  stop();
}
if (db !== null) {
  if (Atomics.load(control, STOP) === 1) stop();
  else tick();
}
