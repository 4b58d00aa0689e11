/**
 * Searches every path through a drill. Team states are merged when they cannot differ in what
 * happens next (same inject, same flags and estate facts that any condition or expectation
 * reads), which turns millions of paths into a graph of a few thousand nodes. On that graph:
 * path counts, best and worst scores per capability, the best and worst paths, loops, injects no
 * path reaches, and for every expectation whether some path can meet it.
 *
 * The earliest sim time a flag can be set is exact: sim time only moves forward and never feeds
 * back into routing, so the earliest arrival at a node gives the earliest arrival after it.
 */
import type { Drill } from './drill.ts';
import { durationMinutes } from './duration.ts';
import { chose } from './conditions.ts';
import { kindRead, type KindPart } from './estate-kinds.ts';
import { evaluateRequirement } from './requirements.ts';
import type { Condition, Next, Requirement } from './schema.ts';
import { offeredOptions, startState, step, type TeamEvent, type TeamState } from './team-state.ts';
import { CAPABILITIES, type Capability } from './vocabulary.ts';

/** The graph search refuses drills whose merged state graph exceeds this many nodes. */
export const MAX_EXPLORED_NODES = 250_000;

export interface ExploreResult {
  nodes: number;
  /** Distinct decision sequences from start to an ending (a float when astronomically large). */
  paths: number;
  /**
   * Per capability, the scores of the best path (the one with the best total): the "best
   * possible" reports show, which one path really reaches.
   */
  maxScore: Record<Capability, number>;
  /** Per capability, the highest score any path reaches (possibly a path that does harm elsewhere). */
  highestScore: Record<Capability, number>;
  minScore: Record<Capability, number>;
  bestTotal: number;
  worstTotal: number;
  bestPath: TeamEvent[];
  worstPath: TeamEvent[];
  /** Injects some path shows (arrives at, not just passes over). */
  shown: Set<string>;
  endingsReached: Set<string>;
  /** Options some path offers, as "inject.option" (an option with a `when` may never be). */
  offered: Set<string>;
  /** Earliest sim-minute each flag can be set on some path. */
  earliestFlag: Record<string, number>;
  /** Expectation ids that some path meets. */
  meetable: Set<string>;
  /**
   * Problems that stop the search: loops, runaway states; each reported once. For a loop,
   * `event` is the choice at `inject` whose story link jumps back (so the checker can point at it).
   */
  problems: Array<{ inject: string; message: string; event?: TeamEvent }>;
}

interface Edge {
  event: TeamEvent;
  child: string;
  delta: Record<Capability, number>;
}
interface Node {
  state: TeamState;
  edges: Edge[];
}

/** Events a team can send at its current inject (facilitator skips excluded). */
export function choicesAt(drill: Drill, state: TeamState): TeamEvent[] {
  const injectId = state.cursor.inject;
  if (injectId === undefined) return [];
  const decision = drill.injects[injectId]!.inject.decision;
  if (!decision) return [{ type: 'CONTINUE' }];
  return [...offeredOptions(drill, injectId, state).map((o): TeamEvent => ({ type: 'CHOOSE', option: o.id })), { type: 'NO_DECISION' }];
}

/** Every condition a drill routes or scores on: `when`s, conditional `next`s and `holds` requirements. */
export function conditionsOf(drill: Drill): Condition[] {
  const found: Condition[] = [];
  const routes = (next: Next | undefined) => {
    if (Array.isArray(next)) for (const route of next) if (route.when) found.push(route.when);
  };
  for (const entry of Object.values(drill.injects)) {
    const { inject } = entry;
    if (inject.when) found.push(inject.when);
    routes(inject.next);
    for (const option of inject.decision?.options ?? []) {
      if (option.when) found.push(option.when);
      routes(option.next);
    }
    routes(inject.decision?.no_decision?.next);
  }
  for (const e of drill.scenario.expectations) if ('holds' in e.require) found.push(e.require.holds);
  return found;
}

