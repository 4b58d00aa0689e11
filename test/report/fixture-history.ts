/**
 * The fixed exercise the golden reports are made from: fraud-lite played by two teams with
 * names, votes, dissent, a hot wash, plan edits, two pinned what-ifs, report details (sponsor, organisations, point of
 * contact), a later exercise, and hostile text (markup and spreadsheet formulas) in every field a
 * player or facilitator can type into. It stands for a live exercise: its wall times are recorded.
 */
import { loadDrill } from '../../server/engine/check.ts';
import type { Drill } from '../../server/engine/drill.ts';
import type { ExploreResult } from '../../server/engine/explore.ts';
import { play } from '../../server/engine/playthrough.ts';
import { historyFromPlaythroughs } from '../../server/report/from-playthrough.ts';
import type { ExerciseHistory, HistoryTeam, HistoryVote } from '../../server/report/history.ts';

export const FRAUD_LITE = new URL('./fixtures/fraud-lite.yaml', import.meta.url).pathname;
export const MINI = new URL('../fixtures/valid/mini.yaml', import.meta.url).pathname;

/** 2026-03-10 14:00 UTC. */
export const START = Date.UTC(2026, 2, 10, 14, 0, 0);

export const HOSTILE_NAME = '<img src=x onerror=alert(1)>Mallory';
export const HOSTILE_REASON = '<script>alert("x")</script> we should wait';
export const FORMULA_REASON = '=HYPERLINK("http://evil.invalid","click")';
export const FORMULA_POC = '+44 20 7946 0000, "Sam" Osei';

export function loadFraudLite(): { drill: Drill; stats: ExploreResult } {
  return loadDrill(FRAUD_LITE);
}

const vote = (
  playerId: string,
  name: string,
  role: string,
  option: string,
  at: number,
  reason?: string,
): HistoryVote => ({
  playerId,
  name,
  role,
  option,
  at,
  ...(reason ? { reason } : {}),
});

function withVotes(
  team: HistoryTeam,
  votes: Record<string, HistoryVote[]>,
  settledBy: Record<string, HistoryTeam['decisions'][number]['settledBy']>,
  extraMs: Record<string, number>,
): HistoryTeam {
  return {
    ...team,
    decisions: team.decisions.map((d) => ({
      ...d,
      closedAt: d.closedAt + (extraMs[d.inject] ?? 0),
      settledBy: settledBy[d.inject] ?? 'vote',
      votes: votes[d.inject] ?? [],
    })),
  };
}

