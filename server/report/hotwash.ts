/**
 * The hot wash: what each player said worked and did not, their 1-5 confidence per capability,
 * and where a team's average confidence disagrees with its HSEEP rating (confident but rated
 * M or U: a blind spot; unsure but rated P: a strength the team does not trust yet).
 */
import { CAPABILITIES, type Capability } from '../engine/vocabulary.ts';
import type { ExerciseHistory } from './history.ts';
import { capabilityLabel, ratingLabel } from './format.ts';
import type { Hotwash, TeamReport } from '../../protocol/index.ts';

/** Average confidence at or above this, with a rating of M or U, is flagged. */
export const OVERCONFIDENT_AT = 4;
/** Average confidence at or below this, with a rating of P, is flagged. */
export const UNDERCONFIDENT_AT = 2;

const round1 = (n: number): number => Math.round(n * 10) / 10;

/** Hot wash answers (names dropped when anonymous) and confidence/score disagreements. */
export function buildHotwash(history: ExerciseHistory, teams: TeamReport[]): Hotwash {
  const anonymous = history.anonymousHotwash;
  const order = new Map(teams.map((t, i) => [t.id, i]));
  const answers = history.hotwash
    .filter((a) => order.has(a.teamId))
    .map((a) => ({
      teamId: a.teamId,
      teamName: teams[order.get(a.teamId)!]!.name,
      name: anonymous ? null : (a.playerName ?? null),
      role: a.role,
      worked: a.worked,
      didNot: a.didNot,
      confidence: CAPABILITIES.filter((c) => typeof a.confidence[c] === 'number').map((c) => ({
        capability: c as string,
        value: a.confidence[c]!,
      })),
    }));
  // Anonymous answers are ordered by content, not by who answered first.
  const key = (a: (typeof answers)[number]): string =>
    `${String(order.get(a.teamId)).padStart(4, '0')}\u0000${anonymous ? '' : (a.name ?? '')}\u0000${a.role ?? ''}\u0000${a.worked}\u0000${a.didNot}`;
  answers.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

  const disagreements: Hotwash['disagreements'] = [];
  for (const team of teams) {
    const mine = answers.filter((a) => a.teamId === team.id);
    for (const cap of team.capabilities) {
      const values = mine.flatMap((a) => a.confidence.filter((c) => c.capability === cap.id).map((c) => c.value));
      if (values.length === 0 || cap.rating === null) continue;
      const confidence = round1(values.reduce((s, v) => s + v, 0) / values.length);
      const label = capabilityLabel(cap.id as Capability);
      if (confidence >= OVERCONFIDENT_AT && (cap.rating === 'M' || cap.rating === 'U')) {
        disagreements.push({
          teamId: team.id,
          teamName: team.name,
          capability: cap.id,
          label,
          confidence,
          rating: cap.rating,
          direction: 'overconfident',
          note: `${team.name} rated its ${label} ${confidence} of 5, but the exercise rated it ${cap.rating} (${ratingLabel(cap.rating).toLowerCase()}): a blind spot to address first.`,
        });
      } else if (confidence <= UNDERCONFIDENT_AT && cap.rating === 'P') {
        disagreements.push({
          teamId: team.id,
          teamName: team.name,
          capability: cap.id,
          label,
          confidence,
          rating: cap.rating,
          direction: 'underconfident',
          note: `${team.name} rated its ${label} only ${confidence} of 5, yet performed it without challenges: confirm the practice in the runbook so the team trusts it.`,
        });
      }
    }
  }
  return { anonymous, answers, disagreements };
}
