import type { DecisionMode } from '../../../protocol/messages.ts';
import { roleLabel } from './labels.ts';

/**
 * Who decides in the exercise's current mode, in one sentence. The drill's "deciders" say who
 * owns a call in real life; the mode says who settles it in this exercise, so the mode wins.
 */
export function whoDecides(mode: DecisionMode, lead: string, roleLabels: Readonly<Record<string, string>> = {}): string {
  switch (mode) {
    case 'vote':
      return `Team vote: the majority decides; a tie goes the way of ${roleLabel(lead, roleLabels)}.`;
    case 'lead':
      return `${roleLabel(lead, roleLabels)} decides; everyone else recommends.`;
    case 'facilitator':
      return 'The facilitator records the team’s choice; your vote is a recommendation.';
  }
}
