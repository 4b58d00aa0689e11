import type { DecisionMode } from '../../../protocol/messages.ts';
import { roleLabel } from './labels.ts';
import { messages } from './messages.ts';

/**
 * Who decides in the exercise's current mode, in one sentence. The drill's "deciders" say who
 * owns a call in real life; the mode says who settles it in this exercise, so the mode wins.
 */
export function whoDecides(
  mode: DecisionMode,
  lead: string,
  roleLabels: Readonly<Record<string, string>> = {},
): string {
  switch (mode) {
    case 'vote':
      return messages.phone.whoDecides.vote(roleLabel(lead, roleLabels));
    case 'lead':
      return messages.phone.whoDecides.lead(roleLabel(lead, roleLabels));
    case 'facilitator':
      return messages.phone.whoDecides.facilitator;
  }
}