/** What of a team state can change what happens next; states equal in this are merged. */
function relevance(drill: Drill) {
  const flags = new Set<string>();
  /** Flags whose set time matters (clock starts, `after` of a `within` requirement). */
  const flagTimes = new Set<string>();
  const pipelines = new Set<string>();
  const endpoints = new Set<string>();
  const evidence = new Set<string>();
  const choices = new Set<string>();
  /** Retrieval stores, agents, datasets and credentials some condition reads ("part\nid"). */
  const kinds = new Set<string>();
  let timed = false;
  const clockFlags = (id: string) => {
    const clock = drill.scenario.clocks.find((c) => c.id === id);
    if (clock?.starts_on) flagTimes.add(clock.starts_on);
    if (clock) flagTimes.add(clock.stops_on);
  };
  const visit = (c: Condition): void => {
    if ('flag' in c) flags.add(c.flag);
    else if ('not' in c) visit(c.not);
    else if ('all' in c) c.all.forEach(visit);
    else if ('any' in c) c.any.forEach(visit);
    else if ('chose' in c) choices.add(c.chose);
    else if ('pipeline' in c) pipelines.add(c.pipeline.id);
    else if ('serving' in c) endpoints.add(c.serving.endpoint);
    else if ('evidence' in c) evidence.add(c.evidence.id);
    else if (kindRead(c)) {
      const read = kindRead(c)!;
      kinds.add(`${read.part}\n${read.id}`);
    } else {
      // Sim time feeds back into the story: states at different times must not merge.
      timed = true;
      if ('clock' in c) clockFlags(c.clock.id);
    }
  };
  conditionsOf(drill).forEach(visit);
  for (const e of drill.scenario.expectations) {
    const r = e.require;
    if ('before' in r) r.before.forEach((f) => flags.add(f));
    if ('never' in r) flags.add(r.never);
    if ('flag' in r && r.after !== undefined) flagTimes.add(r.after);
    if ('clock' in r) clockFlags(r.clock.id);
  }
  const flagList = [...flags].sort();
  const timeList = [...flagTimes].sort();
  const kindList = [...kinds].sort();
  return (state: TeamState): string => {
    const parts: string[] = [state.cursor.inject ?? `#${state.cursor.ending}`];
    for (const f of flagList) if (state.flags[f]) parts.push(f);
    for (const f of timeList) {
      if (state.flags[f]) parts.push(`${f}@${state.flags[f]!.at}`);
      if (state.cleared?.[f]) parts.push(`${f}@${state.cleared[f]!.at}/cleared`);
    }
    for (const id of pipelines) parts.push(`${id}=${state.estate.pipelines.find((p) => p.id === id)?.status}`);
    for (const id of endpoints) {
      parts.push(`${id}=${JSON.stringify(state.estate.endpoints.find((e) => e.id === id)?.traffic)}`);
    }
    for (const id of evidence) {
      const item = state.estate.evidence.find((e) => e.id === id);
      if (item) parts.push(`${id}:${item.status ?? 'intact'}`);
    }
    for (const ref of choices) if (chose(state, ref)) parts.push(ref);
    for (const read of kindList) {
      const [part, id] = read.split('\n') as [KindPart, string];
      parts.push(JSON.stringify((state.estate[part] as Array<{ id: string }> | undefined)?.find((x) => x.id === id)));
    }
    if (timed) parts.push(`t=${state.simMinutes}`);
    return parts.join('|');
  };
}

function zero(): Record<Capability, number> {
  return Object.fromEntries(CAPABILITIES.map((c) => [c, 0])) as Record<Capability, number>;
}

