/**
 * R9: an operator tunes the limits with BREACHDRILL_* variables; a value that is not a whole
 * number of 1 or more stops the start with a message naming the variable.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectClient } from '../helpers/client.ts';
import { createExercise, request } from '../helpers/http.ts';
import { spawnServer } from '../helpers/process.ts';
import { MINI, ROOT, scenarioDir } from '../helpers/server.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('tuning the limits', () => {
  it(
    'R9 BREACHDRILL_FINISHED_IN_MEMORY sets how many finished exercises stay in memory (S6)',
    { timeout: 60_000 },
    async () => {
      const scenariosDir = scenarioDir([MINI]);
      const dataDir = mkdtempSync(join(tmpdir(), 'breachdrill-tuning-'));
      dirs.push(scenariosDir, dataDir);
      const proc = await spawnServer({ dataDir, scenariosDir, env: { BREACHDRILL_FINISHED_IN_MEMORY: '1' } });
      for (let i = 0; i < 3; i++) {
        const created = await createExercise(proc.url, { scenarioId: 'mini-drill', mode: 'vote', teams: ['Red'] });
        const facilitator = await connectClient(proc.url, {
          exerciseId: created.exerciseId,
          token: created.facilitatorKey,
        });
        for (const type of ['start', 'end'] as const) expect((await facilitator.command({ type })).ok).toBe(true);
        facilitator.close();
      }
      expect((await request(proc.url, '/healthz')).body).toMatchObject({ exercises: 1 });
      await proc.kill('SIGTERM');
    },
  );

  it('R9 a limit that is not a whole number of 1 or more stops the start, naming the variable', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'breachdrill-tuning-'));
    dirs.push(dataDir);
    const run = spawnSync(process.execPath, ['bin/breachdrill.js', 'serve'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, BREACHDRILL_FINISHED_IN_MEMORY: 'fast' },
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/BREACHDRILL_FINISHED_IN_MEMORY must be a whole number of 1 or more, found "fast"/);
  });
});
