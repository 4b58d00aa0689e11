/**
 * The names people read for a drill's roles: the drill's own definitions first, then the
 * built-in labels. Sent to clients with the scenario so that no screen shows a role id.
 */
import type { Scenario } from './schema.ts';
import { ROLE_LABELS } from './vocabulary.ts';

/** The label of a role id (defined by the drill in `define`, or built in), or the id itself when unknown. */
export function roleLabelIn(define: Readonly<Record<string, string>> | undefined, role: string): string {
  return define?.[role] ?? (ROLE_LABELS as Record<string, string>)[role] ?? role;
}

/** Every role in play (and the lead) with its label. */
export function roleLabelsOf(scenario: Pick<Scenario, 'roles'>): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const role of new Set([scenario.roles.lead, ...scenario.roles.in_play]))
    labels[role] = roleLabelIn(scenario.roles.define, role);
  return labels;
}
