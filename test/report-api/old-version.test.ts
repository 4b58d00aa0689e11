/**
 * Issue 18: the bundled drills moved to version 2. An exercise played on version 1 must still
 * open after the server restarts with only the new version offered: its report is built from
 * the drill text stored with the exercise, names version 1, and replays the v1 decisions, while
 * the picker offers version 2 alone (scenarios/versions/ is never offered).
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDrill } from '../../server/engine/check.ts';
import { play } from '../../server/engine/playthrough.ts';
import { gapReportSchema, type GapReport, type ScenarioSummary } from '../../protocol/index.ts';
import { connectClient } from '../helpers/client.ts';
import { request, startSolo } from '../helpers/http.ts';
import { ROOT, startTestServer, type TestServer } from '../helpers/server.ts';
import { MANAGER_KEY, withKey } from './keys.ts';

const V1 = join(ROOT, 'scenarios/versions/poisoned-fraud-detector.v1.yaml');
const CURRENT = join(ROOT, 'scenarios');

let dataDir: string;
let v1Dir: string;
let server: TestServer | undefined;
let exerciseId: string;
let played: string[];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'breachdrill-data-'));
  v1Dir = mkdtempSync(join(tmpdir(), 'breachdrill-v1-'));
  copyFileSync(V1, join(v1Dir, 'poisoned-fraud-detector.yaml'));

  // Play version 1 to the end, the way a trainee did before the upgrade.
  const old = await startTestServer({ dataDir, scenariosDir: v1Dir, keepData: true });
  const joined = await startSolo(old.url, { scenarioId: 'poisoned-fraud-detector', name: 'Trainee Vera' });
  const solo = await connectClient(old.url, joined);
  const { drill, stats } = loadDrill(V1);
  played = [];
  for (const event of play(drill, stats, { kind: 'best' }).events) {
    const inject = solo.state!.teams[0]!.progress.inject!.id;
    const ack =
      event.type === 'CHOOSE'
        ? await solo.command({ type: 'vote', option: event.option })
        : await solo.command({ type: 'continue', inject });
    if (!ack.ok) throw new Error(`v1 playthrough refused: ${JSON.stringify(ack)}`);
    if (event.type === 'CHOOSE') played.push(event.option);
    await solo.waitForVersion(ack.version);
  }
  await solo.waitFor((s) => s.exercise.status === 'debrief', 5000, 'the solo debrief');
  exerciseId = joined.exerciseId;
  solo.close();
  await old.close();

  // The upgraded server: the bundled scenarios directory, version 2 only on offer.
  server = await startTestServer({ dataDir, scenariosDir: CURRENT, ownsData: true });
});
afterAll(async () => {
  await server?.close();
  rmSync(v1Dir, { recursive: true, force: true });
});

describe('a report of an exercise played on version 1', () => {
  it('offers only version 2 of the drill for new exercises', async () => {
    const list = (await request(server!.url, '/api/scenarios')).body as ScenarioSummary[];
    const offered = list.filter((s) => s.id === 'poisoned-fraud-detector');
    expect(offered.map((s) => s.version)).toEqual([2]);
  });

  it('opens after the upgrade, names version 1 and replays the version-1 decisions', async () => {
    const res = await withKey(server!.url, `/api/exercises/${exerciseId}/report.json`, MANAGER_KEY);
    expect(res.status, res.text).toBe(200);
    const report: GapReport = gapReportSchema.parse(res.json());
    expect(report.overview.scenario).toMatchObject({ id: 'poisoned-fraud-detector', version: 1 });
    const [team] = report.teams;
    expect(team!.decisions.map((d) => d.chosen)).toEqual(played);
    // v1-only options prove the report was built from the v1 text, not the current file.
    expect(played).toContain('declare-sev2');
    expect(team!.ending?.id).toBe('contained-clean');
  });

  it('says which version was played in the Markdown report', async () => {
    const res = await withKey(server!.url, `/api/exercises/${exerciseId}/report.md`, MANAGER_KEY);
    expect(res.status).toBe(200);
    expect(res.text).toContain('poisoned-fraud-detector, version 1');
  });
});
