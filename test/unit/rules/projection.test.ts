/**
 * The projection (server/exercise/projection.ts) and the patch rule (protocol/patch.ts) as pure
 * functions: what each class of recipient sees (V1-V4), and that every change's patch, merged
 * into the recipient's previous snapshot, gives exactly the fresh snapshot (P5, P5a, P5b, P6).
 */
import { describe, expect, it } from 'vitest';
import { applyPatch, type Command, type Snapshot } from '../../../protocol/index.ts';
import type { Actor } from '../../../server/exercise/events.ts';
import { projectPatch, projectSnapshot, type RecipientClass } from '../../../server/exercise/projection.ts';
import { FACILITATOR, OBSERVER, player, RuleExercise } from './harness.ts';

const online = () => true;

/** Two teams of two in vote mode, started: p1 (lead) and p2 in t1, p3 (lead) and p4 in t2. */
function twoTeams(): RuleExercise {
  const x = new RuleExercise({ teams: ['Blue', 'Red'] });
  x.join('p1', 't1', 'ir-lead')
    .join('p2', 't1', 'ml-engineer')
    .join('p3', 't2', 'ir-lead')
    .join('p4', 't2', 'ml-engineer');
  x.ok(FACILITATOR, { type: 'start' });
  return x;
}

const RECIPIENTS: Array<{ cls: RecipientClass; actor: Actor; teamId: string | null }> = [
  { cls: 'staff', actor: FACILITATOR, teamId: null },
  { cls: 'observer', actor: OBSERVER, teamId: null },
  { cls: 'team:t1', actor: player('p1'), teamId: 't1' },
  { cls: 'team:t2', actor: player('p3'), teamId: 't2' },
];

function snapshotFor(x: RuleExercise, r: (typeof RECIPIENTS)[number]): Snapshot {
  const p = r.actor.playerId ? x.state.players.get(r.actor.playerId) : undefined;
  return projectSnapshot(
    x.state,
    r.cls,
    { seat: r.actor.seat, playerId: r.actor.playerId, teamId: r.teamId, role: p?.role ?? null },
    online,
  );
}

/** Each step is one accepted command; the patch of every step must carry each recipient from one snapshot to the next. */
const STEPS: Array<{ name: string; actor: Actor; command: Command; rules: string }> = [
  { name: 'a vote', actor: player('p2'), command: { type: 'vote', option: 'delete', reason: 'fast' }, rules: 'P5b' },
  { name: 'a changed vote', actor: player('p2'), command: { type: 'vote', option: 'snapshot' }, rules: 'P5b' },
  {
    name: 'the deciding vote (the story moves on)',
    actor: player('p1'),
    command: { type: 'vote', option: 'snapshot' },
    rules: 'P5a',
  },
  {
    name: 'an ad-hoc inject to one team',
    actor: FACILITATOR,
    command: { type: 'inject', teamId: 't2', title: 'Press call', body: 'A reporter asks.' },
    rules: 'P5',
  },
  { name: 'a pause', actor: FACILITATOR, command: { type: 'pause' }, rules: 'P5' },
  {
    name: 'extra time while paused',
    actor: FACILITATOR,
    command: { type: 'extend', teamId: 't2', seconds: 60 },
    rules: 'P5',
  },
  { name: 'a resume', actor: FACILITATOR, command: { type: 'resume' }, rules: 'P5' },
  { name: 'a skip', actor: FACILITATOR, command: { type: 'skip', teamId: 't2', inject: 'alert' }, rules: 'P5a' },
  { name: 'a new team', actor: FACILITATOR, command: { type: 'add-team', name: 'Green' }, rules: 'P5' },
  { name: 'the debrief (visibility changes)', actor: FACILITATOR, command: { type: 'end' }, rules: 'P5' },
  {
    name: 'a hot-wash answer',
    actor: player('p4'),
    command: { type: 'hotwash', worked: 'talking', didNot: 'roles', confidence: { containment: 4 } },
    rules: 'P5',
  },
];

