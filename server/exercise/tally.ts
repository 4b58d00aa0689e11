/**
 * Vote counting (vote mode): the option with the most votes leads; a tie goes the way of the
 * lead role's vote when it is one of the tied options, otherwise nothing leads.
 */
import type { Vote } from './state.ts';

/** The options sharing the most votes (one when there is a clear leader; none without votes). */
function topOptions(votes: ReadonlyMap<string, Vote>): string[] {
  const counts = new Map<string, number>();
  for (const vote of votes.values()) counts.set(vote.option, (counts.get(vote.option) ?? 0) + 1);
  let top = 0;
  for (const n of counts.values()) top = Math.max(top, n);
  return [...counts.entries()].filter(([, n]) => n === top).map(([option]) => option);
}

/** The leading option, or null when there are no votes or a tie the lead role does not break. */
export function leadingOption(
  votes: ReadonlyMap<string, Vote>,
  roleOf: (playerId: string) => string | null,
  leadRole: string,
): string | null {
  return leadOf(votes, topOptions(votes), roleOf, leadRole);
}

/**
 * The options tied at the top when no vote wins (several share the most votes and the lead role
 * voted for none of them); empty when there is a winner or no votes.
 */
export function tiedOptions(
  votes: ReadonlyMap<string, Vote>,
  roleOf: (playerId: string) => string | null,
  leadRole: string,
): string[] {
  const top = topOptions(votes);
  return top.length > 1 && leadOf(votes, top, roleOf, leadRole) === null ? top : [];
}

function leadOf(
  votes: ReadonlyMap<string, Vote>,
  top: string[],
  roleOf: (playerId: string) => string | null,
  leadRole: string,
): string | null {
  if (top.length === 1) return top[0]!;
  for (const [playerId, vote] of votes) {
    if (roleOf(playerId) === leadRole && top.includes(vote.option)) return vote.option;
  }
  return null;
}
