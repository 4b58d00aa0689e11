/**
 * Reading a test server's SQLite file directly (read-only unless asked), to check what was
 * stored: outcomes, decisions, credentials, the event log.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { DATABASE_FILE } from '../../server/exercise/store/sqlite.ts';

/** Opens DATA_DIR/breachdrill.sqlite. */
export function openDb(dataDir: string, options: { readonly?: boolean } = {}): Database.Database {
  return new Database(join(dataDir, DATABASE_FILE), { readonly: options.readonly ?? true });
}

/** Stored outcomes of an exercise, by team id. */
export function storedOutcomes(dataDir: string, exerciseId: string): Record<string, unknown> {
  const db = openDb(dataDir);
  try {
    const rows = db
      .prepare('SELECT team_id, outcome FROM outcomes WHERE exercise_id = ? ORDER BY team_id')
      .all(exerciseId) as Array<{ team_id: string; outcome: string }>;
    return Object.fromEntries(rows.map((r) => [r.team_id, JSON.parse(r.outcome)]));
  } finally {
    db.close();
  }
}
