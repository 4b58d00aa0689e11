/**
 * The two-team drill the report API tests play through the real protocol: mini.yaml, vote mode,
 * three players per team, with dissenting votes and their reasons, then a hot wash.
 */
import type { Session } from '../helpers/play.ts';
import { setupSession } from '../helpers/play.ts';

/** One member's vote at a decision. */
export interface PlannedVote {
  option: string;
  reason?: string;
}

/** Per decision (in order), each member's vote (member i of the team casts votes[i]). */
export type VotePlan = PlannedVote[][];

/**
 * Team 1 takes the best path with one dissenter each time; Team 2 deletes the model and leaves
 * the pipeline running (the bad ending), also over dissent.
 */
export const TEAM1: VotePlan = [
  [
    { option: 'delete', reason: 'Faster to just delete it' },
    { option: 'snapshot' },
    { option: 'snapshot', reason: 'Keep the evidence' },
  ],
  [{ option: 'pause' }, { option: 'pause' }, { option: 'pause' }],
];
export const TEAM2: VotePlan = [
  [{ option: 'wait', reason: 'Need more data first' }, { option: 'delete' }, { option: 'delete' }],
  [{ option: 'leave' }, { option: 'pause', reason: 'Pausing is the safer bet' }, { option: 'leave' }],
];

/** The option each decision ends with (the majority). */
export const outcomeOf = (plan: VotePlan): string[] =>
  plan.map((votes) => {
    const counts = new Map<string, number>();
    for (const v of votes) counts.set(v.option, (counts.get(v.option) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
  });

/** Plays one team: every member votes as planned at each decision; injects without a decision are continued. */
export async function playVotes(session: Session, teamId: string, plan: VotePlan): Promise<void> {
  const members = session.team(teamId);
  const watcher = members[0]!.client;
  const queue = [...plan];
  for (let step = 0; step < 20; step++) {
    const state = watcher.state!;
    const team = state.teams.find((t) => t.id === teamId)!;
    if (team.progress.ending) return;
    const inject = team.progress.inject!;
    const before = state.version;
    if (!inject.decision) {
      const ack = await watcher.command({ type: 'continue', inject: inject.id });
      if (!ack.ok) throw new Error(`continue at ${inject.id} refused: ${ack.message}`);
    } else {
      const votes = queue.shift();
      if (!votes) return;
      for (const [i, member] of members.entries()) {
        const v = votes[i]!;
        const ack = await member.client.command({
          type: 'vote',
          option: v.option,
          ...(v.reason ? { reason: v.reason } : {}),
          inject: inject.id,
        });
        if (!ack.ok) throw new Error(`vote by ${member.name} at ${inject.id} refused: ${ack.message}`);
      }
    }
    await watcher.waitFor(
      (s) => s.version > before && s.teams.find((t) => t.id === teamId)?.decision.injectId !== inject.id,
      5000,
      `team ${teamId} to leave ${inject.id}`,
    );
  }
  throw new Error(`team ${teamId} did not reach an ending`);
}

/** A played two-team drill, in the debrief, with hot-wash answers from two players of each team. */
export async function playTwoTeamDrill(
  url: string,
  plans: { t1: VotePlan; t2: VotePlan } = { t1: TEAM1, t2: TEAM2 },
): Promise<Session> {
  const session = await setupSession(url, { mode: 'vote', teams: 2, playersPerTeam: 3 });
  await playVotes(session, 't1', plans.t1);
  await playVotes(session, 't2', plans.t2);
  await session.facilitator.waitFor((s) => s.exercise.status === 'debrief', 5000, 'the debrief');
  for (const p of [session.team('t1')[0]!, session.team('t2')[0]!, session.team('t2')[1]!]) {
    const ack = await p.client.command({
      type: 'hotwash',
      worked: `${p.name}: we talked`,
      didNot: 'Roles were unclear',
      confidence: { containment: 5, evidence: 2 },
    });
    if (!ack.ok) throw new Error(`hot wash by ${p.name} refused: ${ack.message}`);
  }
  return session;
}
