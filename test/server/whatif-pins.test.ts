/**
 * Pinning what-ifs into the gap report (docs/protocol.md W5-W8), against a real server on
 * 127.0.0.1 with real sockets and SQLite: staff only, in the debrief only, a fork that does not
 * fit is refused in words, the report gets its own counterfactual section recomputed from the log
 * (what was played stays exactly as it was), pins can be removed, and they survive a restart of a
 * real server process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GapReport, WhatIfAnswer, WhatIfPinned, WhatIfPins, WhatIfRequest } from '../../protocol/index.ts';
import { request, startSolo } from '../helpers/http.ts';
import { converge, latest, playTeam, setupSession, type Session } from '../helpers/play.ts';
import { PROCESS_MANAGER_KEY, spawnServer } from '../helpers/process.ts';
import { MINI, scenarioDir, startTestServer, type TestServer } from '../helpers/server.ts';

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

let server: TestServer;
let session: Session;
const pins = () => `/api/exercises/${session.created.exerciseId}/whatifs`;
const facilitator = () => bearer(session.created.facilitatorKey);
const report = async (ext: 'json' | 'md' | 'html', key = session.created.facilitatorKey) => {
  const res = await request(server.url, `/api/exercises/${session.created.exerciseId}/report.${ext}`, {
    headers: bearer(key),
  });
  expect(res.status).toBe(200);
  return res.body;
};

beforeAll(async () => {
  server = await startTestServer();
  session = await setupSession(server.url, { teams: 2, playersPerTeam: 1, mode: 'facilitator', observer: true });
});
afterAll(async () => {
  session?.close();
  await server?.close();
});

const red = { teamId: 't1', inject: 'alert', option: 'snapshot', policy: 'best' } as const;

describe('pinning what-ifs into the gap report', () => {
  it('W6 pinning before the debrief is refused: the report does not exist yet', async () => {
    const res = await request(server.url, pins(), { body: red, headers: facilitator() });
    expect(res).toEqual({
      status: 409,
      body: {
        ok: false,
        code: 'NOT_NOW',
        message: `what-ifs are pinned in the debrief, once play has ended; exercise ${session.created.exerciseId} is in running`,
      },
    });
  });

  it('W5 W8 a facilitator pins a what-if with a note; the report gets its own counterfactual section, equal to the debrief’s answer, and what was played is unchanged', async () => {
    await playTeam(session, 't1', ['wait', 'leave']);
    await playTeam(session, 't2', ['delete', 'pause']);
    expect((await session.facilitator.command({ type: 'end' })).ok).toBe(true);
    await converge(session.clients(), latest(session.clients()));
    const before = (await report('json')) as GapReport;
    expect(before.whatIf).toEqual([]);
    const version = session.facilitator.version;

    const res = await request(server.url, pins(), {
      body: { ...red, note: '  Had the team snapshotted first, the SLA would have been met  ' },
      headers: facilitator(),
    });
    expect(res.status).toBe(201);
    const { pin, pins: all } = res.body as WhatIfPinned;
    expect(all).toEqual([pin]);
    expect(pin).toMatchObject({
      teamId: 't1',
      teamName: 'Team 1',
      decision: 1,
      inject: 'alert',
      option: { id: 'snapshot' },
      played: { id: 'wait' },
      policy: 'best',
      note: 'Had the team snapshotted first, the SLA would have been met',
      pinnedBy: 'facilitator',
      pinnedAt: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/),
    });
    expect(pin.sentence).toMatch(
      /^Had Team 1 chosen “.+” instead of “.+” at “.+” \(then the best option at every later decision\), the story would have ended “.+” with \d+ of \d+ points; as played it ended “.+” with -?\d+ points?\./,
    );

    // the same fork over the socket (W3) gives the same timelines: the pin is recomputed, not a copy
    const asked: WhatIfAnswer = await session.facilitator.socket
      .timeout(10_000)
      .emitWithAck('whatif', red as WhatIfRequest);
    if (!asked.ok) throw new Error(asked.message);
    expect(pin.real).toEqual(asked.whatIf.real);
    expect(pin.alternative).toEqual(asked.whatIf.alternative);
    expect(pin.differences).toEqual(asked.whatIf.differences);
    expect(pin.flipped).toEqual(asked.whatIf.flipped);
    expect(pin.alternative.total.score).toBeGreaterThan(pin.real.total.score);

    // the JSON holds it in whatIf; everything played is byte for byte what it was
    const after = (await report('json')) as GapReport;
    expect(after.whatIf).toEqual([pin]);
    expect({ ...after, whatIf: [] }).toEqual(before);
    // the Markdown and HTML have a section of its own, after the conclusion and before the plan
    const md = (await report('md')) as string;
    const section = md.indexOf('## What if (counterfactual)');
    expect(section).toBeGreaterThan(md.indexOf('## Conclusion'));
    expect(section).toBeLessThan(md.indexOf('## Appendix A: Improvement plan'));
    expect(md.slice(section)).toMatch(
      /^## What if \(counterfactual\)\n\n\*\*Not played\.\*\* These timelines were not played\./,
    );
    expect(md).toContain('> Had the team snapshotted first, the SLA would have been met');
    expect(md).toContain('| Result | As played | What if (not played) |');
    const html = (await report('html')) as string;
    expect(html).toMatch(
      /<h2 class="major">What if \(counterfactual\)<\/h2>\n<p class="cf-intro"><strong>Not played\.<\/strong>/,
    );
    expect(html).toContain('<p class="cf-mark">Counterfactual: not played</p>');
    expect(html.indexOf('What if (counterfactual)')).toBeGreaterThan(html.indexOf('>Conclusion</h2>'));

    // pinning annotates the report, not the exercise: no event, no version
    await session.facilitator.socket.timeout(10_000).emitWithAck('whatif', red as WhatIfRequest);
    expect(session.facilitator.version).toBe(version);
  });

  it('W6 players, observers and share links cannot pin or remove pins; any key that reads the report lists them', async () => {
    const player = session.team('t1')[0]!.joined.token;
    const observer = session.observer!.token;
    const share = await request(server.url, `/api/exercises/${session.created.exerciseId}/shares`, {
      body: {},
      headers: facilitator(),
    });
    expect(share.status).toBe(201);
    const shareToken = (share.body as { token: string }).token;
    for (const key of [player, observer, shareToken]) {
      const res = await request(server.url, pins(), { body: { ...red, option: 'delete' }, headers: bearer(key) });
      expect(res.status).toBe(403);
    }
    const byPlayer = await request(server.url, pins(), { body: { ...red, option: 'delete' }, headers: bearer(player) });
    expect((byPlayer.body as { message: string }).message).toMatch(
      /opens only with its facilitator key or the manager key/,
    );
    const listed = await request(server.url, pins(), { headers: bearer(shareToken) });
    expect(listed.status).toBe(200);
    expect((listed.body as WhatIfPins).pins.map((p) => p.option.id)).toEqual(['snapshot']);
    const id = (listed.body as WhatIfPins).pins[0]!.id;
    expect(
      (await request(server.url, `${pins()}/${id}`, { method: 'DELETE', headers: bearer(shareToken) })).status,
    ).toBe(403);
    expect((await request(server.url, pins(), { body: { ...red, option: 'delete' } })).status).toBe(401);

    // a solo trainee reads their own run's report, but pins nothing in it
    const solo = await startSolo(server.url, { scenarioId: 'mini-drill', name: 'Tess' });
    const trainee = await request(server.url, `/api/exercises/${solo.exerciseId}/whatifs`, {
      body: red,
      headers: bearer(solo.token),
    });
    expect(trainee).toEqual({
      status: 403,
      body: {
        ok: false,
        code: 'FORBIDDEN',
        message: 'what-ifs are pinned with the facilitator key or the manager key',
      },
    });
  });

  it('W7 a fork that does not fit is refused in words: an option not on offer, a decision never made, an unknown team, a note of two lines', async () => {
    const refused = async (body: unknown) => {
      const res = await request(server.url, pins(), { body, headers: facilitator() });
      expect(res.status).toBe(400);
      return (res.body as { message: string }).message;
    };
    expect(await refused({ ...red, inject: 'pipeline', option: 'snapshot' })).toBe(
      '"snapshot" is not an option at decision 2 ("pipeline"); expected one of pause, leave',
    );
    expect(await refused({ ...red, option: 'unplug-everything' })).toBe(
      '"unplug-everything" is not an option at decision 1 ("alert"); expected one of snapshot, delete, wait',
    );
    expect(await refused({ ...red, inject: 'wrap' })).toBe('the team made no decision at inject "wrap"');
    expect(await refused({ ...red, teamId: 't9' })).toBe(
      'teamId: no team "t9" in this exercise; its teams are t1 (Team 1), t2 (Team 2)',
    );
    expect(await refused({ ...red, note: 'one\ntwo' })).toMatch(/^note: one line: no line breaks/);
    expect(await refused({ ...red, policy: 'luck' })).toMatch(/^policy: /);
    const listed = (await request(server.url, pins(), { headers: facilitator() })).body as WhatIfPins;
    expect(listed.pins).toHaveLength(1);
  });

  it('W5 W7 the manager pins too; the same fork again replaces its note; a pin is removed once, then 404', async () => {
    const manager = bearer('test-manager-key-0123456789');
    const second = await request(server.url, pins(), {
      body: { teamId: 't2', inject: 'alert', option: 'snapshot', policy: 'same' },
      headers: manager,
    });
    expect(second.status).toBe(201);
    expect((second.body as WhatIfPinned).pin).toMatchObject({
      teamName: 'Team 2',
      pinnedBy: 'manager',
      note: null,
      played: { id: 'delete' },
    });
    const again = await request(server.url, pins(), {
      body: { ...red, note: 'evidence kept' },
      headers: facilitator(),
    });
    const first = (again.body as WhatIfPinned).pins;
    expect(first.map((p) => [p.teamId, p.option.id, p.note])).toEqual([
      ['t1', 'snapshot', 'evidence kept'],
      ['t2', 'snapshot', null],
    ]);
    const md = (await report('md')) as string;
    expect(md).toContain('### Team 1, decision 1');
    expect(md).toContain('### Team 2, decision 1');
    expect(md).toContain('*Pinned by a manager, ');

    const gone = await request(server.url, `${pins()}/${first[1]!.id}`, { method: 'DELETE', headers: facilitator() });
    expect(gone.status).toBe(200);
    expect((gone.body as WhatIfPins).pins.map((p) => p.teamId)).toEqual(['t1']);
    expect(((await report('json')) as GapReport).whatIf.map((p) => p.teamId)).toEqual(['t1']);
    const twice = await request(server.url, `${pins()}/${first[1]!.id}`, { method: 'DELETE', headers: facilitator() });
    expect(twice.status).toBe(404);
  });
});

describe('pins and a restart', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it(
    'W5 W8 pins survive a killed server process: the restarted server’s report holds the same counterfactual section',
    { timeout: 90_000 },
    async () => {
      const scenariosDir = scenarioDir([MINI]);
      const dataDir = mkdtempSync(join(tmpdir(), 'breachdrill-pins-'));
      dirs.push(scenariosDir, dataDir);
      let proc = await spawnServer({ dataDir, scenariosDir });
      try {
        const played = await setupSession(proc.url, { teams: 1, playersPerTeam: 1, mode: 'facilitator' });
        await playTeam(played, 't1', ['delete', 'pause']);
        expect((await played.facilitator.command({ type: 'end' })).ok).toBe(true);
        played.close();
        const path = `/api/exercises/${played.created.exerciseId}`;
        const pinned = await request(proc.url, `${path}/whatifs`, {
          body: { teamId: 't1', inject: 'alert', option: 'snapshot', policy: 'same', note: 'kept' },
          headers: bearer(PROCESS_MANAGER_KEY),
        });
        expect(pinned.status).toBe(201);
        const before = (
          await request(proc.url, `${path}/report.json`, { headers: bearer(played.created.facilitatorKey) })
        ).body as GapReport;
        expect(before.whatIf).toHaveLength(1);

        await proc.kill('SIGKILL');
        proc = await spawnServer({ dataDir, scenariosDir });
        const after = (
          await request(proc.url, `${path}/report.json`, { headers: bearer(played.created.facilitatorKey) })
        ).body as GapReport;
        expect(after.whatIf).toEqual(before.whatIf);
        expect(after.whatIf[0]).toMatchObject({
          note: 'kept',
          pinnedBy: 'manager',
          option: { id: 'snapshot' },
          played: { id: 'delete' },
        });
        const md = (await request(proc.url, `${path}/report.md`, { headers: bearer(played.created.facilitatorKey) }))
          .body as string;
        expect(md).toContain('## What if (counterfactual)');
      } finally {
        await proc.kill('SIGKILL');
      }
    },
  );
});
