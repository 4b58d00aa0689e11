/**
 * S11: DATA_DIR and the database files hold players' names, reasons and hot-wash answers: the
 * server creates the directory 0700 and the database, its -wal and -shm 0600, whatever the umask.
 */
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../server/exercise/store/sqlite.ts';
import { setupSession } from '../helpers/play.ts';
import { startTestServer } from '../helpers/server.ts';

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);
const parents: string[] = [];
afterEach(() => {
  for (const dir of parents.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('data file permissions', () => {
  it('S11 a new DATA_DIR is 0700 and the database, -wal and -shm are 0600 (umask 022)', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'breachdrill-perm-'));
    parents.push(parent);
    const dataDir = join(parent, 'data');
    const umask = process.umask(0o022);
    try {
      const server = await startTestServer({ dataDir });
      const session = await setupSession(server.url, { teams: 1, playersPerTeam: 1 });
      expect(modeOf(dataDir)).toBe('700');
      for (const file of [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`])
        expect([file, modeOf(join(dataDir, file))]).toEqual([file, '600']);
      session.close();
      await server.close();
    } finally {
      process.umask(umask);
    }
  });

  it('S11 a database left world-readable by an older version is tightened to 0600 at start', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'breachdrill-perm-'));
    parents.push(parent);
    const first = await startTestServer({ dataDir: parent });
    await first.close();
    chmodSync(join(parent, DATABASE_FILE), 0o644);
    const again = await startTestServer({ dataDir: parent });
    expect(modeOf(join(parent, DATABASE_FILE))).toBe('600');
    await again.close();
  });
});
