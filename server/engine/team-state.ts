/**
 * A team's state in a drill and the pure functions that move it. The xstate machine
 * (machine.ts) calls these same functions from its named actions, and the path explorer
 * (explore.ts) calls them directly, so both always agree.
 *
 * Everything here is deterministic: no clock, no randomness, new objects instead of mutation.
 */
import { holds } from './conditions.ts';
import { applyKindEffect, initialKinds, type KindsState } from './estate-kinds.ts';
import { durationMinutes } from './duration.ts';
import { optionOutcome, type Drill, type IndexedInject } from './drill.ts';
import type { Effect, EvidenceStatus, Model, Next, Option, Outcome, PipelineStatus } from './schema.ts';
import { CAPABILITIES, type Capability } from './vocabulary.ts';

export interface ModelState extends Omit<Model, 'status'> {
  status: 'active' | 'quarantined' | 'deleted';
}

export interface EstateState extends KindsState {
  models: ModelState[];
  endpoints: Array<{ id: string; label?: string; traffic: Record<string, number> }>;
  pipelines: Array<{ id: string; label?: string; status: PipelineStatus; source?: string }>;
  /** `status` is absent while the item is intact. */
  evidence: Array<{ id: string; label: string; of?: string; at: number; status?: Exclude<EvidenceStatus, 'intact'> }>;
  metrics: MetricState[];
}

/** A field added here, optional ones included, must be copied in withTotal below. */
export interface MetricState {
  id: string;
  label: string;
  unit: string;
  rate: number;
  total: number;
  /** The flag, or any of the flags, that stop it. */
  stopsOn?: string | string[];
  /** Set by a restart: only flags set after this point in the flag order stop it again. */
  restartedSeq?: number;
}

/** How a decision point was left. */
export type DecisionKind = 'chosen' | 'no-decision' | 'skipped' | 'continued';

export interface DecisionRecord {
  inject: string;
  /** The option id, or null for no decision, a skip or an inject without a decision. */
  option: string | null;
  kind: DecisionKind;
  /** Sim-minute when the decision was taken, before its cost. */
  at: number;
  costMinutes: number;
}

/** A field added here, optional ones included, must be copied in copyState below. */
export interface TeamState {
  /** The inject on screen, or the ending reached. */
  cursor: { inject: string; ending?: undefined } | { ending: string; inject?: undefined };
  simMinutes: number;
  /** Flags set so far, with the sim-minute and the order in which each was set. */
  flags: Record<string, { at: number; seq: number }>;
  /**
   * Flags cleared by an effect, with when they were first set: clocks keep a stop that happened
   * (a deadline met stays met). Absent until a flag is cleared.
   */
  cleared?: Record<string, { at: number; seq: number }>;
  seq: number;
  estate: EstateState;
  log: DecisionRecord[];
  /** Injects passed over because their `when` did not hold. */
  passedOver: string[];
  score: Record<Capability, number>;
  mitigations: string[];
}

/** What a team can do at an inject. */
export type TeamEvent =
  { type: 'CHOOSE'; option: string } | { type: 'NO_DECISION' } | { type: 'CONTINUE' } | { type: 'SKIP' };

const zeroScore = (): Record<Capability, number> =>
  Object.fromEntries(CAPABILITIES.map((c) => [c, 0])) as Record<Capability, number>;

/** The state before the first inject fires. */
function initialEstate(drill: Drill): EstateState {
  const { estate } = drill.scenario;
  return {
    models: estate.models.map((m) => ({ ...m, status: m.status ?? 'active' })),
    endpoints: estate.endpoints.map((e) => ({ ...e, traffic: { ...e.traffic } })),
    pipelines: estate.pipelines.map((p) => ({ ...p })),
    evidence: estate.evidence.map((e) => ({ ...e, at: 0 })),
    metrics: estate.metrics.map((m) => ({
      id: m.id,
      label: m.label,
      unit: m.unit,
      rate: m.rate_per_hour,
      total: 0,
      ...(m.stops_on ? { stopsOn: m.stops_on } : {}),
    })),
    ...initialKinds(estate),
  };
}

/** A team's state before anything happens, with the first inject as cursor (not yet entered). */
export function blankState(drill: Drill): TeamState {
  return {
    cursor: { inject: drill.first },
    simMinutes: 0,
    flags: {},
    seq: 0,
    estate: initialEstate(drill),
    log: [],
    passedOver: [],
    score: zeroScore(),
    mitigations: [],
  };
}

/** A team's state at the start of a drill: on the first inject that holds. */
export function startState(drill: Drill): TeamState {
  return arrive(drill, blankState(drill), drill.first);
}

