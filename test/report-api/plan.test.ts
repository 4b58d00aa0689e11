/**
 * Improvement-plan edits (PUT /api/exercises/:id/plan) are validated with clear 400s, survive
 * in storage, and appear in the exports that hold the plan (JSON, Markdown, HTML; the CSV is
 * the decision log).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gapReportSchema } from '../../protocol/index.ts';
import type { Session } from '../helpers/play.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { playTwoTeamDrill } from './drill.ts';
import { MANAGER_KEY, withKey } from './keys.ts';

let server: TestServer;
let session: Session;
beforeAll(async () => {
  server = await startTestServer();
  session = await playTwoTeamDrill(server.url);
});
afterAll(async () => {
  session?.close();
  await server?.close();
});

const put = (body: unknown, key = MANAGER_KEY) =>
  withKey(server.url, `/api/exercises/${session.created.exerciseId}/plan`, key, { method: 'PUT', body });

describe('H8 improvement-plan edits', () => {
  it('rejects bad edits, naming the field', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{}, /items/],
      [{ items: [] }, /items/],
      [{ items: [{ teamId: 't2', key: 'pause-it', start: '2026-13-01' }] }, /items\.0\.start/],
      [
        { items: [{ teamId: 't2', key: 'pause-it', start: '01/02/2026' }] },
        /items\.0\.start: expected a date as YYYY-MM-DD/,
      ],
      [
        { items: [{ teamId: 't2', key: 'pause-it', start: '2026-05-01', completion: '2026-04-01' }] },
        /items\.0\.completion: the completion date is before the start date/,
      ],
      [{ items: [{ teamId: 't2', key: 'pause-it', element: 'money' }] }, /items\.0\.element/],
      [{ items: [{ teamId: 't2', key: 'pause-it', owner: 'x' }] }, /items\.0/],
      [
        { items: [{ teamId: 't1', key: 'pause-it' }] },
        /items\.0: no improvement-plan row for team "t1" and key "pause-it"; the rows are: t2\//,
      ],
    ];
    for (const [body, message] of cases) {
      const res = await put(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((res.json() as { message: string }).message).toMatch(message);
    }
    expect(
      (
        await withKey(server.url, `/api/exercises/${session.created.exerciseId}/plan`, MANAGER_KEY, {
          method: 'PUT',
          body: 'not json' as unknown,
        })
      ).status,
    ).toBe(400);
  });

  it("H8 sets a row's status (open, in progress, done) with the date it was set, kept while unchanged, in every export", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const row = () => put({ items: [{ teamId: 't2', key: 'pause-it', status: 'in-progress' }] });
    const first = await row();
    expect(first.status).toBe(200);
    const item = (first.json() as { plan: Array<Record<string, unknown>> }).plan.find(
      (p) => p.key === 'pause-it' && p.teamId === 't2',
    );
    expect(item).toMatchObject({ status: 'in-progress', statusDate: today });
    const base = `/api/exercises/${session.created.exerciseId}/report`;
    expect((await withKey(server.url, `${base}.md`, MANAGER_KEY)).text).toContain(`in progress since ${today}`);
    expect((await withKey(server.url, `${base}.html`, MANAGER_KEY)).text).toContain(`in progress since ${today}`);
    const bad = await put({ items: [{ teamId: 't2', key: 'pause-it', status: 'validated' }] });
    expect(bad.status, 'validated is earned by a later exercise, not set').toBe(400);
    expect((bad.json() as { message: string }).message).toMatch(/items\.0\.status/);
    const back = await put({ items: [{ teamId: 't2', key: 'pause-it' }] });
    expect(
      (back.json() as { plan: Array<Record<string, unknown>> }).plan.find(
        (p) => p.key === 'pause-it' && p.teamId === 't2',
      ),
    ).toMatchObject({ status: 'open' });
  });

  it('saves edits and shows them in the JSON, Markdown and HTML exports', async () => {
    const edit = {
      teamId: 't2',
      key: 'pause-it',
      correctiveAction: 'Add a pipeline kill switch to the runbook',
      element: 'equipment',
      responsible: 'ML platform owner',
      start: '2026-04-01',
      completion: '2026-06-30',
    };
    const res = await put({ items: [edit] }, session.created.facilitatorKey);
    expect(res.status).toBe(200);
    const { plan } = res.json() as { plan: Array<Record<string, unknown>> };
    expect(plan.find((p) => p.teamId === 't2' && p.key === 'pause-it')).toMatchObject({ ...edit, status: 'open' });

    const base = `/api/exercises/${session.created.exerciseId}/report`;
    const json = gapReportSchema.parse((await withKey(server.url, `${base}.json`, MANAGER_KEY)).json());
    expect(json.plan.find((p) => p.key === 'pause-it' && p.teamId === 't2')).toMatchObject(edit);
    const md = (await withKey(server.url, `${base}.md`, MANAGER_KEY)).text;
    const html = (await withKey(server.url, `${base}.html`, MANAGER_KEY)).text;
    const csv = (await withKey(server.url, `${base}.csv`, MANAGER_KEY)).text;
    for (const [name, text] of [
      ['md', md],
      ['html', html],
    ] as const) {
      expect(text, name).toContain(edit.correctiveAction);
      expect(text, name).toContain(edit.responsible);
      expect(text, name).toContain('2026-04-01');
      expect(text, name).toContain('2026-06-30');
    }
    // The CSV export is the decision log (its columns are versioned, docs/report-format.md):
    // the plan is not part of it, so an edit leaves it as it was, and it still parses.
    expect(csv.split('\r\n')[0]).toMatch(/^team,n,inject,/);
    expect(csv).not.toContain(edit.correctiveAction);
  });

  it('an item with only its key resets the row to the defaults', async () => {
    const res = await put({ items: [{ teamId: 't2', key: 'pause-it' }] });
    const row = (res.json() as { plan: Array<Record<string, unknown>> }).plan.find(
      (p) => p.key === 'pause-it' && p.teamId === 't2',
    )!;
    const report = await withKey(server.url, `/api/exercises/${session.created.exerciseId}/report.json`, MANAGER_KEY);
    const date = (report.json() as { overview: { date: string } }).overview.date;
    expect(row).toMatchObject({
      start: date,
      responsible: 'IR lead',
      element: 'planning',
      organisation: '',
      organisationPoc: '',
    });
    expect(row.correctiveAction).not.toBe('Add a pipeline kill switch to the runbook');
  });
});
