/**
 * Compiles a drill into an xstate v5 machine: one state per inject and per ending, guards and
 * actions referenced by name only and implemented once in `setup()`. Every name in the
 * generated config is checked against those implementations before the machine is built,
 * since xstate silently ignores an action it does not know.
 *
 * No `after` timers: wall-clock deadlines are NO_DECISION events the server fires and logs.
 *
 * Eventless (`always`) transitions exist only on injects with a `when`: every other arrival
 * waits for the inject's `at` inside the action that moves the story, so a step is one
 * microstep instead of two (xstate's microstep, not our code, is most of a step's cost).
 */
import { assign, setup } from 'xstate';
import { optionOutcome, type Drill } from './drill.ts';
import {
  advanceClock,
  holds,
  settleOutcome,
  SILENT_OUTCOME,
  blankState,
  skipTarget,
  targetOf,
  type TeamEvent,
  type TeamState,
} from './team-state.ts';

interface InjectParams {
  inject: string;
}
/** An action on a transition that moves the story also sets the cursor to where it goes (`to`). */
interface MoveParams {
  inject: string;
  to: string;
}
interface OptionParams extends MoveParams {
  option: string;
}

function implementations(drill: Drill) {
  return setup({
    types: { context: {} as TeamState, events: {} as TeamEvent },
    guards: {
      optionIs: ({ event }, params: OptionParams) => event.type === 'CHOOSE' && event.option === params.option,
      conditionFails: ({ context }, params: InjectParams) => {
        const when = drill.injects[params.inject]!.inject.when;
        return when !== undefined && !holds(when, context);
      },
      clockBefore: ({ context }, params: InjectParams) =>
        context.simMinutes < drill.injects[params.inject]!.atMinutes,
    },
    // The cursor is set by the action of the transition that moves the story, not by entry
    // actions: one assign per step instead of two, and none when xstate builds the initial
    // snapshot (which getNextSnapshot does on every call).
    actions: {
      passOver: assign(({ context }, params: MoveParams) =>
        moved(drill, { ...context, passedOver: [...context.passedOver, params.inject] }, params.to),
      ),
      waitForInject: assign(({ context }, params: InjectParams) =>
        advanceClock(context, drill.injects[params.inject]!.atMinutes - context.simMinutes),
      ),
      applyOption: assign(({ context }, params: OptionParams) =>
        moved(
          drill,
          settleOutcome(context, params.inject, optionOutcome(drill, params.inject, params.option)!, {
            option: params.option,
            kind: 'chosen',
          }),
          params.to,
        ),
      ),
      applyNoDecision: assign(({ context }, params: MoveParams) =>
        moved(
          drill,
          settleOutcome(context, params.inject, optionOutcome(drill, params.inject, null)!, {
            option: null,
            kind: 'no-decision',
          }),
          params.to,
        ),
      ),
      recordContinue: assign(({ context }, params: MoveParams) =>
        moved(drill, settleOutcome(context, params.inject, SILENT_OUTCOME, { option: null, kind: 'continued' }), params.to),
      ),
      recordSkip: assign(({ context }, params: MoveParams) =>
        moved(drill, settleOutcome(context, params.inject, SILENT_OUTCOME, { option: null, kind: 'skipped' }), params.to),
      ),
    },
  });
}

function cursorAt(drill: Drill, id: string): TeamState['cursor'] {
  return drill.endings[id] ? { ending: id } : { inject: id };
}

/**
 * The story moves to `to`. An inject without a `when` is entered at once, waiting for its `at`
 * (what `arrive` does); one with a `when` is left to its eventless transitions, which check the
 * condition before any waiting.
 */
function moved(drill: Drill, state: TeamState, to: string): TeamState {
  const target = drill.injects[to];
  const arrived = { ...state, cursor: cursorAt(drill, to) };
  if (!target || target.inject.when) return arrived;
  return advanceClock(arrived, target.atMinutes - arrived.simMinutes);
}

type NamedRef = { type: string; params?: unknown };

/** The machine config for a drill, as plain data naming guards and actions. */
export function machineConfig(drill: Drill) {
  const states: Record<string, unknown> = {};
  for (const [id, entry] of Object.entries(drill.injects)) {
    const decision = entry.inject.decision;
    const always: unknown[] = [];
    if (entry.inject.when) {
      always.push({
        guard: { type: 'conditionFails', params: { inject: id } },
        target: entry.defaultNext,
        actions: { type: 'passOver', params: { inject: id, to: entry.defaultNext } },
      });
    }
    if (entry.inject.when && entry.atMinutes > 0) {
      always.push({
        guard: { type: 'clockBefore', params: { inject: id } },
        actions: { type: 'waitForInject', params: { inject: id } },
      });
    }
    const move = (type: string, to: string | undefined, extra: object = {}) => ({
      target: to,
      actions: { type, params: { inject: id, to, ...extra } },
    });
    const on: Record<string, unknown> = { SKIP: move('recordSkip', skipTarget(drill, id)) };
    if (decision) {
      on.CHOOSE = decision.options.map((option) => ({
        guard: { type: 'optionIs', params: { inject: id, option: option.id } },
        ...move('applyOption', targetOf(drill, id, option), { option: option.id }),
      }));
      on.NO_DECISION = move('applyNoDecision', targetOf(drill, id, optionOutcome(drill, id, null)!));
    } else {
      on.CONTINUE = move('recordContinue', entry.defaultNext);
    }
    states[id] = always.length ? { always, on } : { on };
  }
  for (const id of Object.keys(drill.endings)) states[id] = { type: 'final' };
  return { id: drill.scenario.id, initial: drill.first, states };
}

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
    if ((key === 'guard' || key === 'actions' || key === 'entry' || key === 'exit') && typeof record.type === 'string') {
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
    // The machine starts on the first inject as `moved` enters it; when that inject has a
    // `when`, its eventless transitions then do the rest of what `arrive` does.
    context: moved(drill, blankState(drill), drill.first),
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
