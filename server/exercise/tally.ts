/**
 * Vote counting (vote mode): the option with the most votes leads; a tie goes the way of the
 * lead role's vote when it is one of the tied options, otherwise nothing leads.
 */
import type { Vote } from './state.ts';

/** The leading option, or null when there are no votes or a tie the lead role does not break. */
export function leadingOption(votes: ReadonlyMap<string, Vote>, roleOf: (playerId: string) => string | null, leadRole: string): string | null {
  const counts = new Map<string, number>();
  for (const vote of votes.values()) counts.set(vote.option, (counts.get(vote.option) ?? 0) + 1);
  let top = 0;
  for (const n of counts.values()) top = Math.max(top, n);
  const tied = [...counts.entries()].filter(([, n]) => n === top).map(([option]) => option);
  if (tied.length === 1) return tied[0]!;
  if (tied.length === 0) return null;
  for (const [playerId, vote] of votes) {
    if (roleOf(playerId) === leadRole && tied.includes(vote.option)) return vote.option;
  }
  return null;
}

/**
 * The options tied at the top when no vote wins (several share the most votes and the lead role
 * voted for none of them); empty when there is a winner or no votes.
 */
export function tiedOptions(votes: ReadonlyMap<string, Vote>, roleOf: (playerId: string) => string | null, leadRole: string): string[] {
  if (votes.size === 0 || leadingOption(votes, roleOf, leadRole) !== null) return [];
  const counts = new Map<string, number>();
  for (const vote of votes.values()) counts.set(vote.option, (counts.get(vote.option) ?? 0) + 1);
  const top = Math.max(...counts.values());
  return [...counts.entries()].filter(([, n]) => n === top).map(([option]) => option);
}
