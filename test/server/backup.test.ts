/**
 * S13: `breachdrill backup` copies the database while the server runs and plays on; the copy
 * is one consistent file (0600), its chains verify, and a server started on it has every
 * command acknowledged before the backup. An existing file is never overwritten.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE, SqliteStore } from '../../server/exercise/store/sqlite.ts';
import { connectClient } from '../helpers/client.ts';
import { setupSession } from '../helpers/play.ts';
import { spawnServer } from '../helpers/process.ts';
import { MINI, ROOT, scenarioDir } from '../helpers/server.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'breachdrill-backup-'));
  dirs.push(dir);
  return dir;
};

/** Runs the command line (asynchronously: the server under test shares nothing with it). */
function cli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['bin/breachdrill.js', ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (status) => done({ status, stdout, stderr }));
  });
}

describe('breachdrill backup', () => {
  it(
    'S13 copies the database of a running server, which keeps playing; the copy restores every acknowledged command',
    { timeout: 90_000 },
    async () => {
      const scenariosDir = scenarioDir([MINI]);
      dirs.push(scenariosDir);
      const dataDir = tempDir();
      const proc = await spawnServer({ dataDir, scenariosDir });
      const session = await setupSession(proc.url, { teams: 2, playersPerTeam: 2 });
      const vote = await session.team('t1')[0]!.client.command({ type: 'vote', option: 'snapshot', reason: 'keep it' });
      expect(vote.ok).toBe(true);

      const target = join(tempDir(), 'copy.sqlite');
      const backup = await cli(['backup', '--data', dataDir, '--out', target]);
      expect(backup.stderr).toBe('');
      expect(backup).toMatchObject({ status: 0, stdout: expect.stringMatching(/backed up .* to .*copy\.sqlite/) });
      expect(statSync(target).mode & 0o777).toBe(0o600);
      // the server plays on
      expect((await session.team('t2')[0]!.client.command({ type: 'vote', option: 'delete' })).ok).toBe(true);
      session.close();
      await proc.kill('SIGTERM');

      const check = new SqliteStore(target);
      expect(await check.verifyChain(session.created.exerciseId)).toMatchObject({
        ok: true,
        events: (vote as { version: number }).version,
      });
      check.close();
      const restoredDir = tempDir();
      copyFileSync(target, join(restoredDir, DATABASE_FILE));
      const again = await spawnServer({ dataDir: restoredDir, scenariosDir });
      const facilitator = await connectClient(again.url, {
        exerciseId: session.created.exerciseId,
        token: session.created.facilitatorKey,
      });
      expect(facilitator.state!.version).toBeGreaterThanOrEqual((vote as { version: number }).version);
      expect(facilitator.state!.teams[0]!.decision.votes).toHaveLength(1);
      facilitator.close();
      await again.kill('SIGTERM');
    },
  );

  it('S13 refuses to overwrite a file, and says where the database was looked for when there is none', async () => {
    const existing = join(tempDir(), 'taken.sqlite');
    writeFileSync(existing, 'keep me');
    const emptyDir = tempDir();
    mkdirSync(join(emptyDir, 'data'));
    const [overwrite, missing] = await Promise.all([
      cli(['backup', '--data', emptyDir, '--out', existing]),
      cli(['backup', '--data', join(emptyDir, 'data'), '--out', join(emptyDir, 'new.sqlite')]),
    ]);
    expect(overwrite.status).toBe(1);
    expect(overwrite.stderr).toMatch(/taken\.sqlite exists already; name a new file/);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/no database at .*data\/breachdrill\.sqlite/);
    expect(existsSync(join(emptyDir, 'new.sqlite'))).toBe(false);
  });
});
