/**
 * SQLite storage (better-sqlite3): WAL, every write on disk before it is acknowledged (S8: group
 * commit, wal-sync.ts), files watched (sqlite-guard.ts), prepared statements, and one
 * transaction per accepted event, so an acked command survives a SIGKILL (rule 2: persist
 * before broadcast). Tables: exercises, scenarios, events (hash-chained log), credentials
 * (SHA-256 of secrets only), and report tables derived from the log: players, teams,
 * decisions, hotwash, outcomes; plan_edits holds the improvement-plan edits made after play,
 * share_links the read-only share links of reports (token hashes only).
 */
import Database from 'better-sqlite3';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { prepareDataFiles } from './sqlite-files.ts';
import { FileGuard } from './sqlite-guard.ts';
import { migrate } from './sqlite-schema.ts';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { WalSync, type SyncFile } from './wal-sync.ts';
import { LOG_FORMAT, type StoredEvent } from '../events.ts';
import {
  canonicalOf,
  ChainWalk,
  sealEvent,
  toEvent,
  toShare,
  toPin,
  decisionValues,
  pinValues,
  type EventRow,
  type PinRow,
  type ShareRow,
} from './rows.ts';
import type { ExerciseStatus } from '../state.ts';
import type {
  AppendRequest,
  ChainCheck,
  Credential,
  ExerciseRow,
  Store,
  StoredPlanEdit,
  StoredReportDetails,
  StoredShare,
  StoredSummary,
  StoredWhatIfPin,
  StoreHealth,
} from './types.ts';

interface ExerciseDbRow {
  id: string;
  code: string;
  scenario_id: string;
  scenario_hash: string;
  solo: number;
  status: string;
  created_at: number;
}

const toExercise = (r: ExerciseDbRow): ExerciseRow => ({
  id: r.id,
  code: r.code,
  scenarioId: r.scenario_id,
  scenarioHash: r.scenario_hash,
  solo: r.solo === 1,
  status: r.status as ExerciseStatus,
  createdAt: r.created_at,
});

/**
 * Background WAL checkpoints. SQLite's automatic checkpoint runs inside the commit that crosses
 * 1000 WAL pages, on the event loop, and fsyncs the database file: a 40-190 ms stall on a slow
 * disk. The main connection turns it off and checkpoint-worker.mjs checkpoints (PASSIVE) from its
 * own connection every second, or every 100 ms while 1000+ frames are still waiting. Durability
 * is unchanged: a commit is durable once in the WAL, whoever later copies it into the file.
 */
const CHECKPOINT = { intervalMs: 1000, busyIntervalMs: 100, busyFrames: 1000, stopWaitMs: 5000 };
const CHECKPOINT_WORKER = new URL('./checkpoint-worker.mjs', import.meta.url);
/** SQLite's default wal_autocheckpoint, restored when the worker cannot run. */
const DEFAULT_AUTOCHECKPOINT = 1000;

/** Events per page when verifying a chain: a few milliseconds of hashing between turns of the event loop. */
const CHAIN_PAGE = 500;

/**
 * An event's columns in the order the event statements return them: they read rows as arrays
 * (raw), which takes half the time of row objects, and most of a restart's replay is reading.
 */
const EVENT_COLUMNS = 'exercise_id, version, at, actor, command_id, body, prev_hash, hash, format';
type EventColumns = [string, number, number, string | null, string | null, string, string, string, number];
const eventRow = (c: EventColumns): EventRow => ({
  exercise_id: c[0],
  version: c[1],
  at: c[2],
  actor: c[3],
  command_id: c[4],
  body: c[5],
  prev_hash: c[6],
  hash: c[7],
  format: c[8],
});

/** The database file inside a data directory. */
export const DATABASE_FILE = 'breachdrill.sqlite';

/** Opens (creating if needed, S11) DATA_DIR/breachdrill.sqlite. */
export function openSqliteStore(
  dataDir: string,
  warn: (message: string) => void = () => {},
  options: { syncFile?: SyncFile } = {},
): SqliteStore {
  const file = join(dataDir, DATABASE_FILE);
  prepareDataFiles(dataDir, file, warn);
  return new SqliteStore(file, warn, options);
}

