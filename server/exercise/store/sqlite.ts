/**
 * SQLite storage (better-sqlite3): WAL, synchronous=NORMAL, prepared statements, and one
 * transaction per accepted event, so an acked command survives a SIGKILL (rule 2: persist
 * before broadcast). Tables: exercises, scenarios, events (hash-chained log), credentials
 * (SHA-256 of secrets only), and report tables derived from the log: players, teams,
 * decisions, hotwash, outcomes; plan_edits holds the improvement-plan edits made after play.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { canonicalEventText, canonicalJson, chainHash, GENESIS_HASH } from '../canonical.ts';
import { hashedForm, type LoggedEvent, type StoredEvent } from '../events.ts';
import type { ExerciseStatus } from '../state.ts';
import type { AppendRequest, ChainCheck, Credential, ExerciseRow, Store, StoredPlanEdit } from './types.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS scenarios (hash TEXT PRIMARY KEY, id TEXT NOT NULL, version INTEGER NOT NULL, text TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS exercises (
  id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, scenario_id TEXT NOT NULL, scenario_hash TEXT NOT NULL,
  solo INTEGER NOT NULL, status TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS exercises_status ON exercises(status);
CREATE TABLE IF NOT EXISTS events (
  exercise_id TEXT NOT NULL, version INTEGER NOT NULL, at INTEGER NOT NULL, type TEXT NOT NULL,
  actor TEXT, command_id TEXT, body TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL,
  PRIMARY KEY (exercise_id, version)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS credentials (
  token_hash TEXT PRIMARY KEY, exercise_id TEXT, seat TEXT NOT NULL, player_id TEXT, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS players (
  exercise_id TEXT NOT NULL, player_id TEXT NOT NULL, name TEXT NOT NULL, team_id TEXT NOT NULL, role TEXT NOT NULL,
  joined_at INTEGER NOT NULL, PRIMARY KEY (exercise_id, player_id));
CREATE TABLE IF NOT EXISTS teams (
  exercise_id TEXT NOT NULL, team_id TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (exercise_id, team_id));
CREATE TABLE IF NOT EXISTS decisions (
  exercise_id TEXT NOT NULL, version INTEGER NOT NULL, team_id TEXT NOT NULL, inject_id TEXT NOT NULL,
  option TEXT, kind TEXT NOT NULL, via TEXT NOT NULL, by_player TEXT, by_role TEXT,
  opened_at INTEGER, decided_at INTEGER NOT NULL, votes TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS decisions_exercise ON decisions(exercise_id, team_id);
CREATE TABLE IF NOT EXISTS hotwash (
  exercise_id TEXT NOT NULL, player_id TEXT NOT NULL, worked TEXT NOT NULL, did_not TEXT NOT NULL,
  confidence TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (exercise_id, player_id));
CREATE TABLE IF NOT EXISTS outcomes (
  exercise_id TEXT NOT NULL, team_id TEXT NOT NULL, version INTEGER NOT NULL, outcome TEXT NOT NULL,
  PRIMARY KEY (exercise_id, team_id));
CREATE TABLE IF NOT EXISTS plan_edits (
  exercise_id TEXT NOT NULL, team_id TEXT NOT NULL, key TEXT NOT NULL, edit TEXT NOT NULL, updated_at INTEGER NOT NULL,
  PRIMARY KEY (exercise_id, team_id, key));
`;

interface EventRow {
  exercise_id: string;
  version: number;
  at: number;
  actor: string | null;
  command_id: string | null;
  body: string;
  prev_hash: string;
  hash: string;
}
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

const toEvent = (r: EventRow): StoredEvent => ({
  exerciseId: r.exercise_id,
  version: r.version,
  at: r.at,
  actor: r.actor === null ? null : JSON.parse(r.actor),
  commandId: r.command_id,
  body: JSON.parse(r.body),
  prevHash: r.prev_hash,
  hash: r.hash,
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

/** The database file inside a data directory. */
export const DATABASE_FILE = 'breachdrill.sqlite';

/** Opens (creating if needed) DATA_DIR/breachdrill.sqlite. */
export function openSqliteStore(dataDir: string): SqliteStore {
  mkdirSync(dataDir, { recursive: true });
  return new SqliteStore(join(dataDir, DATABASE_FILE));
}

