/**
 * A checked scenario indexed for play: injects by id with their phase and the inject that
 * follows each by default. Built once per scenario and shared by every team's machine.
 */
import { durationMinutes } from './duration.ts';
import type { Ending, Inject, Next, Outcome, Phase, Scenario } from './schema.ts';

export interface IndexedInject {
  inject: Inject;
  phase: Phase;
  /** Position in document order, from 0. */
  order: number;
  /**
   * Where the story goes when nothing says otherwise: the inject's `next` (an id or routes chosen
   * by state, see team-state.resolveNext), else the following inject.
   */
  defaultNext: Next | undefined;
  /** Earliest sim-minute at which it may fire (`at`), 0 when not set. */
  atMinutes: number;
}

export interface Drill {
  scenario: Scenario;
  injects: Record<string, IndexedInject>;
  endings: Record<string, Ending>;
  /** Inject ids in document order. */
  order: string[];
  first: string;
}

/** Outcome recorded when a decision's deadline passes and the drill says nothing else. */
export const DEFAULT_NO_DECISION: Outcome = {
  cost: '15m',
  effects: [],
  score: { coordination: -1 },
  mitigations: [],
  feedback: 'No decision was reached in time; the incident kept unfolding while the team talked.',
};

/** Indexes a scenario that has passed the schema. Reference checks are in crossref.ts. */
export function indexDrill(scenario: Scenario): Drill {
  const flat = scenario.phases.flatMap((phase) => phase.injects.map((inject) => ({ inject, phase })));
  const injects: Record<string, IndexedInject> = {};
  flat.forEach(({ inject, phase }, order) => {
    injects[inject.id] = {
      inject,
      phase,
      order,
      defaultNext: inject.next ?? flat[order + 1]?.inject.id,
      atMinutes: inject.at ? durationMinutes(inject.at) : 0,
    };
  });
  const endings = Object.fromEntries(scenario.endings.map((ending) => [ending.id, ending]));
  return { scenario, injects, endings, order: flat.map((f) => f.inject.id), first: flat[0]!.inject.id };
}

/** The outcome a team gets for `choice` at `injectId`: an option, or the no-decision outcome. */
export function optionOutcome(drill: Drill, injectId: string, choice: string | null): Outcome | undefined {
  const decision = drill.injects[injectId]?.inject.decision;
  if (!decision) return undefined;
  if (choice === null) return decision.no_decision ?? DEFAULT_NO_DECISION;
  return decision.options.find((option) => option.id === choice);
}

/** Every inject or ending a `next` can name (all routes of a conditional one). */
export function nextTargets(next: Next | undefined): string[] {
  if (next === undefined) return [];
  return typeof next === 'string' ? [next] : next.map((route) => route.to);
}