/** The two-team history of the golden reports. */
export function fixedHistory(drill: Drill, stats: ExploreResult): ExerciseHistory {
  const blueRun = play(drill, stats, {
    kind: 'ids',
    ids: ['delete-v7', 'trace-lineage', 'pause-and-audit', 'notify-dpa', 'blameless-review'],
  });
  const redRun = play(drill, stats, {
    kind: 'ids',
    ids: ['watch', 'assume-small', 'leave-running', 'press-first', 'close-ticket'],
  });
  const base = historyFromPlaythroughs(
    drill,
    [
      { name: 'Blue', playthrough: blueRun },
      { name: 'Red', playthrough: redRun },
    ],
    { start: START, secondsPerDecision: 240, exerciseId: 'ex-2026-03-10-a', facilitator: 'Dana Whitfield' },
  );
  const t = (i: number): number => START + i * 240_000 + 30_000;
  const [blue, red] = base.teams as [HistoryTeam, HistoryTeam];
  const bluePlayers = [
    { id: 'b1', name: 'Alice Ng', role: 'ir-lead' },
    { id: 'b2', name: 'Bo Persson', role: 'ml-engineer' },
    { id: 'b3', name: 'Chen Li', role: 'data-engineer' },
    { id: 'b4', name: 'Dee Okafor', role: 'legal' },
  ];
  const redPlayers = [
    { id: 'r1', name: 'Erin Walsh', role: 'ir-lead' },
    { id: 'r2', name: HOSTILE_NAME, role: 'ml-engineer' },
    { id: 'r3', name: '@Finn', role: 'communications' },
  ];
  const blueTeam = withVotes(
    { ...blue, id: 'blue', players: bluePlayers },
    {
      alert: [
        vote('b1', 'Alice Ng', 'ir-lead', 'delete-v7', t(0)),
        vote(
          'b2',
          'Bo Persson',
          'ml-engineer',
          'snapshot-then-rollback',
          t(0),
          'We lose the evidence if we delete v7 now.',
        ),
      ],
      scope: [vote('b3', 'Chen Li', 'data-engineer', 'trace-lineage', t(1))],
      pipeline: [
        vote('b2', 'Bo Persson', 'ml-engineer', 'pause-and-audit', t(2)),
        vote('b3', 'Chen Li', 'data-engineer', 'pause-and-audit', t(2)),
      ],
      notify: [
        vote('b1', 'Alice Ng', 'ir-lead', 'notify-dpa', t(3)),
        vote('b4', 'Dee Okafor', 'legal', 'notify-dpa', t(3)),
      ],
      review: [vote('b1', 'Alice Ng', 'ir-lead', 'blameless-review', t(4))],
    },
    { alert: 'lead' },
    { alert: 95_000 },
  );
  const redTeam = withVotes(
    { ...red, id: 'red', players: redPlayers },
    {
      alert: [
        vote('r1', 'Erin Walsh', 'ir-lead', 'watch', t(0)),
        vote('r2', HOSTILE_NAME, 'ml-engineer', 'snapshot-then-rollback', t(0), HOSTILE_REASON),
      ],
      notify: [
        vote('r1', 'Erin Walsh', 'ir-lead', 'press-first', t(3)),
        vote('r3', '@Finn', 'communications', 'notify-dpa', t(3), FORMULA_REASON),
      ],
      review: [vote('r1', 'Erin Walsh', 'ir-lead', 'close-ticket', t(4))],
    },
    { scope: 'lead', pipeline: 'facilitator' },
    { scope: -60_000 },
  );
  redTeam.adHocInjects = [
    {
      title: 'CEO <script>alert(2)</script> calls',
      body: 'The CEO wants an update in 10 minutes & asks "is it fixed?"',
      at: START + 600_000,
    },
  ];
  return {
    ...base,
    exercise: { ...base.exercise, code: 'K7QX' },
    teams: [blueTeam, redTeam],
    hotwash: [
      {
        teamId: 'blue',
        playerName: 'Alice Ng',
        role: 'ir-lead',
        worked: 'Fast rollback.',
        didNot: 'We deleted v7 before anyone looked.',
        confidence: { containment: 5, evidence: 2, detection: 2, recovery: 2 },
      },
      {
        teamId: 'blue',
        playerName: 'Chen Li',
        role: 'data-engineer',
        worked: 'Lineage query.',
        didNot: 'Nothing major.',
        confidence: { containment: 4, evidence: 3, detection: 2, recovery: 2 },
      },
      {
        teamId: 'red',
        playerName: HOSTILE_NAME,
        role: 'ml-engineer',
        worked: '=1+1',
        didNot: HOSTILE_REASON,
        confidence: { containment: 4, communication: 5 },
      },
      {
        teamId: 'red',
        playerName: 'Erin Walsh',
        role: 'ir-lead',
        worked: 'We stayed calm.',
        didNot: 'Too slow to act.',
        confidence: { containment: 4, communication: 4 },
      },
    ],
    anonymousHotwash: false,
    plan: [
      {
        key: 'evidence-before-change',
        teamId: 'blue',
        start: '2026-03-17',
        completion: '2026-04-30',
        responsible: 'ML platform team',
      },
      {
        key: 'contain-in-sla',
        teamId: 'red',
        organisation: 'Northwind Bank, model risk office',
        organisationPoc: FORMULA_POC,
      },
    ],
    details: {
      sponsor: 'Northwind Bank CISO office',
      organisations: ['Northwind Bank', 'Partner Feeds <b>GmbH</b>'],
      pointOfContact: 'Dana Whitfield, exercise director, dana@example.org',
    },
    whatIf: [
      {
        id: 'pin-1',
        teamId: 'red',
        inject: 'alert',
        option: 'snapshot-then-rollback',
        policy: 'same',
        note: 'Had they <b>snapshotted</b> first, =evidence would have been kept',
        pinnedBy: 'facilitator',
        pinnedAt: START + 3_600_000,
      },
      {
        id: 'pin-2',
        teamId: 'blue',
        inject: 'alert',
        option: 'snapshot-then-rollback',
        policy: 'best',
        note: null,
        pinnedBy: 'manager',
        pinnedAt: START + 3_700_000,
      },
    ],
    wallClock: 'recorded',
    integrity: { events: 57, head: '3f7a9c0e5b1d2468ace013579bdf2468ace013579bdf2468ace013579bdf2468', verified: true },
    later: [
      {
        exerciseId: 'ex-2026-04-21-b',
        teamName: 'Red',
        endedAt: Date.UTC(2026, 3, 21, 16, 0),
        met: ['learn', 'size-scope'],
      },
      { exerciseId: 'ex-2026-01-05-z', teamName: 'Red', endedAt: Date.UTC(2026, 0, 5, 16, 0), met: ['contain-in-sla'] },
    ],
  };
}
