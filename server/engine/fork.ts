/**
 * What if: a team's story replayed up to one of its decisions, another option taken there, and
 * the rest played by a policy. Pure and deterministic (rule 9): the same events and the same fork
 * give the same alternative timeline on the server, in the CLI and in the tests. Nothing here
 * touches an exercise or its log; it works on the engine's events only.
 */
import type { Drill } from './drill.ts';
import { bestOptions, optionTotal, worstOptions } from './outcome.ts';
import type { Option } from './schema.ts';
import { offeredOptions, startState, step, type TeamEvent, type TeamState } from './team-state.ts';

/**
 * How the story goes on after the fork: `same` takes the team's own choice wherever the same
 * inject comes up again (and the best option where the story goes somewhere they never saw),
 * `best` and `worst` take the drill's best or worst option at every later decision.
 */
export const FORK_POLICIES = ['same', 'best', 'worst'] as const;
export type ForkPolicy = (typeof FORK_POLICIES)[number];

export interface Fork {
  /** Which decision to change: 1 is the team's first decision (injects that only inform do not count). */
  decision: number;
  /** The option taken there instead. */
  option: string;
  policy: ForkPolicy;
}

/** One played step: the inject on screen and what was done there. */
export interface TimelineStep {
  inject: string;
  event: TeamEvent;
}

export interface Timeline {
  state: TeamState;
  steps: TimelineStep[];
}

/** A fork that does not fit the story it forks; the message says what was expected. */
export class ForkError extends Error {}

const MAX_STEPS = 10_000;

/** Replays a team's engine events from the drill's start; throws when one does not apply. */
export function replayTimeline(drill: Drill, events: readonly TeamEvent[]): Timeline {
  let state = startState(drill);
  const steps: TimelineStep[] = [];
  for (const event of events) {
    const inject = state.cursor.inject;
    const next = inject === undefined ? undefined : step(drill, state, event);
    if (inject === undefined || next === undefined) {
      throw new ForkError(
        `event ${steps.length + 1} (${describeEvent(event)}) does not apply at ${inject ? `inject "${inject}"` : 'the ending'}`,
      );
    }
    steps.push({ inject, event });
    state = next;
  }
  return { state, steps };
}

/** The decision points of a timeline (not the injects that only inform), in order. */
export function decisionSteps(drill: Drill, steps: readonly TimelineStep[]): TimelineStep[] {
  return steps.filter((s) => drill.injects[s.inject]?.inject.decision !== undefined);
}

/** Where a fork happens: the team's story, the decision's step, the state just before it and what was on offer. */
export interface ForkPoint {
  real: Timeline;
  /** Index of the forked step in `real.steps` (and in the events). */
  cut: number;
  target: TimelineStep;
  before: Timeline;
  offered: Option[];
}

/** Finds the `decision`-th decision (1-based) of a team's events; throws when there is none. */
export function forkPoint(drill: Drill, events: readonly TeamEvent[], decision: number): ForkPoint {
  const real = replayTimeline(drill, events);
  const decisions = decisionSteps(drill, real.steps);
  const target = decisions[decision - 1];
  if (!Number.isInteger(decision) || decision < 1 || !target) {
    throw new ForkError(
      `decision ${decision} does not exist: this story has ${decisions.length} decision${decisions.length === 1 ? '' : 's'} (1 to ${decisions.length})`,
    );
  }
  const cut = real.steps.indexOf(target);
  const before = replayTimeline(drill, events.slice(0, cut));
  return { real, cut, target, before, offered: offeredOptions(drill, target.inject, before.state) };
}

/** Plays the fork: the same story up to the chosen decision, the other option, then the policy to an ending. */
export function forkTimeline(drill: Drill, events: readonly TeamEvent[], fork: Fork): Timeline {
  const { real, cut, target, before: prefix, offered: on } = forkPoint(drill, events, fork.decision);
  const offered = on.map((o) => o.id);
  if (!offered.includes(fork.option)) {
    throw new ForkError(
      `"${fork.option}" is not an option at decision ${fork.decision} ("${target.inject}"); expected one of ${offered.join(', ')}`,
    );
  }
  const steps = [...prefix.steps];
  let state = take(drill, prefix.state, { type: 'CHOOSE', option: fork.option }, steps);
  // The team's own later choices, by inject, for the `same` policy.
  const own = new Map<string, TeamEvent>();
  for (const s of real.steps.slice(cut + 1)) if (!own.has(s.inject)) own.set(s.inject, s.event);
  const best = bestOptions(drill);
  const worst = worstOptions(drill);
  for (let guard = 0; state.cursor.inject !== undefined; guard++) {
    if (guard > MAX_STEPS) throw new ForkError('the alternative timeline did not reach an ending');
    const inject = state.cursor.inject;
    const event = policyChoice(drill, state, inject, fork.policy, own, fork.policy === 'worst' ? worst : best);
    state = take(drill, state, event, steps);
  }
  return { state, steps };
}

function take(drill: Drill, state: TeamState, event: TeamEvent, steps: TimelineStep[]): TeamState {
  const inject = state.cursor.inject!;
  const next = step(drill, state, event);
  if (!next) throw new ForkError(`${describeEvent(event)} does not apply at inject "${inject}"`);
  steps.push({ inject, event });
  return next;
}

/** The event a policy takes at an inject; always one the state accepts. */
function policyChoice(
  drill: Drill,
  state: TeamState,
  inject: string,
  policy: ForkPolicy,
  own: Map<string, TeamEvent>,
  marked: Map<string, string>,
): TeamEvent {
  const decision = drill.injects[inject]!.inject.decision;
  if (!decision) return { type: 'CONTINUE' };
  const offered = offeredOptions(drill, inject, state);
  if (policy === 'same') {
    const theirs = own.get(inject);
    if (theirs && step(drill, state, theirs)) return theirs;
  }
  const mark = marked.get(inject);
  if (mark && offered.some((o) => o.id === mark)) return { type: 'CHOOSE', option: mark };
  // The marked option is not on offer in this state: the best (or worst) of those that are.
  const pick = offered.reduce((a, b) =>
    (policy === 'worst' ? optionTotal(b) < optionTotal(a) : optionTotal(b) > optionTotal(a)) ? b : a,
  );
  return { type: 'CHOOSE', option: pick.id };
}

/** An event as a person reads it in an error: the option id, or what happened instead. */
export function describeEvent(event: TeamEvent): string {
  switch (event.type) {
    case 'CHOOSE':
      return `option "${event.option}"`;
    case 'NO_DECISION':
      return 'no decision';
    case 'CONTINUE':
      return 'continue';
    case 'SKIP':
      return 'a skip';
  }
}

/** Parses the CLI's `--fork N:option-id`. */
export function parseFork(text: string, then: string | undefined): Fork {
  const match = /^(\d+):([^\s:]+)$/.exec(text);
  if (!match) throw new ForkError(`--fork: expected DECISION:OPTION, e.g. 5:snapshot-first, found "${text}"`);
  const policy = then ?? 'same';
  if (!(FORK_POLICIES as readonly string[]).includes(policy))
    throw new ForkError(`--then: expected one of ${FORK_POLICIES.join(', ')}, found "${policy}"`);
  return { decision: Number(match[1]), option: match[2]!, policy: policy as ForkPolicy };
}
