/**
 * The SQLite schema as numbered migrations (S7). `PRAGMA user_version` holds the number of the
 * last one applied; opening a database applies the missing ones in order, each in its own
 * immediate transaction (so two processes opening the same file cannot both apply one). A
 * database from before migrations existed has user_version 0 and the tables of migration 1
 * already: its statements use IF NOT EXISTS, so it is adopted as it is. Append new steps at the
 * end; never edit one that has shipped.
 */
import type Database from 'better-sqlite3';

interface Migration {
  version: number;
  /** What the step does, for the log line. */
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'exercises, scenarios, the hash-chained event log, credentials and the report tables',
    sql: `
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
  PRIMARY KEY (exercise_id, team_id, key));`,
  },
  {
    version: 2,
    name: 'the log format of each event (events before it are format 1)',
    sql: 'ALTER TABLE events ADD COLUMN format INTEGER NOT NULL DEFAULT 1;',
  },
  {
    version: 3,
    name: 'an index of accepted command ids, for idempotent repeats over the whole exercise (A5)',
    sql: 'CREATE INDEX events_command ON events(exercise_id, command_id) WHERE command_id IS NOT NULL;',
  },
  {
    version: 4,
    name: 'a stored summary per finished exercise for the report list (rebuilt from the log when missing)',
    sql: 'CREATE TABLE report_summaries (exercise_id TEXT PRIMARY KEY, status TEXT NOT NULL, head TEXT NOT NULL, summary TEXT NOT NULL, updated_at INTEGER NOT NULL);',
  },
  {
    version: 5,
    name: 'read-only share links of reports (the SHA-256 of each token, its exercise, expiry and revocation)',
    sql: `
CREATE TABLE share_links (
  id TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE, exercise_id TEXT NOT NULL, created_by TEXT NOT NULL, label TEXT,
  created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, revoked_at INTEGER);
CREATE INDEX share_links_exercise ON share_links(exercise_id);`,
  },
  {
    version: 6,
    name: "each exercise's report details (sponsor, participating organisations, point of contact), entered after play",
    sql: 'CREATE TABLE report_details (exercise_id TEXT PRIMARY KEY, details TEXT NOT NULL, updated_at INTEGER NOT NULL);',
  },
  {
    version: 7,
    name: 'what-ifs pinned into gap reports (the fork only: team, inject, option, policy; the report recomputes it from the log)',
    sql: `
CREATE TABLE whatif_pins (
  id TEXT PRIMARY KEY, exercise_id TEXT NOT NULL, team_id TEXT NOT NULL, inject TEXT NOT NULL, option TEXT NOT NULL, policy TEXT NOT NULL,
  note TEXT, pinned_by TEXT NOT NULL, pinned_at INTEGER NOT NULL,
  UNIQUE (exercise_id, team_id, inject, option, policy));`,
  },
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

/** Applies the missing migrations; returns the ones applied. Refuses a database from a newer breachdrill. */
export function migrate(db: Database.Database): Migration[] {
  const applied: Migration[] = [];
  const current = () => db.pragma('user_version', { simple: true }) as number;
  if (current() > SCHEMA_VERSION) {
    throw new Error(
      `${db.name} has schema version ${current()}, newer than this breachdrill understands (${SCHEMA_VERSION}); run the newer version, or restore a backup`,
    );
  }
  for (const migration of MIGRATIONS) {
    const step = db.transaction(() => {
      if (current() >= migration.version) return false; // another process got here first
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
      return true;
    });
    if (step.immediate()) applied.push(migration);
  }
  return applied;
}