/** True when a metric has stopped: one of its `stops_on` flags is set (since its last restart). */
export function metricStopped(metric: MetricState, flags: TeamState['flags']): boolean {
  const { stopsOn } = metric;
  if (stopsOn === undefined) return false;
  const after = metric.restartedSeq ?? 0;
  if (typeof stopsOn === 'string') return (flags[stopsOn]?.seq ?? 0) > after;
  return stopsOn.some((flag) => (flags[flag]?.seq ?? 0) > after);
}

/** Where a `next` leads in `state`: its id, or the first route whose `when` holds. */
export function resolveNext(drill: Drill, next: Next | undefined, state: TeamState): string | undefined {
  if (next === undefined || typeof next === 'string') return next;
  for (const route of next) if (route.when === undefined || holds(drill, route.when, state)) return route.to;
  return undefined;
}

/** The options offered at an inject in `state`: those without a `when`, or whose `when` holds. */
export function offeredOptions(drill: Drill, injectId: string, state: TeamState): Option[] {
  const options = drill.injects[injectId]?.inject.decision?.options ?? [];
  return options.some((o) => o.when)
    ? options.filter((o) => o.when === undefined || holds(drill, o.when, state))
    : options;
}

/** Sim time passes: business impact accrues while its stopping flag is unset. */
export function advanceClock(state: TeamState, minutes: number): TeamState {
  if (minutes <= 0) return state;
  const draft = draftOf(state);
  accrue(draft, minutes);
  return draft;
}

/** {@link advanceClock} on a draft whose top level and estate are already its own. */
function accrue(draft: TeamState, minutes: number): void {
  if (minutes <= 0) return;
  const { flags } = draft;
  draft.simMinutes += minutes;
  const metrics = draft.estate.metrics;
  let next: EstateState['metrics'] | undefined;
  for (let i = 0; i < metrics.length; i++) {
    const m = metrics[i]!;
    if (m.rate <= 0 || metricStopped(m, flags)) continue;
    next ??= metrics.slice();
    next[i] = withTotal(m, m.total + (m.rate * minutes) / 60);
  }
  if (next) draft.estate.metrics = next;
}

/** A metric with a new total, built field by field in one shape (this runs for every running metric on every step). */
function withTotal(metric: MetricState, total: number): MetricState {
  const copy: MetricState = { id: metric.id, label: metric.label, unit: metric.unit, rate: metric.rate, total };
  if (metric.stopsOn !== undefined) copy.stopsOn = metric.stopsOn;
  if (metric.restartedSeq !== undefined) copy.restartedSeq = metric.restartedSeq;
  return copy;
}

/**
 * `list` with the item of id `id` replaced by `change(item)`; the same array when there is none.
 * A loop, not map(): this runs on every step of every team.
 */
function replaceById<T extends { id: string }>(list: T[], id: string, change: (item: T) => T): T[] {
  for (let i = 0; i < list.length; i++) {
    if (list[i]!.id !== id) continue;
    const copy = list.slice();
    copy[i] = change(list[i]!);
    return copy;
  }
  return list;
}

/**
 * Moves the story to `target`: passes over injects whose `when` fails (to where their `next`
 * leads), waits for an inject's `at` and applies its effects, or stops at an ending.
 */
export function arrive(drill: Drill, state: TeamState, target: string): TeamState {
  let current = state;
  let id: string | undefined = target;
  const seen = new Set<string>();
  while (id !== undefined && !drill.endings[id]) {
    const entry: IndexedInject | undefined = drill.injects[id];
    if (!entry) throw new Error(`unknown inject or ending "${id}"`);
    if (seen.has(id)) throw new Error(`injects pass over each other in a loop at "${id}"`);
    seen.add(id);
    if (entry.inject.when && !holds(drill, entry.inject.when, current)) {
      current = copyState(current);
      current.passedOver = [...current.passedOver, id];
      id = resolveNext(drill, entry.defaultNext, current);
      continue;
    }
    current = advanceClock(current, entry.atMinutes - current.simMinutes);
    const effects = entry.inject.effects;
    if (effects?.length) {
      // Shown, so what it reveals is now known: its effects happen whatever the team does next.
      const draft = draftOf(current);
      let ownFlags = false;
      for (const effect of effects) ownFlags = applyToDraft(draft, effect, ownFlags);
      current = draft;
    }
    const shown = copyState(current);
    shown.cursor = { inject: id };
    return shown;
  }
  if (id === undefined) throw new Error(`the story runs out after "${target}" with no ending`);
  const ended = copyState(current);
  ended.cursor = { ending: id };
  return ended;
}

