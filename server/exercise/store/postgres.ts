/**
 * PostgreSQL storage (`pg`), used when DATABASE_URL is set: the same tables, log format and
 * hash chain as SQLite (sqlite.ts), numbered migrations in postgres-schema.ts. One transaction
 * per accepted event; the primary key (exercise_id, version) lets exactly one of two writers
 * of the same version in, so two connections (two server nodes) can never fork a chain (S1).
 *
 * `health` and `writable` answer without a round trip: they report the last connection
 * failure seen, until a later query succeeds (the registry's heartbeat queries every second).
 */
import pg from 'pg';
import type { PoolClient, QueryResultRow } from 'pg';
import { LOG_FORMAT, type StoredEvent } from '../events.ts';
import type { ExerciseStatus } from '../state.ts';
import { migratePostgres } from './postgres-schema.ts';
import {
  canonicalOf,
  checkChain,
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
import { StorageFault } from './sqlite-guard.ts';
import {
  LeaseLost,
  type AppendRequest,
  type ChainCheck,
  type Credential,
  type ExerciseRow,
  type Fence,
  type Store,
  type StoredPlanEdit,
  type StoredReportDetails,
  type StoredShare,
  type StoredSummary,
  type StoredWhatIfPin,
  type StoreHealth,
} from './types.ts';

/** The database's clock in epoch ms: every node compares lease times on the same clock. */
const NOW_MS = '(extract(epoch from clock_timestamp()) * 1000)::bigint';

/** The outcome of a claim: this node holds the exercise now, or another node does until `expiresAt`. */
export type Claim =
  | { held: true; fence: Fence; previous: { node: string; expiresAt: number } | null }
  | { held: false; node: string; expiresAt: number };

interface ExerciseDbRow {
  id: string;
  code: string;
  scenario_id: string;
  scenario_hash: string;
  solo: boolean;
  status: string;
  created_at: string | number;
}

const toExercise = (r: ExerciseDbRow): ExerciseRow => ({
  id: r.id,
  code: r.code,
  scenarioId: r.scenario_id,
  scenarioHash: r.scenario_hash,
  solo: r.solo,
  status: r.status as ExerciseStatus,
  createdAt: Number(r.created_at),
});

/** Error codes of a database that cannot be reached or is going away (classes 08, 57P, 53). */
function connectionCause(error: unknown): string | null {
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== 'string') return null;
  if (code.startsWith('08') || code.startsWith('57P') || code.startsWith('53') || code.startsWith('E'))
    return `the database cannot be reached (${code}: ${(error as Error).message})`;
  return null;
}

/** A schema name the store may create and select (letters, digits and underscores). */
function checkedSchema(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
    throw new Error(`the PostgreSQL schema name "${schema}" must be lowercase letters, digits and underscores`);
  return schema;
}

export interface PostgresOptions {
  /** The schema holding the tables (created when missing); the database's default (public) when omitted. */
  schema?: string;
  /** Connections in the pool. */
  max?: number;
  warn?: (message: string) => void;
}