describe('P5 P5a P5b P6: patches', () => {
  it("P5 P5a P5b P6: for every recipient, each change's patch merged into the snapshot before gives the fresh snapshot", () => {
    const x = twoTeams();
    let held = RECIPIENTS.map((r) => snapshotFor(x, r));
    for (const step of STEPS) {
      const change = x.ok(step.actor, step.command);
      held = RECIPIENTS.map((r, i) => {
        const patch = projectPatch(x.state, change, r.cls, online);
        expect(patch.version, `${step.name} for ${r.cls}`).toBe(held[i]!.version + 1);
        const merged = applyPatch(held[i]!, patch);
        const fresh = snapshotFor(x, r);
        // a team the recipient did not see before is added after the known ones (P5), so only the order may differ
        const order = fresh.teams.map((t) => t.id);
        merged.teams.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
        expect(merged, `${step.name} (${step.rules}) for ${r.cls}`).toEqual(fresh);
        return fresh;
      });
    }
  });

  it("P5b: a vote's patch carries only the vote, not the whole decision", () => {
    const x = twoTeams();
    const change = x.ok(player('p2'), { type: 'vote', option: 'delete' });
    const patch = projectPatch(x.state, change, 'team:t1', online);
    expect(patch.teams).toEqual([{ id: 't1', decisionDelta: { votes: [{ playerId: 'p2', option: 'delete' }] } }]);
  });

  it('P5: a recipient that sees nothing of a change still gets its version', () => {
    const x = twoTeams();
    const change = x.ok(player('p2'), { type: 'vote', option: 'delete' });
    expect(projectPatch(x.state, change, 'team:t2', online)).toEqual({ version: x.state.version });
  });
});

describe('V1-V4: who sees what', () => {
  it('V1: a player sees their own team and its members only; staff and observers see every team', () => {
    const x = twoTeams();
    const mine = x.view(player('p1'));
    expect(mine.teams.map((t) => t.id)).toEqual(['t1']);
    expect(mine.players.map((p) => p.id).sort()).toEqual(['p1', 'p2']);
    for (const actor of [FACILITATOR, OBSERVER]) expect(x.view(actor).teams.map((t) => t.id)).toEqual(['t1', 't2']);
  });

  it('V2: notes, option scores, feedback, the best mark and team scores reach staff only until the debrief, then everyone', () => {
    const x = twoTeams();
    x.ok(player('p1'), { type: 'vote', option: 'delete' });
    x.ok(player('p2'), { type: 'vote', option: 'delete' });
    const hidden = (s: Snapshot) => {
      const team = s.teams[0]!;
      const inject = team.progress.inject!;
      return {
        notes: inject.notes,
        scores: inject.decision?.options.map((o) => [o.score, o.feedback, o.best]),
        teamScore: team.progress.score,
        logScore: team.progress.log[0]!.score,
        best: team.progress.log[0]!.best,
      };
    };
    const staff = hidden(x.view(FACILITATOR));
    expect(staff.teamScore).toBeDefined();
    expect(staff.logScore).toBeDefined();
    expect(staff.best).toBeTruthy();
    for (const actor of [player('p1'), OBSERVER]) {
      expect(hidden(x.view(actor))).toEqual({
        notes: undefined,
        scores: [
          [undefined, undefined, undefined],
          [undefined, undefined, undefined],
        ],
        teamScore: undefined,
        logScore: undefined,
        best: undefined,
      });
    }
    x.ok(FACILITATOR, { type: 'end' });
    const debrief = x.view(player('p3'));
    expect(debrief.teams.map((t) => t.id)).toEqual(['t1', 't2']);
    expect(debrief.teams[0]!.progress.score).toEqual(x.view(FACILITATOR).teams[0]!.progress.score);
    expect(debrief.teams[0]!.progress.log[0]!.score).toBeDefined();
  });

  it("V3: solo practice shows the taken option's feedback and score and the best option right after the decision, and hides untaken scores", () => {
    const x = new RuleExercise({ solo: true }).join('p1', 't1', 'ir-lead');
    x.ok(player('p1'), { type: 'vote', option: 'delete' });
    const team = x.view(player('p1')).teams[0]!;
    const entry = team.progress.log[0]!;
    expect(entry).toMatchObject({ option: 'delete', score: { containment: 2, evidence: -3 } }); // the mini drill writes no feedback
    expect(entry.best).toMatchObject({ option: 'snapshot' });
    const untaken = team.progress.inject!.decision!.options; // the next decision's options
    expect(untaken.map((o) => o.score)).toEqual(untaken.map(() => undefined));
  });

  it("V4: hot-wash answers: staff and observers see all, players their own team's", () => {
    const x = twoTeams();
    x.ok(FACILITATOR, { type: 'end' });
    x.ok(player('p1'), { type: 'hotwash', worked: 'blue worked', didNot: '-', confidence: {} });
    x.ok(player('p3'), { type: 'hotwash', worked: 'red worked', didNot: '-', confidence: {} });
    const answers = (actor: Actor) => (x.view(actor).hotwash ?? []).map((h) => h.worked).sort();
    expect(answers(FACILITATOR)).toEqual(['blue worked', 'red worked']);
    expect(answers(OBSERVER)).toEqual(['blue worked', 'red worked']);
    expect(answers(player('p2'))).toEqual(['blue worked']);
    expect(answers(player('p4'))).toEqual(['red worked']);
  });
});
