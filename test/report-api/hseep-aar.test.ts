/**
 * Issue 15 acceptance: a two-team exercise played through the real protocol, its exercise details
 * and plan rows entered through the API (H8, H8a), gives an after-action report with every HSEEP
 * AAR/IP section and improvement-plan column in the Markdown, the HTML and the JSON, and an
 * improvement-plan CSV that is RFC 4180 and formula-injection safe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gapReportSchema, type GapReport } from '../../protocol/index.ts';
import { PLAN_CSV_COLUMNS } from '../../server/report/plan-csv.ts';
import type { Session } from '../helpers/play.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { parseCsv } from '../report/csv-parse.ts';
import { playTwoTeamDrill } from './drill.ts';
import { MANAGER_KEY, withKey } from './keys.ts';

const DETAILS = {
  sponsor: 'Northwind Bank CISO office',
  organisations: ['Northwind Bank', '=HYPERLINK("http://evil.invalid","Partner") <b>Ltd</b>'],
  pointOfContact: 'Dana Whitfield, exercise director, dana@example.org',
};
const POC = '+44 20 7946 0000, "Sam" Osei';

let server: TestServer;
let session: Session;
const text: Record<'md' | 'html' | 'json' | 'plan.csv', string> = { md: '', html: '', json: '', 'plan.csv': '' };
let report: GapReport;

beforeAll(async () => {
  server = await startTestServer();
  session = await playTwoTeamDrill(server.url);
  const id = session.created.exerciseId;
  const details = await withKey(server.url, `/api/exercises/${id}/details`, session.created.facilitatorKey, {
    method: 'PUT',
    body: DETAILS,
  });
  expect(details.status, details.text).toBe(200);
  const first = (details.json() as { report: GapReport }).report.plan[0]!;
  const plan = await withKey(server.url, `/api/exercises/${id}/plan`, MANAGER_KEY, {
    method: 'PUT',
    body: {
      items: [{ teamId: first.teamId, key: first.key, organisation: '@Northwind platform team', organisationPoc: POC }],
    },
  });
  expect(plan.status, plan.text).toBe(200);
  for (const ext of Object.keys(text) as Array<keyof typeof text>) {
    const res = await withKey(server.url, `/api/exercises/${id}/report.${ext}`, MANAGER_KEY);
    expect(res.status).toBe(200);
    text[ext] = res.text;
  }
  report = gapReportSchema.parse(JSON.parse(text.json));
});
afterAll(async () => {
  session?.close();
  await server?.close();
});

/** The HSEEP sections, in the order the exports print them. */
const SECTIONS = [
  'Executive summary',
  'Exercise overview',
  'Exercise design summary',
  'Summary of capability performance',
  'Analysis of capabilities',
  'Conclusion',
  'Appendix A: Improvement plan',
  'Appendix B: Participants and integrity',
];
const OVERVIEW_ROWS = [
  'Mission area',
  'Core capabilities',
  'Threat (MITRE ATLAS)',
  'Scenario',
  'Sponsor',
  'Participating organisations',
  'Point of contact',
];
const AREA_PARTS = ['Observation', 'Reference', 'Analysis', 'Recommendation'];
const PLAN_COLUMNS = [
  'Capability',
  'Issue / area for improvement',
  'Corrective action',
  'Capability element',
  'Responsible role',
  'Primary responsible organisation',
  'Organisation POC',
  'Start',
  'Completion',
  'Status',
  'ATLAS mitigation',
  'CSF',
];

const inOrder = (haystack: string[], needles: string[]): boolean => {
  let at = -1;
  return needles.every((n) => {
    const i = haystack.findIndex((h, k) => k > at && h.startsWith(n));
    at = i;
    return i >= 0;
  });
};

describe('H8a exercise details', () => {
  it('are refused without the facilitator or manager key, and validated', async () => {
    const path = `/api/exercises/${session.created.exerciseId}/details`;
    expect((await withKey(server.url, path, null, { method: 'PUT', body: {} })).status).toBe(401);
    expect(
      (await withKey(server.url, path, session.team('t1')[0]!.joined.token, { method: 'PUT', body: {} })).status,
    ).toBe(403);
    const bad = await withKey(server.url, path, MANAGER_KEY, { method: 'PUT', body: { sponsor: 'x'.repeat(161) } });
    expect(bad.status).toBe(400);
    expect((bad.json() as { message: string }).message).toMatch(/sponsor/);
    expect((await withKey(server.url, path, MANAGER_KEY, { method: 'PUT', body: { owner: 'x' } })).status).toBe(400);
    expect((await withKey(server.url, path, MANAGER_KEY)).status).toBe(405);
  });
});

