/**
 * The exercise documents over HTTP (H13, H14): the Situation Manual and the feedback form for
 * anyone; the MSEL and the EEG, which reveal the story, only with the manager key or the
 * facilitator key of an exercise of that scenario.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExercise, joinExercise } from '../helpers/http.ts';
import { quickMini, startTestServer, MINI, type TestServer } from '../helpers/server.ts';
import type { CreatedExercise, Joined } from '../../protocol/index.ts';
import { MANAGER_KEY, withKey } from './keys.ts';

let server: TestServer;
let mini: CreatedExercise;
let quick: CreatedExercise;
let player: Joined;
let observer: Joined;

beforeAll(async () => {
  server = await startTestServer({ drills: [MINI, quickMini(5)] });
  mini = await createExercise(server.url, { scenarioId: 'mini-drill' });
  quick = await createExercise(server.url, { scenarioId: 'mini-quick' });
  player = await joinExercise(server.url, { code: mini.code, name: 'Ada' });
  observer = await joinExercise(server.url, { code: mini.code, name: 'Obs', observer: true });
});
afterAll(async () => {
  await server?.close();
});

describe('exercise documents over HTTP', () => {
  it('H13 the Situation Manual and the feedback form open for anyone, inline, with no script allowed', async () => {
    for (const name of ['sitman', 'feedback-form']) {
      const res = await withKey(server.url, `/api/scenarios/mini-drill/${name}.html`, null);
      expect(res.status, name).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe(`inline; filename="breachdrill-mini-drill-v1-${name}.html"`);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.text).toContain('Mini drill');
      // the opening is there; nothing after it
      expect(name !== 'sitman' || res.text.includes('Something is <strong>off</strong>.')).toBe(true);
      expect(res.text).not.toContain('The retrain runs tonight.');
      expect(res.text).not.toContain('The model was poisoned.');
    }
    expect((await withKey(server.url, '/api/scenarios/nope/sitman.html', null)).status).toBe(404);
    expect((await withKey(server.url, '/api/scenarios/mini-drill/sitman.pdf', null)).status).toBe(404);
    expect((await withKey(server.url, '/api/scenarios/mini-drill/aar.html', null)).status).toBe(404);
    expect((await withKey(server.url, '/api/scenarios/mini-drill/sitman.html', null, { method: 'POST' })).status).toBe(
      405,
    );
    expect((await withKey(server.url, '/api/scenarios/%/sitman.html', null)).status).toBe(400);
  });

  it('H14 the MSEL and the EEG open only with the manager key or the facilitator key of an exercise of that scenario', async () => {
    for (const path of ['msel.html', 'msel.csv', 'eeg.html']) {
      const status = async (key: string | null, scenario = 'mini-drill') =>
        (await withKey(server.url, `/api/scenarios/${scenario}/${path}`, key)).status;
      expect(await status(null), `${path} without a key`).toBe(401);
      expect(await status(player.token), `${path} with a player token`).toBe(403);
      expect(await status(observer.token), `${path} with an observer token`).toBe(403);
      expect(await status('not-a-real-key-000000000'), `${path} with an unknown key`).toBe(403);
      expect(
        await status(quick.facilitatorKey),
        `${path} with the facilitator key of another scenario's exercise`,
      ).toBe(403);
      expect(await status(mini.facilitatorKey), `${path} with the facilitator key`).toBe(200);
      expect(
        await status(quick.facilitatorKey, 'mini-quick'),
        `${path} of the other scenario with its facilitator key`,
      ).toBe(200);
      expect(await status(MANAGER_KEY), `${path} with the manager key`).toBe(200);
      expect(await status(MANAGER_KEY, 'nope'), `${path} of an unknown scenario`).toBe(404);
    }
    const csv = await withKey(server.url, '/api/scenarios/mini-drill/msel.csv', MANAGER_KEY);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="breachdrill-mini-drill-v1-msel.csv"');
    expect(csv.text).toContain('The model was poisoned.');
    const refused = await withKey(server.url, '/api/scenarios/mini-drill/eeg.html', player.token);
    expect(refused.json()).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
      message: expect.stringContaining('reveals the story'),
    });
    expect(
      (await withKey(server.url, `/api/scenarios/mini-drill/msel.html?key=${mini.facilitatorKey}`, null)).status,
    ).toBe(200);
  });

  it('H14 with ?exercise= they are the drill version that exercise was created from, after the drill file changed', async () => {
    const own = await startTestServer({ drills: [MINI] });
    let restarted: TestServer | undefined;
    try {
      const before = await createExercise(own.url, { scenarioId: 'mini-drill' });
      const file = join(own.scenariosDir, readdirSync(own.scenariosDir)[0]!);
      writeFileSync(
        file,
        readFileSync(file, 'utf8')
          .replace(/^version: 1$/m, 'version: 2')
          .replace(/^title: .*$/m, 'title: Mini drill, second edition')
          .replace('The model was poisoned.', 'The model was poisoned twice.'),
      );
      restarted = await own.restart();
      const url = restarted.url;
      const current = await withKey(url, '/api/scenarios/mini-drill/sitman.html', null);
      expect(current.text).toContain('Mini drill, second edition');
      const played = await withKey(url, `/api/scenarios/mini-drill/sitman.html?exercise=${before.exerciseId}`, null);
      expect(played.status).toBe(200);
      expect(played.text).not.toContain('second edition');
      expect(played.headers.get('content-disposition')).toContain('breachdrill-mini-drill-v1-sitman.html');
      const msel = await withKey(
        url,
        `/api/scenarios/mini-drill/msel.csv?exercise=${before.exerciseId}`,
        before.facilitatorKey,
      );
      expect(msel.status).toBe(200);
      expect(msel.text).toContain('The model was poisoned.');
      expect(msel.text).not.toContain('poisoned twice');
      // the exercise must be one of that scenario
      const unknown = await withKey(url, '/api/scenarios/mini-drill/sitman.html?exercise=no-such-exercise', null);
      expect(unknown.status).toBe(404);
      expect(unknown.json()).toMatchObject({ message: 'no exercise "no-such-exercise" of scenario "mini-drill"' });
      expect(
        (await withKey(url, `/api/scenarios/mini-quick/sitman.html?exercise=${before.exerciseId}`, null)).status,
      ).toBe(404);
      // the story still needs a staff key
      expect(
        (await withKey(url, `/api/scenarios/mini-drill/eeg.html?exercise=${before.exerciseId}`, null)).status,
      ).toBe(401);
    } finally {
      await (restarted ?? own).close();
    }
  });
});