/**
 * A copy of a state whose top level and estate are fresh objects, so effects can replace their
 * parts in place without touching `state`. Everything below is still shared (copy on write).
 */
function draftOf(state: TeamState): TeamState {
  return copyState(state, { ...state.estate });
}

/**
 * A shallow copy of a team state, built field by field so that every copy has the same shape as
 * {@link blankState}'s (a spread copies whatever shape it is given; this runs several times on
 * every step of every team). `cleared` comes last, where applyToDraft first adds it.
 */
function copyState(state: TeamState, estate: EstateState = state.estate): TeamState {
  const copy: TeamState = {
    cursor: state.cursor,
    simMinutes: state.simMinutes,
    flags: state.flags,
    seq: state.seq,
    estate,
    log: state.log,
    passedOver: state.passedOver,
    score: state.score,
    mitigations: state.mitigations,
  };
  if (state.cleared) copy.cleared = state.cleared;
  return copy;
}

/** Applies one effect to a draft; flags are stamped with the current sim time and order. */
function applyToDraft(draft: TeamState, effect: Effect, ownFlags: boolean): boolean {
  const { estate } = draft;
  if ('flag' in effect) {
    const names = Array.isArray(effect.flag) ? effect.flag : [effect.flag];
    for (const name of names) {
      if (draft.flags[name]) continue;
      if (!ownFlags) {
        draft.flags = { ...draft.flags };
        ownFlags = true;
      }
      draft.seq += 1;
      draft.flags[name] = { at: draft.simMinutes, seq: draft.seq };
    }
  } else if ('clear' in effect) {
    const names = Array.isArray(effect.clear) ? effect.clear : [effect.clear];
    for (const name of names) {
      const set = draft.flags[name];
      if (!set) continue;
      if (!ownFlags) {
        draft.flags = { ...draft.flags };
        ownFlags = true;
      }
      delete draft.flags[name];
      draft.cleared = { ...draft.cleared, [name]: draft.cleared?.[name] ?? set };
    }
  } else if ('evidence_state' in effect) {
    const { id, status } = effect.evidence_state;
    estate.evidence = replaceById(estate.evidence, id, (e) => {
      const next = { ...e };
      if (status === 'intact') delete next.status;
      else next.status = status;
      return next;
    });
  } else if ('traffic' in effect) {
    estate.endpoints = replaceById(estate.endpoints, effect.traffic.endpoint, (e) => ({
      ...e,
      traffic: { ...effect.traffic.to },
    }));
  } else if ('pipeline' in effect) {
    estate.pipelines = replaceById(estate.pipelines, effect.pipeline.id, (p) => ({
      ...p,
      status: effect.pipeline.status,
    }));
  } else if ('evidence' in effect) {
    if (!estate.evidence.some((e) => e.id === effect.evidence.id)) {
      estate.evidence = [...estate.evidence, { ...effect.evidence, at: draft.simMinutes }];
    }
  } else if ('model' in effect) {
    const change = effect.model;
    const models = estate.models.slice();
    const family = models.find((m) => m.id === change.id)?.family;
    let changed = false;
    for (let i = 0; i < models.length; i++) {
      const m = models[i]!;
      if (m.id === change.id) {
        changed = true;
        const next: ModelState = { ...m, ...(change.status ? { status: change.status } : {}) };
        if (change.alias === null) delete next.alias;
        else if (change.alias) next.alias = change.alias;
        models[i] = next;
      } else if (change.alias && m.alias === change.alias && m.family === family) {
        // An alias names one model of a family: moving it takes it from the model that had it.
        models[i] = withoutAlias(m);
        changed = true;
      }
    }
    if (changed) estate.models = models;
  } else if (applyKindEffect(estate, effect, draft.simMinutes)) {
    // a retrieval store, agent, dataset or credential changed
  } else if ('add_model' in effect) {
    if (!estate.models.some((m) => m.id === effect.add_model.id)) {
      estate.models = [...estate.models, { ...effect.add_model, status: effect.add_model.status ?? 'active' }];
    }
  } else if ('metric' in effect) {
    const { rate_per_hour: rate, restart } = effect.metric;
    estate.metrics = replaceById(estate.metrics, effect.metric.id, (m) => ({
      ...m,
      rate: rate ?? m.rate,
      ...(restart ? { restartedSeq: draft.seq } : {}),
    }));
  }
  return ownFlags;
}

function withoutAlias(model: ModelState): ModelState {
  const copy = { ...model };
  delete copy.alias;
  return copy;
}