describe('the after-action report of a played two-team exercise', () => {
  it('JSON: the overview carries mission areas, core capabilities, sponsor, organisations and point of contact', () => {
    const o = report.overview;
    expect(o.missionAreas).toEqual(['Response']);
    expect(o.missionAreasFrom).toBe('default');
    expect(o.coreCapabilities.map((c) => c.id)).toEqual(report.comparison.map((c) => c.capability));
    expect([o.sponsor, o.organisations, o.pointOfContact]).toEqual([
      DETAILS.sponsor,
      DETAILS.organisations,
      DETAILS.pointOfContact,
    ]);
    expect(o.wallClock).toBe('recorded');
  });

  it('JSON: the design summary, grouped findings with observation, references, analysis and recommendation, and a conclusion', () => {
    expect(report.design.objectives.map((o) => o.text)).toEqual(report.objectives);
    expect(report.design.capabilities.flatMap((c) => c.expectations).sort()).toEqual(
      report.teams[0]!.expectations.map((e) => e.id).sort(),
    );
    expect(report.teams.flatMap((t) => t.improvements).length).toBeGreaterThan(0);
    for (const t of report.teams) {
      for (const f of t.improvements) {
        expect(f.text).not.toBe('');
        expect(f.note).not.toBe('');
        expect(f.recommendation).toBe(
          report.plan.find((p) => p.teamId === t.id && p.key === f.key && p.source === f.source)!.correctiveAction,
        );
      }
    }
    for (const t of report.teams)
      for (const f of t.strengths)
        expect(f.mitigations.every((m) => t.mitigationsApplied.some((a) => a.id === m.id))).toBe(true);
    expect(report.conclusion.length).toBeGreaterThanOrEqual(2);
  });

  it('JSON: every plan row has role, organisation, POC, dates, ATLAS and CSF', () => {
    expect(report.plan.length).toBeGreaterThan(0);
    for (const p of report.plan) {
      expect(Object.keys(p)).toEqual(
        expect.arrayContaining([
          'responsible',
          'organisation',
          'organisationPoc',
          'start',
          'completion',
          'mitigations',
          'csf',
        ]),
      );
      expect(p.start).toBe(report.overview.date);
    }
    expect(report.plan[0]).toMatchObject({ organisation: '@Northwind platform team', organisationPoc: POC });
    // two organisations took part, so no other row is given one by default
    expect(report.plan.slice(1).every((p) => p.organisation === '')).toBe(true);
  });

  it('Markdown: every HSEEP section, overview row, area part and plan column', () => {
    const headings = text.md
      .split('\n')
      .filter((l) => l.startsWith('## '))
      .map((l) => l.slice(3));
    expect(inOrder(headings, SECTIONS), headings.join(' / ')).toBe(true);
    for (const row of OVERVIEW_ROWS) expect(text.md).toMatch(new RegExp(`^\\| ${row.replace(/[()]/g, '\\$&')}`, 'm'));
    expect(text.md).toContain('| Sponsor | Northwind Bank CISO office |');
    expect(text.md).toContain('&lt;b&gt;Ltd&lt;/b&gt;');
    const analysis = text.md.slice(text.md.indexOf('## Analysis of capabilities'), text.md.indexOf('## Team results'));
    for (const c of report.comparison) expect(analysis).toContain(`### ${c.label}`);
    expect(analysis).toContain('**Strengths**');
    expect(analysis).toContain('**Areas for improvement**');
    for (const part of AREA_PARTS) expect(analysis).toContain(`**${part}`);
    const header = text.md.split('\n').find((l) => l.startsWith('| Team | Capability | Issue'))!;
    expect(
      header
        .split('|')
        .map((c) => c.trim())
        .filter(Boolean),
    ).toEqual(['Team', ...PLAN_COLUMNS]);
  });

  it('HTML: every HSEEP section, overview row, area part and plan column', () => {
    const headings = [...text.html.matchAll(/<h2[^>]*>([^<]+)<\/h2>/g)].map((m) => m[1]!);
    expect(inOrder(headings, SECTIONS), headings.join(' / ')).toBe(true);
    const rows = [...text.html.matchAll(/<th scope="row">([^<]+)<\/th>/g)].map((m) => m[1]!);
    for (const row of OVERVIEW_ROWS)
      expect(
        rows.some((r) => r.startsWith(row)),
        row,
      ).toBe(true);
    const dts = new Set([...text.html.matchAll(/<dt>([A-Za-z]+)/g)].map((m) => m[1]!));
    for (const part of AREA_PARTS) expect(dts.has(part), part).toBe(true);
    const plan = text.html.slice(text.html.indexOf('<section class="plan">'));
    const columns = [...plan.slice(0, plan.indexOf('</thead>')).matchAll(/<th scope="col"[^>]*>([^<]+)<\/th>/g)].map(
      (m) => m[1]!,
    );
    expect(columns).toEqual(PLAN_COLUMNS);
    expect(text.html).not.toContain('<b>Ltd</b>');
  });

  it('plan CSV: RFC 4180, one row per plan item, the new columns, formulas neutralised', () => {
    expect(text['plan.csv'].endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text['plan.csv']);
    expect(rows[0]).toEqual([...PLAN_CSV_COLUMNS]);
    expect(rows[0]).toEqual(
      expect.arrayContaining([
        'responsible',
        'organisation',
        'organisation_poc',
        'start',
        'completion',
        'atlas_mitigations',
        'csf',
      ]),
    );
    expect(rows.length - 1).toBe(report.plan.length);
    for (const row of rows) expect(row).toHaveLength(PLAN_CSV_COLUMNS.length);
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    const first = rows[1]!;
    expect(first[PLAN_CSV_COLUMNS.indexOf('organisation')]).toBe("'@Northwind platform team");
    expect(first[PLAN_CSV_COLUMNS.indexOf('organisation_poc')]).toBe(`'${POC}`);
    expect(first[PLAN_CSV_COLUMNS.indexOf('start')]).toBe(report.overview.date);
  });
});