/** Searches a drill's paths. Pure; cost grows with distinct states, not with paths. */
export function explore(drill: Drill): ExploreResult {
  const keyOf = relevance(drill);
  const nodes = new Map<string, Node>();
  const problems: ExploreResult['problems'] = [];
  const reported = new Set<string>();
  const problem = (inject: string, message: string, event?: TeamEvent): void => {
    const id = `${inject}\n${message}`;
    if (reported.has(id)) return;
    reported.add(id);
    problems.push({ inject, message, ...(event ? { event } : {}) });
  };
  const shown = new Set<string>();
  const endingsReached = new Set<string>();
  const offered = new Set<string>();
  const choices = (state: TeamState): TeamEvent[] => {
    const events = choicesAt(drill, state);
    for (const e of events) if (e.type === 'CHOOSE') offered.add(`${state.cursor.inject}.${e.option}`);
    return events;
  };
  const topo: string[] = [];
  const requirements = drill.scenario.expectations.map((e) => ({ id: e.id, require: e.require }));
  const meetable = new Set<string>();

  const root = startState(drill);
  const rootKey = keyOf(root);
  const onStack = new Set<string>();
  // Iterative DFS (drills can be deep); post-order gives a reverse topological order.
  const stack: Array<{ key: string; next: number }> = [];
  const open = (key: string, state: TeamState): void => {
    nodes.set(key, { state, edges: [] });
    onStack.add(key);
    stack.push({ key, next: 0 });
    if (state.cursor.inject) shown.add(state.cursor.inject);
    else if (state.cursor.ending) endingsReached.add(state.cursor.ending);
  };
  open(rootKey, root);
  let pending: Map<string, TeamEvent[]> = new Map([[rootKey, choices(root)]]);
  while (stack.length) {
    if (nodes.size > MAX_EXPLORED_NODES) {
      problem(drill.first, `more than ${MAX_EXPLORED_NODES} distinct states to verify`);
      break;
    }
    const frame = stack[stack.length - 1]!;
    const node = nodes.get(frame.key)!;
    const events = pending.get(frame.key)!;
    if (frame.next >= events.length) {
      stack.pop();
      onStack.delete(frame.key);
      pending.delete(frame.key);
      topo.push(frame.key);
      continue;
    }
    const event = events[frame.next++]!;
    let child: TeamState | undefined;
    try {
      child = step(drill, node.state, event);
    } catch (error) {
      problem(node.state.cursor.inject!, (error as Error).message);
      continue;
    }
    if (!child) continue;
    for (const r of requirements) if (!meetable.has(r.id) && edgeMeets(drill, r.require, node.state, child)) meetable.add(r.id);
    const childKey = keyOf(child);
    const delta = zero();
    for (const c of CAPABILITIES) delta[c] = child.score[c] - node.state.score[c];
    node.edges.push({ event, child: childKey, delta });
    if (onStack.has(childKey)) {
      // Blame the link that jumps back in document order; some link on every cycle does.
      const cycle: Array<{ from: TeamState; event: TeamEvent; to: TeamState }> = [];
      for (let j = stack.findIndex((f) => f.key === childKey); j < stack.length - 1; j++) {
        const from = nodes.get(stack[j]!.key)!;
        // The edge into the frame above is the last one its node recorded.
        cycle.push({ from: from.state, event: from.edges[from.edges.length - 1]!.event, to: nodes.get(stack[j + 1]!.key)!.state });
      }
      cycle.push({ from: node.state, event, to: child });
      const orderOf = (s: TeamState) => drill.injects[s.cursor.inject!]!.order;
      const back = cycle.find((e) => orderOf(e.to) <= orderOf(e.from)) ?? cycle[cycle.length - 1]!;
      problem(back.from.cursor.inject!, `the story can loop back to "${back.to.cursor.inject}" forever`, back.event);
      continue;
    }
    if (!nodes.has(childKey)) {
      open(childKey, child);
      pending.set(childKey, choices(child));
    }
  }
  pending = new Map();

  // Backward pass over the DAG: path counts, best and worst per capability and in total.
  const paths = new Map<string, number>();
  const best = new Map<string, { total: number; per: Record<Capability, number>; edge?: Edge }>();
  const worst = new Map<string, { total: number; per: Record<Capability, number>; edge?: Edge }>();
  const highest = new Map<string, Record<Capability, number>>();
  for (const key of topo) {
    const node = nodes.get(key)!;
    if (node.edges.length === 0) {
      paths.set(key, node.state.cursor.ending ? 1 : 0);
      best.set(key, { total: 0, per: zero() });
      worst.set(key, { total: 0, per: zero() });
      highest.set(key, zero());
      continue;
    }
    let count = 0;
    let hi: { total: number; per: Record<Capability, number>; edge?: Edge } | undefined;
    let lo: typeof hi;
    let top: Record<Capability, number> | undefined;
    for (const edge of node.edges) {
      const childBest = best.get(edge.child);
      const childWorst = worst.get(edge.child);
      if (!childBest || !childWorst) continue; // an edge into a loop
      count += paths.get(edge.child) ?? 0;
      const sum = (d: Record<Capability, number>) => CAPABILITIES.reduce((s, c) => s + d[c], 0);
      const hiTotal = sum(edge.delta) + childBest.total;
      const loTotal = sum(edge.delta) + childWorst.total;
      const hiPer = zero();
      const loPer = zero();
      const topPer = zero();
      const childTop = highest.get(edge.child)!;
      for (const c of CAPABILITIES) {
        // The best path's own per-capability scores, not each capability's best over all paths.
        hiPer[c] = hi && hi.total >= hiTotal ? hi.per[c] : edge.delta[c] + childBest.per[c];
        topPer[c] = Math.max(top?.[c] ?? -Infinity, edge.delta[c] + childTop[c]);
        loPer[c] = Math.min(lo?.per[c] ?? Infinity, edge.delta[c] + childWorst.per[c]);
      }
      top = topPer;
      hi = { total: hi && hi.total >= hiTotal ? hi.total : hiTotal, per: hiPer, edge: hi && hi.total >= hiTotal ? hi.edge : edge };
      lo = { total: lo && lo.total <= loTotal ? lo.total : loTotal, per: loPer, edge: lo && lo.total <= loTotal ? lo.edge : edge };
    }
    paths.set(key, count);
    best.set(key, hi ?? { total: 0, per: zero() });
    worst.set(key, lo ?? { total: 0, per: zero() });
    highest.set(key, top ?? zero());
  }

  // Forward pass in topological order: earliest sim time at each node, and so of each flag.
  const earliest = new Map<string, TeamState>([[rootKey, root]]);
  const earliestFlag: Record<string, number> = {};
  for (let i = topo.length - 1; i >= 0; i--) {
    const key = topo[i]!;
    const state = earliest.get(key);
    if (!state) continue;
    for (const edge of nodes.get(key)!.edges) {
      const child = step(drill, state, edge.event);
      if (!child) continue;
      for (const r of requirements) if (!meetable.has(r.id) && edgeMeets(drill, r.require, state, child)) meetable.add(r.id);
      for (const [flag, set] of Object.entries(child.flags)) {
        if (!state.flags[flag] && (earliestFlag[flag] === undefined || set.at < earliestFlag[flag]!)) {
          earliestFlag[flag] = set.at;
        }
      }
      const known = earliest.get(edge.child);
      if (!known || child.simMinutes < known.simMinutes) earliest.set(edge.child, child);
    }
  }
  for (const r of requirements) {
    if (!('flag' in r.require) || r.require.after !== undefined) continue;
    const earliestAt = earliestFlag[r.require.flag];
    const limit = r.require.by === undefined ? Infinity : durationMinutes(r.require.by);
    if (earliestAt !== undefined && earliestAt <= limit) meetable.add(r.id);
  }

  const follow = (table: typeof best): TeamEvent[] => {
    const events: TeamEvent[] = [];
    let key = rootKey;
    for (let guard = 0; guard < 10_000; guard++) {
      const edge = table.get(key)?.edge;
      if (!edge) break;
      events.push(edge.event);
      key = edge.child;
    }
    return events;
  };
  const rootBest = best.get(rootKey) ?? { total: 0, per: zero() };
  const rootWorst = worst.get(rootKey) ?? { total: 0, per: zero() };
  return {
    nodes: nodes.size,
    paths: paths.get(rootKey) ?? 0,
    maxScore: rootBest.per,
    highestScore: highest.get(rootKey) ?? zero(),
    minScore: rootWorst.per,
    bestTotal: rootBest.total,
    worstTotal: rootWorst.total,
    bestPath: follow(best),
    worstPath: follow(worst),
    shown,
    endingsReached,
    offered,
    earliestFlag,
    meetable,
    problems,
  };
}

/** True when the step from `before` to `after` shows the requirement met on that path. */
function edgeMeets(drill: Drill, require: Requirement, before: TeamState, after: TeamState): boolean {
  if ('flag' in require) {
    // Without `after`, decided from the earliest times once the search is done.
    return require.after !== undefined && after.cursor.ending !== undefined && evaluateRequirement(drill, require, after, true).met;
  }
  if ('clock' in require || 'holds' in require) {
    return after.cursor.ending !== undefined && evaluateRequirement(drill, require, after, true).met;
  }
  if ('before' in require) {
    const [first, second] = require.before;
    const a = after.flags[first];
    const b = after.flags[second];
    return a !== undefined && !before.flags[first] && (b === undefined || a.seq < b.seq);
  }
  if ('never' in require) return after.cursor.ending !== undefined && !after.flags[require.never];
  const [inject, option] = require.chose.split('.');
  return after.log.some((r) => r.inject === inject && r.option === option && r.kind === 'chosen');
}