/** Connects, creates the schema if asked, applies the missing migrations. */
export async function openPostgresStore(url: string, options: PostgresOptions = {}): Promise<PostgresStore> {
  const store = new PostgresStore(url, options);
  try {
    await store.init();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

export class PostgresStore implements Store {
  readonly pool: pg.Pool;
  /** The schema migrations this open applied (none when the database was current). */
  migrated: ReadonlyArray<{ version: number; name: string }> = [];
  private problem: { problem: string; since: number } | null = null;
  private closed: Promise<void> | undefined;
  private readonly warn: (message: string) => void;
  private readonly schema: string | undefined;

  constructor(url: string, options: PostgresOptions = {}) {
    this.warn = options.warn ?? ((message) => console.error(`breachdrill: ${message}`));
    this.schema = options.schema === undefined ? undefined : checkedSchema(options.schema);
    this.pool = new pg.Pool({
      connectionString: url,
      max: options.max ?? 10,
      connectionTimeoutMillis: 5000,
      ...(this.schema ? { options: `-c search_path=${this.schema}` } : {}),
    });
    // an idle connection that breaks is reported here; without a listener it would crash the process
    this.pool.on('error', (error) => this.failed(error));
  }

  /** Creates the schema when one was named, then migrates. */
  async init(): Promise<void> {
    const client = await this.pool.connect();
    try {
      if (this.schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
      this.migrated = await migratePostgres(client);
    } finally {
      client.release();
    }
  }

  health(): StoreHealth {
    return this.problem
      ? { ok: false, problem: this.problem.problem, since: this.problem.since }
      : { ok: true, problem: null, since: null };
  }

  writable(): void {
    if (this.problem) throw new StorageFault(this.problem.problem);
  }

  /** Notes a failure that says the database is unreachable (logged once until it recovers); returns the error to throw. */
  private failed(error: unknown): unknown {
    const cause = connectionCause(error);
    if (cause && !this.problem) {
      this.problem = { problem: cause, since: Date.now() };
      this.warn(`storage: ${cause}; nothing is saved until it answers again`);
    }
    return cause ? new StorageFault(cause) : error;
  }

  private recovered(): void {
    if (!this.problem) return;
    this.warn(`storage: the database answers again (it did not since ${new Date(this.problem.since).toISOString()})`);
    this.problem = null;
  }

  /** One query; a success clears a noted failure. */
  private async query<R extends QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
    try {
      const result = await this.pool.query<R>(text, values);
      this.recovered();
      return result.rows;
    } catch (error) {
      throw this.failed(error);
    }
  }

  /** Runs `work` in one transaction on one connection. */
  private async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw this.failed(error);
    }
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      this.recovered();
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw this.failed(error);
    } finally {
      client.release();
    }
  }

  append(request: AppendRequest): Promise<StoredEvent> {
    return this.transaction(async (c) => {
      const { exerciseId, event } = request;
      if (request.fence) {
        // the row lock makes a concurrent claim wait until this append is committed (then it replays it)
        const lease = await c.query(
          'SELECT 1 FROM leases WHERE exercise_id = $1 AND node_id = $2 AND token = $3 FOR SHARE',
          [exerciseId, request.fence.node, request.fence.token],
        );
        if (lease.rowCount === 0) throw new LeaseLost(exerciseId);
      }
      if (request.scenario) {
        const sc = request.scenario;
        await c.query(
          'INSERT INTO scenarios (hash, id, version, text) VALUES ($1, $2, $3, $4) ON CONFLICT (hash) DO NOTHING',
          [sc.hash, sc.id, sc.version, sc.text],
        );
      }
      if (request.exercise) {
        const e = request.exercise;
        await c.query(
          'INSERT INTO exercises (id, code, scenario_id, scenario_hash, solo, status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
          [e.id, e.code, e.scenarioId, e.scenarioHash, e.solo, e.status, e.createdAt, event.at],
        );
      }
      // read inside the transaction; a writer that read the same head loses on the primary key (S1)
      const head = await c.query<{ version: number; hash: string }>(
        'SELECT version, hash FROM events WHERE exercise_id = $1 ORDER BY version DESC LIMIT 1',
        [exerciseId],
      );
      const { actorJson, bodyJson, prevHash, hash, stored } = sealEvent(exerciseId, event, head.rows[0]);
      await c.query(
        'INSERT INTO events (exercise_id, version, at, type, actor, command_id, body, prev_hash, hash, format) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
        [
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
        ],
      );
      if (request.status)
        await c.query('UPDATE exercises SET status = $1, updated_at = $2 WHERE id = $3', [
          request.status,
          event.at,
          exerciseId,
        ]);
      for (const { hash: tokenHash, credential } of request.credentials ?? []) {
        await c.query(
          'INSERT INTO credentials (token_hash, exercise_id, seat, player_id, created_at) VALUES ($1, $2, $3, $4, $5)',
          [tokenHash, credential.exerciseId, credential.seat, credential.playerId, event.at],
        );
      }
      if (request.player) {
        const p = request.player;
        await c.query(
          'INSERT INTO players (exercise_id, player_id, name, team_id, role, joined_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (exercise_id, player_id) DO UPDATE SET name = EXCLUDED.name, team_id = EXCLUDED.team_id, role = EXCLUDED.role, joined_at = EXCLUDED.joined_at',
          [exerciseId, p.id, p.name, p.teamId, p.role, event.at],
        );
      }
      for (const team of request.teams ?? []) {
        await c.query(
          'INSERT INTO teams (exercise_id, team_id, name) VALUES ($1, $2, $3) ON CONFLICT (exercise_id, team_id) DO UPDATE SET name = EXCLUDED.name',
          [exerciseId, team.id, team.name],
        );
      }
      for (const record of request.records ?? []) {
        if (record.kind === 'decision') {
          await c.query(
            'INSERT INTO decisions (exercise_id, version, team_id, inject_id, option, kind, via, by_player, by_role, opened_at, decided_at, votes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)',
            [...decisionValues(exerciseId, event.version, record)],
          );
        } else if (record.kind === 'hotwash') {
          const h = record.hotwash;
          await c.query(
            'INSERT INTO hotwash (exercise_id, player_id, worked, did_not, confidence, at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (exercise_id, player_id) DO UPDATE SET worked = EXCLUDED.worked, did_not = EXCLUDED.did_not, confidence = EXCLUDED.confidence, at = EXCLUDED.at',
            [exerciseId, h.playerId, h.worked, h.didNot, JSON.stringify(h.confidence), h.at],
          );
        } else if (record.kind === 'outcome') {
          await c.query(
            'INSERT INTO outcomes (exercise_id, team_id, version, outcome) VALUES ($1, $2, $3, $4) ON CONFLICT (exercise_id, team_id) DO UPDATE SET version = EXCLUDED.version, outcome = EXCLUDED.outcome',
            [exerciseId, record.teamId, event.version, JSON.stringify(record.outcome)],
          );
        }
      }
      return stored;
    });
  }

  private eventRows(exerciseId: string, afterVersion = 0): Promise<EventRow[]> {
    return this.query<EventRow>('SELECT * FROM events WHERE exercise_id = $1 AND version > $2 ORDER BY version', [
      exerciseId,
      afterVersion,
    ]);
  }

  async events(exerciseId: string, afterVersion = 0): Promise<StoredEvent[]> {
    return (await this.eventRows(exerciseId, afterVersion)).map(toEvent);
  }

  async eventsWithCanonical(exerciseId: string): Promise<Array<{ event: StoredEvent; canonical: string }>> {
    return (await this.eventRows(exerciseId)).map((r) => ({ event: toEvent(r), canonical: canonicalOf(r) }));
  }

  async commandVersion(exerciseId: string, commandId: string): Promise<number | undefined> {
    const rows = await this.query<{ version: number }>(
      'SELECT version FROM events WHERE exercise_id = $1 AND command_id = $2',
      [exerciseId, commandId],
    );
    return rows[0]?.version;
  }

  async summaries(): Promise<StoredSummary[]> {
    const rows = await this.query<{ exercise_id: string; status: string; head: string; summary: string }>(
      'SELECT exercise_id, status, head, summary FROM report_summaries',
    );
    return rows.map((r) => ({
      exerciseId: r.exercise_id,
      status: r.status as ExerciseStatus,
      head: r.head,
      summary: r.summary,
    }));
  }

  async saveSummary(summary: StoredSummary, at: number): Promise<void> {
    await this.query(
      'INSERT INTO report_summaries (exercise_id, status, head, summary, updated_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (exercise_id) DO UPDATE SET status = EXCLUDED.status, head = EXCLUDED.head, summary = EXCLUDED.summary, updated_at = EXCLUDED.updated_at',
      [summary.exerciseId, summary.status, summary.head, summary.summary, at],
    );
  }

  async finishedHeads(): Promise<Map<string, string>> {
    const rows = await this.query<{ exercise_id: string; hash: string }>(
      "SELECT e.id AS exercise_id, (SELECT hash FROM events v WHERE v.exercise_id = e.id ORDER BY version DESC LIMIT 1) AS hash FROM exercises e WHERE e.status IN ('debrief', 'ended')",
    );
    return new Map(rows.map((r) => [r.exercise_id, r.hash]));
  }

  async exercise(id: string): Promise<ExerciseRow | undefined> {
    const rows = await this.query<ExerciseDbRow>('SELECT * FROM exercises WHERE id = $1', [id]);
    return rows[0] ? toExercise(rows[0]) : undefined;
  }

  async exerciseByCode(code: string): Promise<ExerciseRow | undefined> {
    const rows = await this.query<ExerciseDbRow>('SELECT * FROM exercises WHERE code = $1', [code]);
    return rows[0] ? toExercise(rows[0]) : undefined;
  }

  async unfinished(): Promise<ExerciseRow[]> {
    return (await this.query<ExerciseDbRow>("SELECT * FROM exercises WHERE status != 'ended' ORDER BY created_at")).map(
      toExercise,
    );
  }

  async finished(): Promise<ExerciseRow[]> {
    return (
      await this.query<ExerciseDbRow>(
        "SELECT * FROM exercises WHERE status IN ('debrief', 'ended') ORDER BY created_at, id",
      )
    ).map(toExercise);
  }

  async planEdits(exerciseId: string): Promise<StoredPlanEdit[]> {
    const rows = await this.query<{ team_id: string; key: string; edit: string }>(
      'SELECT team_id, key, edit FROM plan_edits WHERE exercise_id = $1 ORDER BY team_id, key',
      [exerciseId],
    );
    return rows.map((r) => ({ ...(JSON.parse(r.edit) as object), key: r.key, teamId: r.team_id }));
  }

  async savePlanEdits(exerciseId: string, edits: StoredPlanEdit[], at: number): Promise<void> {
    await this.transaction(async (c) => {
      for (const { key, teamId, ...fields } of edits) {
        if (Object.keys(fields).length === 0)
          await c.query('DELETE FROM plan_edits WHERE exercise_id = $1 AND team_id = $2 AND key = $3', [
            exerciseId,
            teamId,
            key,
          ]);
        else
          await c.query(
            'INSERT INTO plan_edits (exercise_id, team_id, key, edit, updated_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (exercise_id, team_id, key) DO UPDATE SET edit = EXCLUDED.edit, updated_at = EXCLUDED.updated_at',
            [exerciseId, teamId, key, JSON.stringify(fields), at],
          );
      }
    });
  }

  async reportDetails(exerciseId: string): Promise<StoredReportDetails | undefined> {
    const rows = await this.query<{ details: string }>('SELECT details FROM report_details WHERE exercise_id = $1', [
      exerciseId,
    ]);
    return rows[0] ? (JSON.parse(rows[0].details) as StoredReportDetails) : undefined;
  }

  async saveReportDetails(exerciseId: string, details: StoredReportDetails, at: number): Promise<void> {
    if (Object.keys(details).length === 0)
      await this.query('DELETE FROM report_details WHERE exercise_id = $1', [exerciseId]);
    else
      await this.query(
        'INSERT INTO report_details (exercise_id, details, updated_at) VALUES ($1, $2, $3) ON CONFLICT (exercise_id) DO UPDATE SET details = EXCLUDED.details, updated_at = EXCLUDED.updated_at',
        [exerciseId, JSON.stringify(details), at],
      );
  }

  async whatIfPins(exerciseId: string): Promise<StoredWhatIfPin[]> {
    return (
      await this.query<PinRow>('SELECT * FROM whatif_pins WHERE exercise_id = $1 ORDER BY pinned_at, id', [exerciseId])
    ).map(toPin);
  }

  async pinWhatIf(pin: StoredWhatIfPin): Promise<StoredWhatIfPin> {
    const rows = await this.query<PinRow>(
      'INSERT INTO whatif_pins (id, exercise_id, team_id, inject, option, policy, note, pinned_by, pinned_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (exercise_id, team_id, inject, option, policy) DO UPDATE SET note = EXCLUDED.note RETURNING *',
      [...pinValues(pin)],
    );
    return toPin(rows[0]!);
  }

  async unpinWhatIf(exerciseId: string, id: string): Promise<boolean> {
    return (
      (
        await this.query<{ id: string }>('DELETE FROM whatif_pins WHERE exercise_id = $1 AND id = $2 RETURNING id', [
          exerciseId,
          id,
        ])
      ).length === 1
    );
  }

  async credential(hash: string): Promise<Credential | undefined> {
    const rows = await this.query<{ exercise_id: string | null; seat: string; player_id: string | null }>(
      'SELECT exercise_id, seat, player_id FROM credentials WHERE token_hash = $1',
      [hash],
    );
    const row = rows[0];
    return row
      ? { exerciseId: row.exercise_id, seat: row.seat as Credential['seat'], playerId: row.player_id }
      : undefined;
  }

  async addCredential(hash: string, credential: Credential): Promise<void> {
    await this.query(
      'INSERT INTO credentials (token_hash, exercise_id, seat, player_id, created_at) VALUES ($1, $2, $3, $4, $5)',
      [hash, credential.exerciseId, credential.seat, credential.playerId, Date.now()],
    );
  }

  async removeCredential(hash: string): Promise<void> {
    await this.query('DELETE FROM credentials WHERE token_hash = $1', [hash]);
  }

  async addShare(share: StoredShare): Promise<void> {
    await this.query(
      'INSERT INTO share_links (id, token_hash, exercise_id, created_by, label, created_at, expires_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [
        share.id,
        share.tokenHash,
        share.exerciseId,
        share.createdBy,
        share.label,
        share.createdAt,
        share.expiresAt,
        share.revokedAt,
      ],
    );
  }

  async shareByTokenHash(tokenHash: string): Promise<StoredShare | undefined> {
    const rows = await this.query<ShareRow>('SELECT * FROM share_links WHERE token_hash = $1', [tokenHash]);
    return rows[0] ? toShare(rows[0]) : undefined;
  }

  async share(id: string): Promise<StoredShare | undefined> {
    const rows = await this.query<ShareRow>('SELECT * FROM share_links WHERE id = $1', [id]);
    return rows[0] ? toShare(rows[0]) : undefined;
  }

  async shares(exerciseId?: string): Promise<StoredShare[]> {
    const rows =
      exerciseId === undefined
        ? await this.query<ShareRow>('SELECT * FROM share_links ORDER BY created_at DESC, id')
        : await this.query<ShareRow>('SELECT * FROM share_links WHERE exercise_id = $1 ORDER BY created_at DESC, id', [
            exerciseId,
          ]);
    return rows.map(toShare);
  }

  async revokeShare(id: string, at: number): Promise<boolean> {
    const rows = await this.query<{ id: string }>(
      'UPDATE share_links SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL RETURNING id',
      [at, id],
    );
    return rows.length === 1;
  }

  async scenarioText(hash: string): Promise<string | undefined> {
    return (await this.query<{ text: string }>('SELECT text FROM scenarios WHERE hash = $1', [hash]))[0]?.text;
  }

  async getMeta(key: string): Promise<string | undefined> {
    return (await this.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key]))[0]?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.query(
      'INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value',
      [key, value],
    );
  }

  async verifyChain(exerciseId: string): Promise<ChainCheck> {
    return checkChain(exerciseId, await this.eventRows(exerciseId));
  }

  /**
   * Claims an exercise for `node` for `ttlMs`: granted when nobody holds it, when the holder's
   * lease has expired, when `node` holds it already, or when the holder is `steal` (a node known
   * to be gone). Every grant to another node than before bumps the fencing token.
   */
  async claim(exerciseId: string, node: string, ttlMs: number, steal: readonly string[] = []): Promise<Claim> {
    return this.transaction(async (c) => {
      const before = await c.query<{ node_id: string; token: string; expires_at: string }>(
        'SELECT node_id, token, expires_at FROM leases WHERE exercise_id = $1 FOR UPDATE',
        [exerciseId],
      );
      const now = Number((await c.query<{ now: string }>(`SELECT ${NOW_MS} AS now`)).rows[0]!.now);
      const held = before.rows[0];
      if (!held) {
        await c.query('INSERT INTO leases (exercise_id, node_id, token, expires_at) VALUES ($1, $2, 1, $3)', [
          exerciseId,
          node,
          now + ttlMs,
        ]);
        return { held: true, fence: { node, token: 1 }, previous: null };
      }
      const expiresAt = Number(held.expires_at);
      if (held.node_id !== node && expiresAt > now && !steal.includes(held.node_id))
        return { held: false, node: held.node_id, expiresAt };
      const token = held.node_id === node ? Number(held.token) : Number(held.token) + 1;
      await c.query('UPDATE leases SET node_id = $2, token = $3, expires_at = $4 WHERE exercise_id = $1', [
        exerciseId,
        node,
        token,
        now + ttlMs,
      ]);
      return {
        held: true,
        fence: { node, token },
        previous: held.node_id === node ? null : { node: held.node_id, expiresAt },
      };
    });
  }

  /** Extends `node`'s leases on these exercises; returns the ids it still holds (with the same token). */
  async renew(
    node: string,
    fences: ReadonlyArray<{ exerciseId: string; token: number }>,
    ttlMs: number,
  ): Promise<Set<string>> {
    if (fences.length === 0) return new Set();
    const rows = await this.query<{ exercise_id: string }>(
      `UPDATE leases SET expires_at = ${NOW_MS} + $4 FROM unnest($2::text[], $3::bigint[]) AS f(exercise_id, token)
       WHERE leases.exercise_id = f.exercise_id AND leases.token = f.token AND leases.node_id = $1 RETURNING leases.exercise_id`,
      [node, fences.map((f) => f.exerciseId), fences.map((f) => f.token), ttlMs],
    );
    return new Set(rows.map((r) => r.exercise_id));
  }

  /** Exercises in the lobby or in play that no live lease covers (their node stopped renewing). */
  async orphans(): Promise<string[]> {
    const rows = await this.query<{ id: string }>(
      `SELECT e.id FROM exercises e LEFT JOIN leases l ON l.exercise_id = e.id
       WHERE e.status IN ('lobby', 'running') AND (l.exercise_id IS NULL OR l.expires_at < ${NOW_MS}) ORDER BY e.created_at`,
    );
    return rows.map((r) => r.id);
  }

  /** Gives up `node`'s leases (a clean shutdown), so other nodes take them over at once. */
  async release(node: string): Promise<void> {
    await this.query(`UPDATE leases SET expires_at = 0 WHERE node_id = $1`, [node]);
  }

  close(): Promise<void> {
    return (this.closed ??= this.pool.end());
  }
}