export class SqliteStore implements Store {
  readonly db: Database.Database;
  /** The schema migrations this open applied (none when the database was current). */
  readonly migrated: ReadonlyArray<{ version: number; name: string }>;
  private readonly sql;
  private readonly appendTx: (request: AppendRequest) => StoredEvent;
  private checkpointer: { worker: Worker; control: Int32Array } | null = null;
  private readonly guard: FileGuard | null;
  /** Makes commits durable off the event loop (null for an in-memory database, which has no WAL). */
  private readonly wal: WalSync | null;
  /** While restoring: writes are flushed once at the end (flushOnceAfter), not one by one. */
  private deferSync = false;

  constructor(
    file: string,
    warn: (message: string) => void = (message) => console.error(`breachdrill: ${message}`),
    options: { syncFile?: SyncFile } = {},
  ) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.migrated = migrate(this.db);
    // An ack must survive power loss, not only a killed process (S8). FULL would fsync each
    // commit on the event loop; NORMAL writes the WAL without waiting and WalSync syncs it before
    // anything is acknowledged, one sync for every commit that waits meanwhile.
    const wal = !this.db.memory && this.db.pragma('journal_mode', { simple: true }) === 'wal';
    // each flush looks at the files once more before it releases the acks waiting for it
    this.wal = wal ? new WalSync(`${file}-wal`, options.syncFile, () => this.guard?.afterWrite()) : null;
    this.db.pragma(`synchronous = ${wal ? 'NORMAL' : 'FULL'}`);
    this.startCheckpointer();
    const db = this.db;
    this.sql = {
      insertEvent: db.prepare(
        'INSERT INTO events (exercise_id, version, at, type, actor, command_id, body, prev_hash, hash, format) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      head: db.prepare<[string], { version: number; hash: string }>(
        'SELECT version, hash FROM events WHERE exercise_id = ? ORDER BY version DESC LIMIT 1',
      ),
      events: db
        .prepare<[string, number], EventColumns>(
          `SELECT ${EVENT_COLUMNS} FROM events WHERE exercise_id = ? AND version > ? ORDER BY version`,
        )
        .raw(true),
      eventsPage: db
        .prepare<[string, number, number], EventColumns>(
          `SELECT ${EVENT_COLUMNS} FROM events WHERE exercise_id = ? AND version > ? ORDER BY version LIMIT ?`,
        )
        .raw(true),
      commandVersion: db.prepare<[string, string], { version: number }>(
        'SELECT version FROM events WHERE exercise_id = ? AND command_id = ? AND command_id IS NOT NULL',
      ),
      summaries: db.prepare<[], { exercise_id: string; status: string; head: string; summary: string }>(
        'SELECT exercise_id, status, head, summary FROM report_summaries',
      ),
      saveSummary: db.prepare(
        'INSERT OR REPLACE INTO report_summaries (exercise_id, status, head, summary, updated_at) VALUES (?, ?, ?, ?, ?)',
      ),
      finishedHeads: db.prepare<[], { exercise_id: string; hash: string }>(
        "SELECT e.id AS exercise_id, (SELECT hash FROM events v WHERE v.exercise_id = e.id ORDER BY version DESC LIMIT 1) AS hash FROM exercises e WHERE e.status IN ('debrief', 'ended')",
      ),
      insertExercise: db.prepare(
        'INSERT INTO exercises (id, code, scenario_id, scenario_hash, solo, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      setStatus: db.prepare('UPDATE exercises SET status = ?, updated_at = ? WHERE id = ?'),
      exercise: db.prepare<[string], ExerciseDbRow>('SELECT * FROM exercises WHERE id = ?'),
      byCode: db.prepare<[string], ExerciseDbRow>('SELECT * FROM exercises WHERE code = ?'),
      unfinished: db.prepare<[], ExerciseDbRow>("SELECT * FROM exercises WHERE status != 'ended' ORDER BY created_at"),
      finished: db.prepare<[], ExerciseDbRow>(
        "SELECT * FROM exercises WHERE status IN ('debrief', 'ended') ORDER BY created_at, id",
      ),
      planEdits: db.prepare<[string], { team_id: string; key: string; edit: string }>(
        'SELECT team_id, key, edit FROM plan_edits WHERE exercise_id = ? ORDER BY team_id, key',
      ),
      upsertPlanEdit: db.prepare(
        'INSERT OR REPLACE INTO plan_edits (exercise_id, team_id, key, edit, updated_at) VALUES (?, ?, ?, ?, ?)',
      ),
      removePlanEdit: db.prepare('DELETE FROM plan_edits WHERE exercise_id = ? AND team_id = ? AND key = ?'),
      reportDetails: db.prepare<[string], { details: string }>(
        'SELECT details FROM report_details WHERE exercise_id = ?',
      ),
      upsertReportDetails: db.prepare(
        'INSERT OR REPLACE INTO report_details (exercise_id, details, updated_at) VALUES (?, ?, ?)',
      ),
      removeReportDetails: db.prepare('DELETE FROM report_details WHERE exercise_id = ?'),
      pins: db.prepare<[string], PinRow>('SELECT * FROM whatif_pins WHERE exercise_id = ? ORDER BY pinned_at, id'),
      upsertPin: db.prepare<unknown[], PinRow>(
        'INSERT INTO whatif_pins (id, exercise_id, team_id, inject, option, policy, note, pinned_by, pinned_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (exercise_id, team_id, inject, option, policy) DO UPDATE SET note = excluded.note RETURNING *',
      ),
      removePin: db.prepare('DELETE FROM whatif_pins WHERE exercise_id = ? AND id = ?'),
      insertScenario: db.prepare('INSERT OR IGNORE INTO scenarios (hash, id, version, text) VALUES (?, ?, ?, ?)'),
      scenario: db.prepare<[string], { text: string }>('SELECT text FROM scenarios WHERE hash = ?'),
      insertCredential: db.prepare(
        'INSERT INTO credentials (token_hash, exercise_id, seat, player_id, created_at) VALUES (?, ?, ?, ?, ?)',
      ),
      removeCredential: db.prepare('DELETE FROM credentials WHERE token_hash = ?'),
      credential: db.prepare<[string], { exercise_id: string | null; seat: string; player_id: string | null }>(
        'SELECT exercise_id, seat, player_id FROM credentials WHERE token_hash = ?',
      ),
      upsertPlayer: db.prepare(
        'INSERT OR REPLACE INTO players (exercise_id, player_id, name, team_id, role, joined_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      upsertTeam: db.prepare('INSERT OR REPLACE INTO teams (exercise_id, team_id, name) VALUES (?, ?, ?)'),
      insertDecision: db.prepare(
        'INSERT INTO decisions (exercise_id, version, team_id, inject_id, option, kind, via, by_player, by_role, opened_at, decided_at, votes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      upsertHotwash: db.prepare(
        'INSERT OR REPLACE INTO hotwash (exercise_id, player_id, worked, did_not, confidence, at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      upsertOutcome: db.prepare(
        'INSERT OR REPLACE INTO outcomes (exercise_id, team_id, version, outcome) VALUES (?, ?, ?, ?)',
      ),
      insertShare: db.prepare(
        'INSERT INTO share_links (id, token_hash, exercise_id, created_by, label, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      shareByHash: db.prepare<[string], ShareRow>('SELECT * FROM share_links WHERE token_hash = ?'),
      share: db.prepare<[string], ShareRow>('SELECT * FROM share_links WHERE id = ?'),
      allShares: db.prepare<[], ShareRow>('SELECT * FROM share_links ORDER BY created_at DESC, id'),
      exerciseShares: db.prepare<[string], ShareRow>(
        'SELECT * FROM share_links WHERE exercise_id = ? ORDER BY created_at DESC, id',
      ),
      revokeShare: db.prepare('UPDATE share_links SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
      getMeta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
      setMeta: db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
    };
    this.appendTx = db.transaction((request: AppendRequest) => this.insert(request));
    this.guard = this.db.memory ? null : new FileGuard(file, warn, () => this.rescueCopy(file));
  }

  health(): StoreHealth {
    return this.guard?.health() ?? { ok: true, problem: null, since: null };
  }

  writable(): void {
    this.guard?.beforeWrite();
  }

  /** Commits at once and says so (`committed`); resolves when the commit is on disk (the ack waits for it, S8). */
  async append(request: AppendRequest, committed?: (stored: StoredEvent) => void): Promise<StoredEvent> {
    const flush = this.wal && !this.deferSync ? this.wal : null;
    const stored = this.write(() => this.appendTx(request), flush ? 'at-flush' : 'unsynced');
    const flushed = flush ? flush.durable() : Promise.resolve();
    flushed.catch(() => {}); // awaited below; if the fan-out throws first, its failure is the one reported
    committed?.(stored);
    try {
      await flushed;
    } catch (error) {
      throw this.guard ? this.guard.failed(error) : error;
    }
    return stored;
  }

  /** Runs a read after checking it cannot crash the process (S9). */
  private read<T>(run: () => T): T {
    this.guard?.beforeRead();
    return run();
  }

  /**
   * Runs a write (one transaction) between the file checks: a storage failure becomes a
   * StorageFault (S8, S9). `now` syncs the WAL and checks the files before returning (the rare
   * writes: plan edits, shares, metadata); `at-flush` leaves both to the WAL's next flush, which
   * checks the files once for every commit it covers, just before their acks (append);
   * `unsynced` checks now and leaves the sync to flushOnceAfter.
   */
  private write<T>(run: () => T, sync: 'now' | 'at-flush' | 'unsynced' = 'now'): T {
    const guard = this.guard;
    if (!guard) return run();
    guard.beforeWrite();
    let result: T;
    try {
      result = run();
      if (sync === 'now' && !this.deferSync) this.wal?.syncNow();
    } catch (error) {
      throw guard.failed(error);
    }
    if (sync !== 'at-flush') guard.afterWrite();
    return result;
  }

  /** Copies the whole database as this connection sees it to a new file beside it (S8). */
  private rescueCopy(file: string): string {
    const target = `${file}.rescued-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
    closeSync(openSync(target, 'wx', 0o600)); // VACUUM INTO fills an empty file and keeps its mode (S11)
    this.db.prepare('VACUUM INTO ?').run(target);
    return target;
  }

  private insert(request: AppendRequest): StoredEvent {
    const { exerciseId, event } = request;
    const s = this.sql;
    if (request.scenario)
      s.insertScenario.run(request.scenario.hash, request.scenario.id, request.scenario.version, request.scenario.text);
    if (request.exercise) {
      const e = request.exercise;
      s.insertExercise.run(e.id, e.code, e.scenarioId, e.scenarioHash, e.solo ? 1 : 0, e.status, e.createdAt, event.at);
    }
    // read inside the transaction: another connection may have appended since (S1)
    const { actorJson, bodyJson, prevHash, hash, stored } = sealEvent(exerciseId, event, s.head.get(exerciseId));
    s.insertEvent.run(
      exerciseId,
      event.version,
      event.at,
      event.body.type,
      actorJson,
      event.commandId,
      bodyJson,
      prevHash,
      hash,
      LOG_FORMAT,
    );
    if (request.status) s.setStatus.run(request.status, event.at, exerciseId);
    for (const { hash: tokenHash, credential } of request.credentials ?? []) {
      s.insertCredential.run(tokenHash, credential.exerciseId, credential.seat, credential.playerId, event.at);
    }
    if (request.player) {
      const p = request.player;
      s.upsertPlayer.run(exerciseId, p.id, p.name, p.teamId, p.role, event.at);
    }
    for (const team of request.teams ?? []) s.upsertTeam.run(exerciseId, team.id, team.name);
    for (const record of request.records ?? []) {
      if (record.kind === 'decision') {
        s.insertDecision.run(...decisionValues(exerciseId, event.version, record));
      } else if (record.kind === 'hotwash') {
        const h = record.hotwash;
        s.upsertHotwash.run(exerciseId, h.playerId, h.worked, h.didNot, JSON.stringify(h.confidence), h.at);
      } else if (record.kind === 'outcome') {
        s.upsertOutcome.run(exerciseId, record.teamId, event.version, JSON.stringify(record.outcome));
      }
    }
    return stored;
  }

  events(exerciseId: string, afterVersion = 0): StoredEvent[] {
    return this.read(() => this.sql.events.all(exerciseId, afterVersion).map((c) => toEvent(eventRow(c))));
  }

  eventsWithCanonical(exerciseId: string): Array<{ event: StoredEvent; canonical: string }> {
    return this.read(() =>
      this.sql.events.all(exerciseId, 0).map((c) => {
        const r = eventRow(c);
        return { event: toEvent(r), canonical: canonicalOf(r) };
      }),
    );
  }

  commandVersion(exerciseId: string, commandId: string): number | undefined {
    return this.read(() => this.sql.commandVersion.get(exerciseId, commandId)?.version);
  }

  summaries(): StoredSummary[] {
    return this.read(() =>
      this.sql.summaries.all().map((r) => ({
        exerciseId: r.exercise_id,
        status: r.status as ExerciseStatus,
        head: r.head,
        summary: r.summary,
      })),
    );
  }

  saveSummary(summary: StoredSummary, at: number): void {
    this.write(() => this.sql.saveSummary.run(summary.exerciseId, summary.status, summary.head, summary.summary, at));
  }

  finishedHeads(): Map<string, string> {
    return this.read(() => new Map(this.sql.finishedHeads.all().map((r) => [r.exercise_id, r.hash])));
  }

  exercise(id: string): ExerciseRow | undefined {
    return this.read(() => {
      const row = this.sql.exercise.get(id);
      return row ? toExercise(row) : undefined;
    });
  }

  exerciseByCode(code: string): ExerciseRow | undefined {
    return this.read(() => {
      const row = this.sql.byCode.get(code);
      return row ? toExercise(row) : undefined;
    });
  }

  unfinished(): ExerciseRow[] {
    return this.read(() => this.sql.unfinished.all().map(toExercise));
  }

  finished(): ExerciseRow[] {
    return this.read(() => this.sql.finished.all().map(toExercise));
  }

  planEdits(exerciseId: string): StoredPlanEdit[] {
    return this.read(() =>
      this.sql.planEdits
        .all(exerciseId)
        .map((r) => ({ ...(JSON.parse(r.edit) as object), key: r.key, teamId: r.team_id })),
    );
  }

  savePlanEdits(exerciseId: string, edits: StoredPlanEdit[], at: number): void {
    return this.write(() => {
      this.db.transaction(() => {
        for (const { key, teamId, ...fields } of edits) {
          if (Object.keys(fields).length === 0) this.sql.removePlanEdit.run(exerciseId, teamId, key);
          else this.sql.upsertPlanEdit.run(exerciseId, teamId, key, JSON.stringify(fields), at);
        }
      })();
    });
  }

  reportDetails(exerciseId: string): StoredReportDetails | undefined {
    return this.read(() => {
      const row = this.sql.reportDetails.get(exerciseId);
      return row ? (JSON.parse(row.details) as StoredReportDetails) : undefined;
    });
  }

  saveReportDetails(exerciseId: string, details: StoredReportDetails, at: number): void {
    this.write(() => {
      if (Object.keys(details).length === 0) this.sql.removeReportDetails.run(exerciseId);
      else this.sql.upsertReportDetails.run(exerciseId, JSON.stringify(details), at);
    });
  }

  whatIfPins(exerciseId: string): StoredWhatIfPin[] {
    return this.read(() => this.sql.pins.all(exerciseId).map(toPin));
  }

  pinWhatIf(pin: StoredWhatIfPin): StoredWhatIfPin {
    return this.write(() => toPin(this.sql.upsertPin.get(...pinValues(pin))!));
  }

  unpinWhatIf(exerciseId: string, id: string): boolean {
    return this.write(() => this.sql.removePin.run(exerciseId, id).changes === 1);
  }

  credential(hash: string): Credential | undefined {
    return this.read(() => {
      const row = this.sql.credential.get(hash);
      return row
        ? { exerciseId: row.exercise_id, seat: row.seat as Credential['seat'], playerId: row.player_id }
        : undefined;
    });
  }

  addCredential(hash: string, credential: Credential): void {
    this.write(() =>
      this.sql.insertCredential.run(hash, credential.exerciseId, credential.seat, credential.playerId, Date.now()),
    );
  }

  removeCredential(hash: string): void {
    this.write(() => this.sql.removeCredential.run(hash));
  }

  addShare(share: StoredShare): void {
    this.write(() =>
      this.sql.insertShare.run(
        share.id,
        share.tokenHash,
        share.exerciseId,
        share.createdBy,
        share.label,
        share.createdAt,
        share.expiresAt,
        share.revokedAt,
      ),
    );
  }

  shareByTokenHash(tokenHash: string): StoredShare | undefined {
    return this.read(() => {
      const row = this.sql.shareByHash.get(tokenHash);
      return row ? toShare(row) : undefined;
    });
  }

  share(id: string): StoredShare | undefined {
    return this.read(() => {
      const row = this.sql.share.get(id);
      return row ? toShare(row) : undefined;
    });
  }

  shares(exerciseId?: string): StoredShare[] {
    return this.read(() =>
      (exerciseId === undefined ? this.sql.allShares.all() : this.sql.exerciseShares.all(exerciseId)).map(toShare),
    );
  }

  revokeShare(id: string, at: number): boolean {
    return this.write(() => this.sql.revokeShare.run(at, id).changes === 1);
  }

  scenarioText(hash: string): string | undefined {
    return this.read(() => this.sql.scenario.get(hash)?.text);
  }

  getMeta(key: string): string | undefined {
    return this.read(() => this.sql.getMeta.get(key)?.value);
  }

  setMeta(key: string, value: string): void {
    this.write(() => this.sql.setMeta.run(key, value));
  }

  /**
   * Runs `work` with its writes committed but not synced one by one, then syncs the WAL once
   * (with a last write), and with it every frame written before. A crash in between loses at most
   * those writes, never consistency; a start writes its restart markers again, and nothing is
   * acknowledged meanwhile.
   */
  async flushOnceAfter<T>(work: () => Promise<T>): Promise<T> {
    this.deferSync = true;
    try {
      return await work();
    } finally {
      this.deferSync = false;
      this.setMeta('flushed_at', String(Date.now()));
    }
  }

  /** Reads the log in pages and lets the event loop run between them: a long log never holds up live play. */
  async verifyChain(exerciseId: string): Promise<ChainCheck> {
    const walk = new ChainWalk(exerciseId);
    for (let after = 0; ;) {
      const rows = this.read(() => this.sql.eventsPage.all(exerciseId, after, CHAIN_PAGE).map(eventRow));
      for (const row of rows) if (!walk.add(row)) return walk.result();
      if (rows.length < CHAIN_PAGE) return walk.result();
      after = rows.at(-1)!.version;
      await nextTurn();
    }
  }

  /** Moves WAL checkpoints off the event loop (see CHECKPOINT); in-memory databases have no WAL. */
  private startCheckpointer(): void {
    if (this.db.memory || this.db.pragma('journal_mode', { simple: true }) !== 'wal') return;
    const control = new Int32Array(new SharedArrayBuffer(8));
    let worker: Worker;
    try {
      worker = new Worker(CHECKPOINT_WORKER, { workerData: { file: this.db.name, ...CHECKPOINT, control } });
    } catch {
      return; // keep SQLite's own checkpoints
    }
    // A high backstop instead of 0: should the worker fall behind a burst of writes, a commit still
    // folds the WAL in now and then, so it cannot grow without bound.
    this.db.pragma('wal_autocheckpoint = 20000');
    this.db.pragma('journal_size_limit = 67108864');
    const checkpointer = { worker, control };
    this.checkpointer = checkpointer;
    // if the worker dies or cannot open the file, commits checkpoint on their own again
    const fallBack = () => {
      if (this.checkpointer !== checkpointer) return;
      this.checkpointer = null;
      if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
    };
    worker.on('message', (m: { type?: string }) => {
      if (m?.type === 'failed') fallBack();
    });
    worker.on('error', fallBack);
    worker.on('exit', fallBack);
    worker.unref();
  }

  /** Stops the worker and waits (bounded) for it to close its connection. */
  private stopCheckpointer(): void {
    const checkpointer = this.checkpointer;
    if (!checkpointer) return;
    this.checkpointer = null;
    const { worker, control } = checkpointer;
    Atomics.store(control, 0, 1);
    worker.postMessage('stop');
    // close() is synchronous; the worker answers within one checkpoint pass
    Atomics.wait(control, 1, 0, CHECKPOINT.stopWaitMs);
    void worker.terminate();
  }

  close(): void {
    if (!this.db.open) return;
    this.guard?.stop(); // closing removes the -wal and -shm: not a vanished file
    this.wal?.close(); // whatever waits for a sync gets it now
    this.stopCheckpointer();
    try {
      // fold the WAL into the database file and empty it, so a closed store is one file
      this.db.pragma('busy_timeout = 200');
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // another process holds the database; it (or the next open) checkpoints
    }
    this.db.close();
  }
}
