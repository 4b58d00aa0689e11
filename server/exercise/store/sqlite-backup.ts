/**
 * `breachdrill backup --out FILE [--data DIR]`: a consistent copy of DIR/breachdrill.sqlite
 * taken while the server runs (SQLite's online backup API through better-sqlite3: it copies
 * pages from a read-only connection and starts over if a write lands meanwhile, so the copy is
 * one committed state, never a torn file). The copy is one file (no -wal), made 0600 like the
 * original (S11), and never overwrites an existing file.
 */
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DATABASE_FILE } from './sqlite.ts';

/** Copies the database of `dataDir` to `target`; returns the pages copied. */
export async function backupDatabase(dataDir: string, target: string): Promise<number> {
  const source = join(dataDir, DATABASE_FILE);
  if (!existsSync(source))
    throw new Error(`no database at ${source} (set --data or DATA_DIR to the server's data directory)`);
  closeSync(openSync(target, 'wx', 0o600)); // fails if it exists; the backup writes into it with this mode
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    const { totalPages } = await db.backup(target);
    return totalPages;
  } catch (error) {
    rmSync(target, { force: true });
    throw error;
  } finally {
    db.close();
  }
}

/** The command: prints what it wrote; exit code 0, or throws with the reason. */
export async function backupCommand(out: string | undefined, data: string | undefined): Promise<number> {
  if (!out) throw new Error('backup: --out FILE is required (a new file; an existing one is never overwritten)');
  const dataDir = resolve(data ?? process.env.DATA_DIR ?? './data');
  const target = resolve(out);
  if (existsSync(target)) throw new Error(`backup: ${target} exists already; name a new file`);
  const pages = await backupDatabase(dataDir, target);
  console.log(
    `breachdrill: backed up ${join(dataDir, DATABASE_FILE)} to ${target} (${pages.toLocaleString('en-US')} pages); restore by stopping the server and putting it in place of ${DATABASE_FILE}`,
  );
  return 0;
}