export class SqliteStore implements Store {
  readonly db: Database.Database;
  private readonly heads = new Map<string, string>();
  private readonly sql;
  private readonly appendTx: (request: AppendRequest) => StoredEvent;
  private checkpointer: { worker: Worker; control: Int32Array } | null = null;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.startCheckpointer();
    const db = this.db;
    this.sql = {
      insertEvent: db.prepare('INSERT INTO events (exercise_id, version, at, type, actor, command_id, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      head: db.prepare<[string], { hash: string }>('SELECT hash FROM events WHERE exercise_id = ? ORDER BY version DESC LIMIT 1'),
      events: db.prepare<[string], EventRow>('SELECT * FROM events WHERE exercise_id = ? ORDER BY version'),
      insertExercise: db.prepare('INSERT INTO exercises (id, code, scenario_id, scenario_hash, solo, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      setStatus: db.prepare('UPDATE exercises SET status = ?, updated_at = ? WHERE id = ?'),
      exercise: db.prepare<[string], ExerciseDbRow>('SELECT * FROM exercises WHERE id = ?'),
      byCode: db.prepare<[string], ExerciseDbRow>('SELECT * FROM exercises WHERE code = ?'),
      unfinished: db.prepare<[], ExerciseDbRow>("SELECT * FROM exercises WHERE status != 'ended' ORDER BY created_at"),
      finished: db.prepare<[], ExerciseDbRow>("SELECT * FROM exercises WHERE status IN ('debrief', 'ended') ORDER BY created_at, id"),
      planEdits: db.prepare<[string], { team_id: string; key: string; edit: string }>('SELECT team_id, key, edit FROM plan_edits WHERE exercise_id = ? ORDER BY team_id, key'),
      upsertPlanEdit: db.prepare('INSERT OR REPLACE INTO plan_edits (exercise_id, team_id, key, edit, updated_at) VALUES (?, ?, ?, ?, ?)'),
      removePlanEdit: db.prepare('DELETE FROM plan_edits WHERE exercise_id = ? AND team_id = ? AND key = ?'),
      insertScenario: db.prepare('INSERT OR IGNORE INTO scenarios (hash, id, version, text) VALUES (?, ?, ?, ?)'),
      scenario: db.prepare<[string], { text: string }>('SELECT text FROM scenarios WHERE hash = ?'),
      insertCredential: db.prepare('INSERT INTO credentials (token_hash, exercise_id, seat, player_id, created_at) VALUES (?, ?, ?, ?, ?)'),
      removeCredential: db.prepare('DELETE FROM credentials WHERE token_hash = ?'),
      credential: db.prepare<[string], { exercise_id: string | null; seat: string; player_id: string | null }>('SELECT exercise_id, seat, player_id FROM credentials WHERE token_hash = ?'),
      upsertPlayer: db.prepare('INSERT OR REPLACE INTO players (exercise_id, player_id, name, team_id, role, joined_at) VALUES (?, ?, ?, ?, ?, ?)'),
      upsertTeam: db.prepare('INSERT OR REPLACE INTO teams (exercise_id, team_id, name) VALUES (?, ?, ?)'),
      insertDecision: db.prepare('INSERT INTO decisions (exercise_id, version, team_id, inject_id, option, kind, via, by_player, by_role, opened_at, decided_at, votes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      upsertHotwash: db.prepare('INSERT OR REPLACE INTO hotwash (exercise_id, player_id, worked, did_not, confidence, at) VALUES (?, ?, ?, ?, ?, ?)'),
      upsertOutcome: db.prepare('INSERT OR REPLACE INTO outcomes (exercise_id, team_id, version, outcome) VALUES (?, ?, ?, ?)'),
      getMeta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
      setMeta: db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
    };
    this.appendTx = db.transaction((request: AppendRequest) => this.write(request));
  }

  append(request: AppendRequest): StoredEvent {
    const stored = this.appendTx(request);
    this.heads.set(request.exerciseId, stored.hash);
    return stored;
  }

  private write(request: AppendRequest): StoredEvent {
    const { exerciseId, event } = request;
    const s = this.sql;
    if (request.scenario) s.insertScenario.run(request.scenario.hash, request.scenario.id, request.scenario.version, request.scenario.text);
    if (request.exercise) {
      const e = request.exercise;
      s.insertExercise.run(e.id, e.code, e.scenarioId, e.scenarioHash, e.solo ? 1 : 0, e.status, e.createdAt, event.at);
    }
    const prevHash = this.heads.get(exerciseId) ?? s.head.get(exerciseId)?.hash ?? GENESIS_HASH;
    // each part encoded once: the stored text is what the hash covers
    const actorJson = event.actor ? canonicalJson(event.actor) : null;
    const bodyJson = canonicalJson(event.body);
    const hash = chainHash(prevHash, canonicalEventText(exerciseId, event.version, event.at, actorJson, event.commandId, bodyJson));
    s.insertEvent.run(exerciseId, event.version, event.at, event.body.type, actorJson, event.commandId, bodyJson, prevHash, hash);
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
        const d = record.decision;
        s.insertDecision.run(exerciseId, event.version, record.teamId, d.injectId, d.option, d.kind, d.via, d.by, d.byRole, d.openedAt, d.decidedAt, JSON.stringify(d.votes));
      } else if (record.kind === 'hotwash') {
        const h = record.hotwash;
        s.upsertHotwash.run(exerciseId, h.playerId, h.worked, h.didNot, JSON.stringify(h.confidence), h.at);
      } else if (record.kind === 'outcome') {
        s.upsertOutcome.run(exerciseId, record.teamId, event.version, JSON.stringify(record.outcome));
      }
    }
    return { ...event, exerciseId, prevHash, hash };
  }