/** Cost, then effects, score and mitigations of an outcome; the story does not move yet. */
export function settleOutcome(
  state: TeamState,
  injectId: string,
  outcome: Outcome,
  record: Pick<DecisionRecord, 'option' | 'kind'>,
): TeamState {
  const costMinutes = durationMinutes(outcome.cost);
  const logged: DecisionRecord = {
    inject: injectId,
    option: record.option,
    kind: record.kind,
    at: state.simMinutes,
    costMinutes,
  };
  // One copy of the state for the whole outcome (this runs on every step of every team).
  const next = draftOf(state);
  accrue(next, costMinutes);
  let ownFlags = false;
  for (const effect of outcome.effects) ownFlags = applyToDraft(next, effect, ownFlags);
  let ownScore = false;
  for (const capability in outcome.score) {
    if (!ownScore) {
      next.score = { ...next.score };
      ownScore = true;
    }
    next.score[capability as Capability] += outcome.score[capability as Capability]!;
  }
  if (outcome.mitigations.some((id) => !next.mitigations.includes(id))) {
    next.mitigations = [...next.mitigations];
    for (const id of outcome.mitigations) if (!next.mitigations.includes(id)) next.mitigations.push(id);
  }
  next.log = [...next.log, logged];
  return next;
}

/** The `next` that decides where an outcome at `injectId` leads: its own, else the inject's. */
export function nextOf(drill: Drill, injectId: string, outcome: Outcome): Next | undefined {
  return outcome.next ?? drill.injects[injectId]!.defaultNext;
}

/** Where an outcome at `injectId` leads, in the state after its cost and effects. */
export function targetOf(drill: Drill, injectId: string, outcome: Outcome, settled: TeamState): string {
  return resolveNext(drill, nextOf(drill, injectId, outcome), settled)!;
}

/** Settles an outcome and moves on to where it leads. */
export function applyOutcome(
  drill: Drill,
  state: TeamState,
  injectId: string,
  outcome: Outcome,
  record: Pick<DecisionRecord, 'option' | 'kind'>,
): TeamState {
  const settled = settleOutcome(state, injectId, outcome, record);
  return arrive(drill, settled, targetOf(drill, injectId, outcome, settled));
}

/** True when `event` is accepted in `state` (the same rule the machine's guards apply). */
export function accepts(drill: Drill, state: TeamState, event: TeamEvent): boolean {
  const injectId = state.cursor.inject;
  if (injectId === undefined) return false;
  const decision = drill.injects[injectId]!.inject.decision;
  switch (event.type) {
    case 'CHOOSE': {
      const option = decision?.options.find((o) => o.id === event.option);
      return option !== undefined && (option.when === undefined || holds(drill, option.when, state));
    }
    case 'NO_DECISION':
      return decision !== undefined;
    case 'CONTINUE':
      return decision === undefined;
    case 'SKIP':
      return true;
  }
}

/** The pure transition: the next state, or undefined when the event does not apply now. */
export function step(drill: Drill, state: TeamState, event: TeamEvent): TeamState | undefined {
  if (!accepts(drill, state, event)) return undefined;
  const injectId = state.cursor.inject!;
  switch (event.type) {
    case 'CHOOSE':
      return applyOutcome(drill, state, injectId, optionOutcome(drill, injectId, event.option)!, {
        option: event.option,
        kind: 'chosen',
      });
    case 'NO_DECISION':
      return applyOutcome(drill, state, injectId, optionOutcome(drill, injectId, null)!, {
        option: null,
        kind: 'no-decision',
      });
    case 'CONTINUE':
      return applyOutcome(drill, state, injectId, SILENT_OUTCOME, { option: null, kind: 'continued' });
    case 'SKIP': {
      const settled = settleOutcome(state, injectId, SILENT_OUTCOME, { option: null, kind: 'skipped' });
      return arrive(drill, settled, resolveNext(drill, skipNext(drill, injectId), settled)!);
    }
  }
}

/**
 * Where a facilitator's skip leads: the inject's default next, or, for a last inject whose
 * options each name their own next, where no decision would have led. A skip keeps the effects
 * the inject had when it was shown and adds none of an option's.
 */
export function skipNext(drill: Drill, injectId: string): Next | undefined {
  return drill.injects[injectId]!.defaultNext ?? nextOf(drill, injectId, optionOutcome(drill, injectId, null)!);
}

/** Moving on without a decision (an inject that only informs, or a facilitator's skip). */
export const SILENT_OUTCOME: Outcome = { cost: '0m', effects: [], score: {}, mitigations: [] };
