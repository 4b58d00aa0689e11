/**
 * Compiles a drill into an xstate v5 machine: one state per inject and per ending, guards and
 * actions referenced by name only and implemented once in `setup()`. Every name in the
 * generated config is checked against those implementations before the machine is built,
 * since xstate silently ignores an action it does not know.
 *
 * No `after` timers: wall-clock deadlines are NO_DECISION events the server fires and logs.
 */
import { assign, setup } from 'xstate';
import { outcomeOf, type Drill } from './drill.ts';
import {
  advanceClock,
  holds,
  settleOutcome,
  SILENT_OUTCOME,
  blankState,
  targetOf,
  type TeamEvent,
  type TeamState,
} from './team-state.ts';

interface InjectParams {
  inject: string;
}
interface OptionParams {
  inject: string;
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
    actions: {
      markInject: assign(({ context }, params: InjectParams) => ({ cursor: { inject: params.inject } })),
      markEnding: assign((_, params: { ending: string }) => ({ cursor: { ending: params.ending } })),
      passOver: assign(({ context }, params: InjectParams) => ({ passedOver: [...context.passedOver, params.inject] })),
      waitForInject: assign(({ context }, params: InjectParams) =>
        advanceClock(context, drill.injects[params.inject]!.atMinutes - context.simMinutes),
      ),
      applyOption: assign(({ context }, params: OptionParams) =>
        settleOutcome(context, params.inject, outcomeOf(drill, params.inject, params.option)!, {
          option: params.option,
          kind: 'chosen',
        }),
      ),
      applyNoDecision: assign(({ context }, params: InjectParams) =>
        settleOutcome(context, params.inject, outcomeOf(drill, params.inject, null)!, {
          option: null,
          kind: 'no-decision',
        }),
      ),
      recordContinue: assign(({ context }, params: InjectParams) =>
        settleOutcome(context, params.inject, SILENT_OUTCOME, { option: null, kind: 'continued' }),
      ),
      recordSkip: assign(({ context }, params: InjectParams) =>
        settleOutcome(context, params.inject, SILENT_OUTCOME, { option: null, kind: 'skipped' }),
      ),
    },
  });
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
        actions: { type: 'passOver', params: { inject: id } },
      });
    }
    if (entry.atMinutes > 0) {
      always.push({
        guard: { type: 'clockBefore', params: { inject: id } },
        actions: { type: 'waitForInject', params: { inject: id } },
      });
    }
    const on: Record<string, unknown> = {
      SKIP: { target: entry.defaultNext, actions: { type: 'recordSkip', params: { inject: id } } },
    };
    if (decision) {
      on.CHOOSE = decision.options.map((option) => ({
        guard: { type: 'optionIs', params: { inject: id, option: option.id } },
        target: targetOf(drill, id, option),
        actions: { type: 'applyOption', params: { inject: id, option: option.id } },
      }));
      on.NO_DECISION = {
        target: targetOf(drill, id, outcomeOf(drill, id, null)!),
        actions: { type: 'applyNoDecision', params: { inject: id } },
      };
    } else {
      on.CONTINUE = { target: entry.defaultNext, actions: { type: 'recordContinue', params: { inject: id } } };
    }
    states[id] = { entry: { type: 'markInject', params: { inject: id } }, always, on };
  }
  for (const id of Object.keys(drill.endings)) {
    states[id] = { type: 'final', entry: { type: 'markEnding', params: { ending: id } } };
  }
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

/** Compiles a drill into its xstate machine. Throws if the config names an unknown guard or action. */
export function compileDrill(drill: Drill) {
  const config = machineConfig(drill);
  const machine = implementations(drill).createMachine({
    ...config,
    // The machine starts from the blank state; its entry and eventless transitions then do what
    // `arrive` does (pass over injects whose condition fails, wait for an inject's `at`).
    context: blankState(drill),
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