  events(exerciseId: string): StoredEvent[] {
    return this.sql.events.all(exerciseId).map(toEvent);
  }

  eventsWithCanonical(exerciseId: string): Array<{ event: StoredEvent; canonical: string }> {
    return this.sql.events.all(exerciseId).map((r) => ({ event: toEvent(r), canonical: canonicalEventText(r.exercise_id, r.version, r.at, r.actor, r.command_id, r.body) }));
  }

  exercise(id: string): ExerciseRow | undefined {
    const row = this.sql.exercise.get(id);
    return row ? toExercise(row) : undefined;
  }

  exerciseByCode(code: string): ExerciseRow | undefined {
    const row = this.sql.byCode.get(code);
    return row ? toExercise(row) : undefined;
  }

  unfinished(): ExerciseRow[] {
    return this.sql.unfinished.all().map(toExercise);
  }

  finished(): ExerciseRow[] {
    return this.sql.finished.all().map(toExercise);
  }

  planEdits(exerciseId: string): StoredPlanEdit[] {
    return this.sql.planEdits.all(exerciseId).map((r) => ({ ...(JSON.parse(r.edit) as object), key: r.key, teamId: r.team_id }));
  }

  savePlanEdits(exerciseId: string, edits: StoredPlanEdit[], at: number): void {
    this.db.transaction(() => {
      for (const { key, teamId, ...fields } of edits) {
        if (Object.keys(fields).length === 0) this.sql.removePlanEdit.run(exerciseId, teamId, key);
        else this.sql.upsertPlanEdit.run(exerciseId, teamId, key, JSON.stringify(fields), at);
      }
    })();
  }

  credential(hash: string): Credential | undefined {
    const row = this.sql.credential.get(hash);
    return row ? { exerciseId: row.exercise_id, seat: row.seat as Credential['seat'], playerId: row.player_id } : undefined;
  }

  addCredential(hash: string, credential: Credential): void {
    this.sql.insertCredential.run(hash, credential.exerciseId, credential.seat, credential.playerId, Date.now());
  }

  removeCredential(hash: string): void {
    this.sql.removeCredential.run(hash);
  }

  scenarioText(hash: string): string | undefined {
    return this.sql.scenario.get(hash)?.text;
  }

  getMeta(key: string): string | undefined {
    return this.sql.getMeta.get(key)?.value;
  }

  setMeta(key: string, value: string): void {
    this.sql.setMeta.run(key, value);
  }

  verifyChain(exerciseId: string): ChainCheck {
    let previous = GENESIS_HASH;
    let count = 0;
    for (const row of this.sql.events.iterate(exerciseId)) {
      const event = toEvent(row);
      const logged: LoggedEvent = { version: event.version, at: event.at, actor: event.actor, commandId: event.commandId, body: event.body };
      const expected = chainHash(previous, canonicalJson(hashedForm(exerciseId, logged)));
      count++;
      if (event.prevHash !== previous || event.hash !== expected || event.version !== count) {
        return { ok: false, events: count, head: previous, brokenAt: event.version, message: `event ${event.version} of exercise ${exerciseId} does not match its hash chain` };
      }
      previous = event.hash;
    }
    return { ok: true, events: count, head: previous };
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
