/** P5 P5a P5b: the patch merge rule (protocol/patch.ts), table-driven on small hand-made views. */
import { describe, expect, it } from 'vitest';
import {
  applyPatch,
  mergeDecision,
  mergeProgress,
  type LogEntryView,
  type Patch,
  type TeamDecisionView,
  type TeamProgressView,
} from '../../../protocol/index.ts';
import { tinySnapshot } from '../protocol-client/mini-server.ts';

const entry = (inject: string): LogEntryView => ({
  inject,
  injectTitle: inject,
  option: null,
  optionLabel: null,
  kind: 'continued',
  at: 0,
});
const decision: TeamDecisionView = {
  injectId: 'i1',
  votes: [
    { playerId: 'a', option: 'x' },
    { playerId: 'b', option: 'y', reason: 'why' },
  ],
  deadline: 10,
  remainingMs: null,
  tied: ['x', 'y'],
};

describe('P5b: a vote delta merged into the decision', () => {
  const CASES: Array<{
    name: string;
    delta: Parameters<typeof mergeDecision>[1];
    votes: TeamDecisionView['votes'];
    tied: string[] | undefined;
  }> = [
    {
      name: "a changed vote replaces that player's, in place",
      delta: { votes: [{ playerId: 'a', option: 'y' }] },
      votes: [
        { playerId: 'a', option: 'y' },
        { playerId: 'b', option: 'y', reason: 'why' },
      ],
      tied: undefined,
    },
    {
      name: 'a new voter is added after the others',
      delta: { votes: [{ playerId: 'c', option: 'x' }], tied: ['x', 'y'] },
      votes: [...decision.votes, { playerId: 'c', option: 'x' }],
      tied: ['x', 'y'],
    },
    {
      name: 'a replaced vote drops the old reason',
      delta: { votes: [{ playerId: 'b', option: 'x' }] },
      votes: [
        { playerId: 'a', option: 'x' },
        { playerId: 'b', option: 'x' },
      ],
      tied: undefined,
    },
  ];
  it.each(CASES)('P5b: $name; tied replaces (absent: no tie)', ({ delta, votes, tied }) => {
    const merged = mergeDecision(decision, delta);
    expect(merged.votes).toEqual(votes);
    expect(merged.tied).toEqual(tied);
    expect(merged).toMatchObject({ injectId: 'i1', deadline: 10 });
    expect(decision.votes).toHaveLength(2); // the old decision is not changed
  });
});

describe('P5a: a progress delta merged into the progress', () => {
  const progress: TeamProgressView = {
    ...tinySnapshot().teams[0]!.progress,
    log: [entry('a'), entry('b')],
    estate: { models: [], endpoints: [], pipelines: [{ id: 'p', status: 'running' }], evidence: [], metrics: [] },
  };
  const delta = (logFrom: number, log: LogEntryView[]) => ({
    simMinutes: 30,
    inject: null,
    ending: null,
    clocks: [],
    logFrom,
    log,
    estate: { pipelines: [{ id: 'p', status: 'paused' }] },
  });

  it.each([
    { name: 'entries from the end of the log are appended', logFrom: 2, log: [entry('c')], expected: ['a', 'b', 'c'] },
    { name: 'entries from an earlier index replace the rest', logFrom: 1, log: [entry('c')], expected: ['a', 'c'] },
  ])('P5a: $name; named estate parts replace, the others stay', ({ logFrom, log, expected }) => {
    const merged = mergeProgress(progress, delta(logFrom, log));
    expect(merged.log.map((e) => e.inject)).toEqual(expected);
    expect(merged.simMinutes).toBe(30);
    expect(merged.estate.pipelines).toEqual([{ id: 'p', status: 'paused' }]);
    expect(merged.estate.models).toBe(progress.estate.models);
  });

  it('P5a: a delta whose log starts past the entries held throws, so the client resyncs', () => {
    expect(() => mergeProgress(progress, delta(3, []))).toThrow(/resync/);
  });
});

describe('P5: a patch applied to a snapshot', () => {
  const base = tinySnapshot(4);
  const CASES: Array<{ name: string; patch: Patch; check: (s: ReturnType<typeof applyPatch>) => void }> = [
    {
      name: 'only the version changes when the patch holds nothing else',
      patch: { version: 5 },
      check: (s) => expect({ ...s, version: 4 }).toEqual(base),
    },
    {
      name: 'a team part present replaces that part',
      patch: { version: 5, teams: [{ id: 't1', name: 'Red' }] },
      check: (s) => expect(s.teams[0]).toEqual({ ...base.teams[0]!, name: 'Red' }),
    },
    {
      name: 'an unknown team with all its parts is added',
      patch: {
        version: 5,
        teams: [{ id: 't2', name: 'Green', progress: base.teams[0]!.progress, decision: base.teams[0]!.decision }],
      },
      check: (s) => expect(s.teams.map((t) => t.id)).toEqual(['t1', 't2']),
    },
    {
      name: 'a team coming into view goes where the patch lists it, as a fresh snapshot orders teams',
      patch: {
        version: 5,
        teams: [
          { id: 't0', name: 'Blue', progress: base.teams[0]!.progress, decision: base.teams[0]!.decision },
          { id: 't1', name: 'Red' },
          { id: 't9', name: 'Last', progress: base.teams[0]!.progress, decision: base.teams[0]!.decision },
        ],
      },
      check: (s) => expect(s.teams.map((t) => t.id)).toEqual(['t0', 't1', 't9']),
    },
    {
      name: 'players replace the whole list',
      patch: { version: 5, players: [{ id: 'p9', name: 'Nia', teamId: 't1', role: 'lead', online: true }] },
      check: (s) => expect(s.players.map((p) => p.id)).toEqual(['p9']),
    },
  ];
  it.each(CASES)('P5: $name', ({ patch, check }) => check(applyPatch(base, patch)));

  it('P4 P7: a patch that does not follow the held version is refused', () => {
    expect(() => applyPatch(base, { version: 6 })).toThrow(/does not follow version 4/);
  });
});
