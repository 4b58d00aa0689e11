/**
 * Pure steps on a compiled drill machine, without a live actor: the next snapshot for an event,
 * as xstate's `getNextSnapshot` gives it, but several times cheaper.
 *
 * `getNextSnapshot` builds a throwaway actor (and with it the machine's initial snapshot) on
 * every call, which costs more than the step itself. The drill machines only `assign` (no
 * children, timers, emits or side effects), so one inert actor scope per machine serves every
 * step of every team: the machine's own `transition` runs with it exactly as `getNextSnapshot`
 * runs it.
 */
import { createActor, type AnyActorScope } from 'xstate';
import type { DrillMachine } from './machine.ts';
import type { TeamEvent } from './team-state.ts';

export type DrillSnapshot = ReturnType<DrillMachine['getInitialSnapshot']>;

export interface MachineStepper {
  /** The machine's initial snapshot (the first inject entered). */
  initial(): DrillSnapshot;
  /** The snapshot after `event`; the same snapshot's state when the event does not apply. */
  next(snapshot: DrillSnapshot, event: TeamEvent): DrillSnapshot;
}

const steppers = new WeakMap<DrillMachine, MachineStepper>();

/** The stepper of a machine, made once per machine. */
export function stepperOf(machine: DrillMachine): MachineStepper {
  let stepper = steppers.get(machine);
  if (!stepper) steppers.set(machine, (stepper = makeStepper(machine)));
  return stepper;
}

function makeStepper(machine: DrillMachine): MachineStepper {
  // Never started: it only lends the machine a `self` and a system, as in getNextSnapshot.
  const self = createActor(machine);
  const scope = {
    self,
    system: self.system,
    id: '',
    sessionId: '',
    logger: () => {},
    defer: () => {},
    emit: () => {},
    stopChild: () => {},
    actionExecutor: () => {},
  } as unknown as AnyActorScope;
  // `_snapshot` is xstate's private field: package.json pins xstate to one exact version, and
  // test/engine/xstate-pin.test.ts with machine-agreement.test.ts fail when an upgrade moves it.
  const lend = (snapshot: DrillSnapshot) => {
    (self as unknown as { _snapshot: DrillSnapshot })._snapshot = snapshot;
  };
  return {
    initial: () => machine.getInitialSnapshot(scope as never),
    next(snapshot, event) {
      lend(snapshot);
      return machine.transition(snapshot, event, scope as never);
    },
  };
}
