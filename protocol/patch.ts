/**
 * Applying a patch to a snapshot (P5), the merge rule every client uses: `exercise`, `players`,
 * `me` and `hotwash` replace; `teams` merge by id, each present part replacing the old one, and
 * an unknown id adds a team where the patch's order puts it (before the next team it names). A `progressDelta` merges into the team's progress (P5a), a
 * `decisionDelta` into its decision (P5b). Pure and
 * dependency-free, so the client bundle can import it.
 */
import type {
  Patch,
  Snapshot,
  TeamDecisionDelta,
  TeamDecisionView,
  TeamProgressDelta,
  TeamProgressView,
  TeamView,
} from './messages.ts';

/** A team's decision after a vote delta (P5b): each vote replaces that player's, or is added last. */
export function mergeDecision(decision: TeamDecisionView, delta: TeamDecisionDelta): TeamDecisionView {
  const votes = [...decision.votes];
  for (const vote of delta.votes) {
    const at = votes.findIndex((v) => v.playerId === vote.playerId);
    if (at >= 0) votes[at] = vote;
    else votes.push(vote);
  }
  const { tied: _old, ...rest } = decision;
  return { ...rest, votes, ...(delta.tied ? { tied: delta.tied } : {}) };
}

/** A team's progress after a step's delta (P5a). */
export function mergeProgress(progress: TeamProgressView, delta: TeamProgressDelta): TeamProgressView {
  const { logFrom, log, estate, ...story } = delta;
  if (logFrom > progress.log.length)
    throw new Error(
      `progress delta starts its log at ${logFrom}, past the ${progress.log.length} entries held; resync`,
    );
  return {
    ...progress,
    ...story,
    estate: { ...progress.estate, ...estate },
    log: [...progress.log.slice(0, logFrom), ...log],
  };
}

/** The snapshot after `patch`; throws when the patch does not follow the snapshot's version. */
export function applyPatch(snapshot: Snapshot, patch: Patch): Snapshot {
  if (patch.version !== snapshot.version + 1) {
    throw new Error(`patch ${patch.version} does not follow version ${snapshot.version}; resync`);
  }
  const next: Snapshot = { ...snapshot, version: patch.version };
  if (patch.exercise) next.exercise = patch.exercise;
  if (patch.players) next.players = patch.players;
  if (patch.me) next.me = patch.me;
  if (patch.hotwash) next.hotwash = patch.hotwash;
  if (patch.teams) {
    const teams = [...snapshot.teams];
    for (const [at, part] of patch.teams.entries()) {
      const index = teams.findIndex((t) => t.id === part.id);
      if (index >= 0) {
        const old = teams[index]!;
        const progress =
          part.progress ?? (part.progressDelta ? mergeProgress(old.progress, part.progressDelta) : undefined);
        const decision =
          part.decision ?? (part.decisionDelta ? mergeDecision(old.decision, part.decisionDelta) : undefined);
        teams[index] = {
          ...old,
          ...(part.name !== undefined ? { name: part.name } : {}),
          ...(progress ? { progress } : {}),
          ...(decision ? { decision } : {}),
        };
      } else if (part.name !== undefined && part.progress && part.decision) {
        // the patch lists teams in the exercise's order: a team that comes into view (the other
        // teams at the debrief) goes before the next team the patch names, as a snapshot has it
        const team = {
          id: part.id,
          name: part.name,
          progress: part.progress,
          decision: part.decision,
        } satisfies TeamView;
        const following = patch.teams
          .slice(at + 1)
          .map((p) => teams.findIndex((t) => t.id === p.id))
          .find((i) => i >= 0);
        teams.splice(following ?? teams.length, 0, team);
      }
    }
    next.teams = teams;
  }
  return next;
}
