/**
 * Compiles a drill into an xstate v5 machine: one state per inject and per ending, guards and
 * actions referenced by name only and implemented once in `setup()`. Every name in the
 * generated config is checked against those implementations before the machine is built,
 * since xstate silently ignores an action it does not know.
 *
 * No `after` timers: wall-clock deadlines are NO_DECISION events the server fires and logs.
 *
 * A transition's action computes the next state with the pure reducer (team-state.ts), so the
 * machine and the path search can never disagree. A move that can come to rest in more than one
 * place (a conditional `next`, or an inject with a `when` that may be passed over) has one
 * guarded transition per place; each guard asks the reducer where the event leads, and the
 * reducer runs once per event (its result is kept for the other guards and the action). So a
 * step is always one microstep, with no eventless routing states.
 */
import { assign, setup } from 'xstate';
import { nextTargets, optionOutcome, type Drill } from './drill.ts';
import type { Next } from './schema.ts';
import { nextOf, skipNext, startState, step, type TeamEvent, type TeamState } from './team-state.ts';

interface LeadsToParams {
  /** For CHOOSE: the option this transition is for. */
  option?: string;
  /** The inject or ending the reducer must come to rest at. */
  target: string;
}

function implementations(drill: Drill) {
  // The reducer's result for the event being handled, kept by identity: the guards of every
  // candidate transition and then `advance` ask for the same (context, event), and xstate hands
  // them the same objects, so one event runs the reducer once. A miss only recomputes.
  let last: { context: TeamState; event: TeamEvent; next: TeamState | undefined } | undefined;
  const outcome = (context: TeamState, event: TeamEvent): TeamState | undefined => {
    if (last?.context !== context || last.event !== event) last = { context, event, next: step(drill, context, event) };
    return last.next;
  };
  return setup({
    types: { context: {} as TeamState, events: {} as TeamEvent },
    guards: {
      // The reducer accepts the event (for CHOOSE: this option, offered now) and it comes to rest
      // at this transition's target.
      leadsTo: ({ context, event }, params: LeadsToParams) => {
        if (params.option !== undefined && (event.type !== 'CHOOSE' || event.option !== params.option)) return false;
        const next = outcome(context, event);
        return next !== undefined && (next.cursor.inject ?? next.cursor.ending) === params.target;
      },
    },
    actions: {
      // The whole step (cost, effects, score, routing, pass-overs, waits, the next inject's
      // effects) is the reducer's; the guard already checked where it leads.
      advance: assign(({ context, event }) => outcome(context, event)!),
    },
  });
}

/**
 * Every inject or ending a move along `next` can come to rest at: each route's target, and
 * where a target with a `when` leads when it is passed over.
 */
export function destinations(drill: Drill, next: Next | undefined): string[] {
  const found = new Set<string>();
  const visit = (id: string): void => {
    if (found.has(id)) return;
    found.add(id);
    const entry = drill.injects[id];
    if (entry?.inject.when) for (const target of nextTargets(entry.defaultNext)) visit(target);
  };
  for (const target of nextTargets(next)) visit(target);
  // An inject with a `when` is a destination only where the reducer stops at it; keep them all
  // (its condition may hold), in a stable order.
  return [...found].sort();
}

/** The machine config for a drill, as plain data naming guards and actions. */
export function machineConfig(drill: Drill) {
  const states: Record<string, unknown> = {};
  // one transition per place the move can come to rest, each guarded by where the reducer leads
  const move = (next: Next | undefined, option?: string) =>
    destinations(drill, next).map((target) => ({
      target,
      guard: { type: 'leadsTo', params: { ...(option !== undefined ? { option } : {}), target } },
      actions: { type: 'advance' },
    }));
  for (const [id, entry] of Object.entries(drill.injects)) {
    const decision = entry.inject.decision;
    const on: Record<string, unknown> = { SKIP: move(skipNext(drill, id)) };
    if (decision) {
      on.CHOOSE = decision.options.flatMap((option) => move(nextOf(drill, id, option), option.id));
      on.NO_DECISION = move(nextOf(drill, id, optionOutcome(drill, id, null)!));
    } else {
      on.CONTINUE = move(entry.defaultNext);
    }
    states[id] = { on };
  }
  for (const id of Object.keys(drill.endings)) states[id] = { type: 'final' };
  const start = startState(drill).cursor;
  return { id: drill.scenario.id, initial: start.inject ?? start.ending, states };
}

type NamedRef = { type: string; params?: unknown };

/** Every guard and action name a config refers to. */
export function referencedNames(config: unknown): { guards: Set<string>; actions: Set<string> } {
  const guards = new Set<string>();
  const actions = new Set<string>();
  const visit = (node: unknown, key?: string): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item, key);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (
      (key === 'guard' || key === 'actions' || key === 'entry' || key === 'exit') &&
      typeof record.type === 'string'
    ) {
      (key === 'guard' ? guards : actions).add((record as NamedRef).type);
      return;
    }
    for (const [k, v] of Object.entries(record)) visit(v, k);
  };
  visit(config);
  return { guards, actions };
}

/** The compiled machine type. */
export type DrillMachine = ReturnType<typeof compileDrill>;

/**
 * Compiles a drill into its xstate machine. Throws if the config names an unknown guard or action.
 * `config` defaults to {@link machineConfig}; tests pass an altered one to see the name check work.
 */
export function compileDrill(drill: Drill, config: ReturnType<typeof machineConfig> = machineConfig(drill)) {
  const machine = implementations(drill).createMachine({
    ...config,
    // The machine starts where the reducer starts: on the first inject that holds.
    context: startState(drill),
  } as Parameters<ReturnType<typeof implementations>['createMachine']>[0]);
  const { guards, actions } = referencedNames(config);
  for (const name of guards) {
    if (!(name in machine.implementations.guards)) throw new Error(`machine refers to unknown guard "${name}"`);
  }
  for (const name of actions) {
    if (!(name in machine.implementations.actions)) throw new Error(`machine refers to unknown action "${name}"`);
  }
  return machine;
}
