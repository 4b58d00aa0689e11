/**
 * The PostgreSQL schema as numbered migrations (S7), the same tables as SQLite's
 * (sqlite-schema.ts) with the same log format: the event body and actor are stored as the
 * canonical JSON text the hash chain covers (TEXT, not JSONB, which would re-encode it).
 * `schema_migrations` lists the steps applied; a start applies the missing ones in one
 * transaction under an advisory lock, so nodes starting together apply each step once.
 * Append new steps at the end; never edit one that has shipped.
 */
import type { PoolClient } from 'pg';

interface Migration {
  version: number;
  /** What the step does, for the log line. */
  name: string;
  sql: string;
}

export const PG_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'exercises, scenarios, the hash-chained event log, credentials, the report tables and summaries',
    sql: `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE scenarios (hash TEXT PRIMARY KEY, id TEXT NOT NULL, version INTEGER NOT NULL, text TEXT NOT NULL);
CREATE TABLE exercises (
  id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, scenario_id TEXT NOT NULL, scenario_hash TEXT NOT NULL,
  solo BOOLEAN NOT NULL, status TEXT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);
CREATE INDEX exercises_status ON exercises(status);
CREATE TABLE events (
  exercise_id TEXT NOT NULL, version INTEGER NOT NULL, at BIGINT NOT NULL, type TEXT NOT NULL,
  actor TEXT, command_id TEXT, body TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL,
  format INTEGER NOT NULL,
  PRIMARY KEY (exercise_id, version));
CREATE INDEX events_command ON events(exercise_id, command_id) WHERE command_id IS NOT NULL;
CREATE TABLE credentials (
  token_hash TEXT PRIMARY KEY, exercise_id TEXT, seat TEXT NOT NULL, player_id TEXT, created_at BIGINT NOT NULL);
CREATE TABLE players (
  exercise_id TEXT NOT NULL, player_id TEXT NOT NULL, name TEXT NOT NULL, team_id TEXT NOT NULL, role TEXT NOT NULL,
  joined_at BIGINT NOT NULL, PRIMARY KEY (exercise_id, player_id));
CREATE TABLE teams (
  exercise_id TEXT NOT NULL, team_id TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (exercise_id, team_id));
CREATE TABLE decisions (
  exercise_id TEXT NOT NULL, version INTEGER NOT NULL, team_id TEXT NOT NULL, inject_id TEXT NOT NULL,
  option TEXT, kind TEXT NOT NULL, via TEXT NOT NULL, by_player TEXT, by_role TEXT,
  opened_at BIGINT, decided_at BIGINT NOT NULL, votes TEXT NOT NULL);
CREATE INDEX decisions_exercise ON decisions(exercise_id, team_id);
CREATE TABLE hotwash (
  exercise_id TEXT NOT NULL, player_id TEXT NOT NULL, worked TEXT NOT NULL, did_not TEXT NOT NULL,
  confidence TEXT NOT NULL, at BIGINT NOT NULL, PRIMARY KEY (exercise_id, player_id));
CREATE TABLE outcomes (
  exercise_id TEXT NOT NULL, team_id TEXT NOT NULL, version INTEGER NOT NULL, outcome TEXT NOT NULL,
  PRIMARY KEY (exercise_id, team_id));
CREATE TABLE plan_edits (
  exercise_id TEXT NOT NULL, team_id TEXT NOT NULL, key TEXT NOT NULL, edit TEXT NOT NULL, updated_at BIGINT NOT NULL,
  PRIMARY KEY (exercise_id, team_id, key));
CREATE TABLE report_summaries (
  exercise_id TEXT PRIMARY KEY, status TEXT NOT NULL, head TEXT NOT NULL, summary TEXT NOT NULL, updated_at BIGINT NOT NULL);`,
  },
  {
    version: 2,
    name: 'read-only share links of reports (the SHA-256 of each token, its exercise, expiry and revocation)',
    sql: `
CREATE TABLE share_links (
  id TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE, exercise_id TEXT NOT NULL, created_by TEXT NOT NULL, label TEXT,
  created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, revoked_at BIGINT);
CREATE INDEX share_links_exercise ON share_links(exercise_id);`,
  },
  {
    version: 3,
    name: 'a lease per exercise with a fencing token (one serving node per exercise in a cluster)',
    sql: `
CREATE TABLE leases (
  exercise_id TEXT PRIMARY KEY, node_id TEXT NOT NULL, token BIGINT NOT NULL, expires_at BIGINT NOT NULL);
CREATE INDEX leases_node ON leases(node_id);`,
  },
  {
    version: 4,
    name: "each exercise's report details (sponsor, participating organisations, point of contact), entered after play",
    sql: 'CREATE TABLE report_details (exercise_id TEXT PRIMARY KEY, details TEXT NOT NULL, updated_at BIGINT NOT NULL);',
  },
  {
    version: 5,
    name: 'what-ifs pinned into gap reports (the fork only: team, inject, option, policy; the report recomputes it from the log)',
    sql: `
CREATE TABLE whatif_pins (
  id TEXT PRIMARY KEY, exercise_id TEXT NOT NULL, team_id TEXT NOT NULL, inject TEXT NOT NULL, option TEXT NOT NULL, policy TEXT NOT NULL,
  note TEXT, pinned_by TEXT NOT NULL, pinned_at BIGINT NOT NULL,
  UNIQUE (exercise_id, team_id, inject, option, policy));`,
  },
];

/** The schema version this code writes. */
export const PG_SCHEMA_VERSION = PG_MIGRATIONS.at(-1)!.version;

/**
 * Applies the missing migrations on `client` (in the current schema); returns the ones applied.
 * Refuses a database from a newer breachdrill.
 */
export async function migratePostgres(client: PoolClient): Promise<Migration[]> {
  await client.query('BEGIN');
  try {
    // one migrator per schema at a time; the others wait here, then find nothing left to do
    await client.query("SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':breachdrill-migrate'))");
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
    );
    const { rows } = await client.query<{ version: number }>(
      'SELECT COALESCE(MAX(version), 0)::int AS version FROM schema_migrations',
    );
    const current = rows[0]!.version;
    if (current > PG_SCHEMA_VERSION) {
      throw new Error(
        `the database has schema version ${current}, newer than this breachdrill understands (${PG_SCHEMA_VERSION}); run the newer version, or restore a backup`,
      );
    }
    const applied: Migration[] = [];
    for (const migration of PG_MIGRATIONS) {
      if (migration.version <= current) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        Date.now(),
      ]);
      applied.push(migration);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}
