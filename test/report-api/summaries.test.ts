/**
 * S10: the report list reads a summary stored per finished exercise, written when play
 * finishes and when it ends, instead of replaying every exercise on the first request after a
 * restart (1.9-2.7 s for 500 exercises before). A database from before stored summaries gets
 * them made at start. (How fast the list is goes in `npm run bench`, part `reports`.)
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReportList } from '../../protocol/index.ts';
import { DATABASE_FILE } from '../../server/exercise/store/sqlite.ts';
import { connectClient } from '../helpers/client.ts';
import { openDb } from '../helpers/db.ts';
import { startSolo } from '../helpers/http.ts';
import { ROOT, startTestServer } from '../helpers/server.ts';
import { MANAGER_KEY, withKey } from './keys.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const list = async (url: string) => (await withKey(url, '/api/reports', MANAGER_KEY)).json() as ReportList;

/** Stored summaries with the log's head next to each. */
function stored(dataDir: string) {
  const db = openDb(dataDir);
  try {
    return db
      .prepare(
        'SELECT s.exercise_id AS id, s.status, s.head, (SELECT hash FROM events e WHERE e.exercise_id = s.exercise_id ORDER BY version DESC LIMIT 1) AS logHead FROM report_summaries s ORDER BY id',
      )
      .all() as Array<{ id: string; status: string; head: string; logHead: string }>;
  } finally {
    db.close();
  }
}

/** The stored summaries once `count` of them are at their log's head (they are written in the background), or after 5 s. */
async function settledRows(dataDir: string, count: number): Promise<ReturnType<typeof stored>> {
  const until = Date.now() + 5000;
  for (;;) {
    const rows = stored(dataDir);
    if (Date.now() > until || rows.filter((r) => r.head === r.logHead).length >= count) return rows;
    await new Promise((done) => setTimeout(done, 20));
  }
}

/** A solo run played to the debrief; `end` moves it on to ended. */
async function soloRun(url: string, name: string, end: boolean): Promise<string> {
  const joined = await startSolo(url, { scenarioId: 'mini-drill', name });
  const solo = await connectClient(url, joined);
  for (const option of ['snapshot', 'pause']) expect((await solo.command({ type: 'vote', option })).ok).toBe(true);
  const team = solo.state!.teams[0]!;
  if (!team.progress.ending) await solo.command({ type: 'continue', inject: team.progress.inject!.id });
  await solo.waitFor((s) => s.exercise.status === 'debrief', 5000, 'the debrief');
  if (end) expect((await solo.command({ type: 'end' })).ok).toBe(true);
  solo.close();
  return joined.exerciseId;
}

describe('stored report summaries', () => {
  it('S10 a summary is stored when play finishes and when it ends, at the log head; after a restart the list is the same', async () => {
    const server = await startTestServer({ keepData: true });
    dirs.push(server.dataDir);
    const ended = await soloRun(server.url, 'Trainee Una', true);
    const inDebrief = await soloRun(server.url, 'Trainee Vic', false);
    // written just after the event that finished play, off its path: give it a moment
    const rows = await settledRows(server.dataDir, 2);
    expect(rows.map((r) => [r.id, r.status]).sort()).toEqual(
      [
        [ended, 'ended'],
        [inDebrief, 'debrief'],
      ].sort(),
    );
    for (const row of rows) expect(row.head).toBe(row.logHead);
    const before = await list(server.url);
    expect(before.reports.map((r) => r.exerciseId).sort()).toEqual([ended, inDebrief].sort());

    const again = await server.restart();
    expect(await list(again.url)).toEqual(before);
    await again.close();
  });

  it('S10 a database from before stored summaries (the store-v0 fixture) gets them at start, and lists its finished exercises', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'breachdrill-summaries-'));
    dirs.push(dataDir);
    copyFileSync(join(ROOT, 'test/fixtures/store-v0', DATABASE_FILE), join(dataDir, DATABASE_FILE));
    const server = await startTestServer({ dataDir });
    const rows = stored(dataDir);
    expect(rows.map((r) => r.id).sort()).toEqual(['etlk0RTuSbHd6zH6', 'gdhLtWpOBEzGj_jc']);
    for (const row of rows) expect(row.head).toBe(row.logHead);
    const { reports } = await list(server.url);
    expect(reports.map((r) => [r.exerciseId, r.mode, r.status, r.verified])).toEqual([
      ['gdhLtWpOBEzGj_jc', 'solo', 'ended', true],
      ['etlk0RTuSbHd6zH6', 'vote', 'ended', true],
    ]);
    expect(reports[1]!.trainees).toEqual(['P1.1', 'P1.2', 'P1.3', 'P2.1', 'P2.2', 'P2.3']);
    await server.close();
  });
});
