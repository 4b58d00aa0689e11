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
import { largestSplits, mergeKey } from './merge-key.ts';
import { evaluateRequirement } from './requirements.ts';
import type { Requirement } from './schema.ts';
import { offeredOptions, startState, step, type TeamEvent, type TeamState } from './team-state.ts';
import { CAPABILITIES, type Capability } from './vocabulary.ts';

/**
 * The graph search refuses drills whose merged state graph exceeds this many nodes: far above any
 * drill a facilitator can review (the bundled ones need about 500), and it keeps a hostile file to
 * seconds and a few hundred MB.
 */
export const MAX_EXPLORED_NODES = 100_000;

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
  problems: Array<{ inject: string; message: string; event?: TeamEvent; expected?: string }>;
}

interface Edge {
  event: TeamEvent;
  child: string;
  /** Score change per capability, in CAPABILITIES order, and its sum. */
  delta: number[];
  total: number;
}
/** The best (or worst) path below a node: its total, its per-capability scores, its first edge. */
interface Extreme {
  total: number;
  per: number[];
  edge?: Edge;
}
interface Node {
  /**
   * The node's state while the search is below it; dropped once all its edges are known (the
   * passes after the search re-step from the start), so memory grows with edges, not with states.
   */
  state: TeamState | undefined;
  ending: boolean;
  edges: Edge[];
}

/** Events a team can send at its current inject (facilitator skips excluded). */
export function choicesAt(drill: Drill, state: TeamState): TeamEvent[] {
  const injectId = state.cursor.inject;
  if (injectId === undefined) return [];
  const decision = drill.injects[injectId]!.inject.decision;
  if (!decision) return [{ type: 'CONTINUE' }];
  return [
    ...offeredOptions(drill, injectId, state).map((o): TeamEvent => ({ type: 'CHOOSE', option: o.id })),
    { type: 'NO_DECISION' },
  ];
}

/** Searches a drill's paths. Pure; cost grows with distinct states, not with paths. */
export function explore(drill: Drill, limits: { maxNodes?: number } = {}): ExploreResult {
  const maxNodes = limits.maxNodes ?? MAX_EXPLORED_NODES;
  const key = mergeKey(drill);
  const keyOf = key.of;
  const nodes = new Map<string, Node>();
  const problems: ExploreResult['problems'] = [];
  const reported = new Set<string>();
  const problem = (inject: string, message: string, event?: TeamEvent, expected?: string): void => {
    const id = `${inject}\n${message}`;
    if (reported.has(id)) return;
    reported.add(id);
    problems.push({ inject, message, ...(event ? { event } : {}), ...(expected ? { expected } : {}) });
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
  let limited = false;
  // Iterative DFS (drills can be deep); post-order gives a reverse topological order.
  const stack: Array<{ key: string; next: number }> = [];
  const open = (key: string, state: TeamState): void => {
    nodes.set(key, { state, ending: state.cursor.ending !== undefined, edges: [] });
    onStack.add(key);
    stack.push({ key, next: 0 });
    if (state.cursor.inject) shown.add(state.cursor.inject);
    else if (state.cursor.ending) endingsReached.add(state.cursor.ending);
  };
  open(rootKey, root);
  let pending: Map<string, TeamEvent[]> = new Map([[rootKey, choices(root)]]);
  while (stack.length) {
    if (nodes.size > maxNodes) {
      limited = true;
      const splits = largestSplits(key, nodes.keys());
      problem(
        drill.first,
        `more than ${maxNodes.toLocaleString('en-US')} distinct states to verify: states differ most in ${splits.join(', ') || 'where they are in the story'}`,
        undefined,
        'fewer facts that later conditions, routes or expectations read while many others are open (read a flag soon after setting it, or merge branches)',
      );
      break;
    }
    const frame = stack[stack.length - 1]!;
    const node = nodes.get(frame.key)! as Node & { state: TeamState };
    const events = pending.get(frame.key)!;
    if (frame.next >= events.length) {
      (node as Node).state = undefined;
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
    for (const r of requirements)
      if (!meetable.has(r.id) && edgeMeets(drill, r.require, node.state, child)) meetable.add(r.id);
    const childKey = keyOf(child);
    const delta = CAPABILITIES.map((c) => child.score[c] - node.state.score[c]);
    node.edges.push({ event, child: childKey, delta, total: delta.reduce((a, b) => a + b, 0) });
    if (onStack.has(childKey)) {
      // Blame the link that jumps back in document order; some link on every cycle does.
      const cycle: Array<{ from: TeamState; event: TeamEvent; to: TeamState }> = [];
      for (let j = stack.findIndex((f) => f.key === childKey); j < stack.length - 1; j++) {
        const from = nodes.get(stack[j]!.key)!;
        // The edge into the frame above is the last one its node recorded.
        cycle.push({
          from: from.state!,
          event: from.edges[from.edges.length - 1]!.event,
          to: nodes.get(stack[j + 1]!.key)!.state!,
        });
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
  if (limited) {
    // The graph is incomplete: nothing below is meaningful, and the problem says why.
    const none = Object.fromEntries(CAPABILITIES.map((c) => [c, 0])) as Record<Capability, number>;
    return {
      nodes: nodes.size,
      paths: 0,
      maxScore: none,
      highestScore: none,
      minScore: none,
      bestTotal: 0,
      worstTotal: 0,
      bestPath: [],
      worstPath: [],
      shown,
      endingsReached,
      offered,
      earliestFlag: {},
      meetable,
      problems,
    };
  }

  // Backward pass over the DAG: path counts, best and worst per capability and in total.
  // Scores are arrays in CAPABILITIES order (this loop runs once per edge of large graphs).
  const paths = new Map<string, number>();
  const best = new Map<string, Extreme>();
  const worst = new Map<string, Extreme>();
  const highest = new Map<string, number[]>();
  const N = CAPABILITIES.length;
  const plus = (a: number[], b: number[]) => a.map((x, i) => x + b[i]!);
  for (const key of topo) {
    const node = nodes.get(key)!;
    let count = node.edges.length === 0 && node.ending ? 1 : 0;
    let hi: Extreme | undefined;
    let lo: Extreme | undefined;
    let top: number[] | undefined;
    for (const edge of node.edges) {
      const childBest = best.get(edge.child);
      const childWorst = worst.get(edge.child);
      if (!childBest || !childWorst) continue; // an edge into a loop
      count += paths.get(edge.child) ?? 0;
      const hiTotal = edge.total + childBest.total;
      const loTotal = edge.total + childWorst.total;
      // The best path's own per-capability scores, not each capability's best over all paths.
      if (!hi || hiTotal > hi.total) hi = { total: hiTotal, per: plus(edge.delta, childBest.per), edge };
      // The worst per capability stays the lowest any path reaches (minScore).
      const loPer = plus(edge.delta, childWorst.per);
      if (lo) for (let i = 0; i < N; i++) loPer[i] = Math.min(lo.per[i]!, loPer[i]!);
      if (!lo || loTotal < lo.total) lo = { total: loTotal, per: loPer, edge };
      else lo.per = loPer;
      const childTop = highest.get(edge.child)!;
      if (!top) top = plus(edge.delta, childTop);
      else for (let i = 0; i < N; i++) top[i] = Math.max(top[i]!, edge.delta[i]! + childTop[i]!);
    }
    paths.set(key, count);
    best.set(key, hi ?? { total: 0, per: new Array<number>(N).fill(0) });
    worst.set(key, lo ?? { total: 0, per: new Array<number>(N).fill(0) });
    highest.set(key, top ?? new Array<number>(N).fill(0));
  }

  // Forward pass in topological order: earliest sim time at each node, and so of each flag.
  const earliest = new Map<string, TeamState>([[rootKey, root]]);
  const earliestFlag: Record<string, number> = {};
  for (let i = topo.length - 1; i >= 0; i--) {
    const key = topo[i]!;
    const state = earliest.get(key);
    if (!state) continue;
    earliest.delete(key); // final once its parents are done; keep only the frontier
    for (const edge of nodes.get(key)!.edges) {
      const child = step(drill, state, edge.event);
      if (!child) continue;
      for (const r of requirements)
        if (!meetable.has(r.id) && edgeMeets(drill, r.require, state, child)) meetable.add(r.id);
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
  const rootBest = best.get(rootKey) ?? { total: 0, per: CAPABILITIES.map(() => 0) };
  const rootWorst = worst.get(rootKey) ?? { total: 0, per: CAPABILITIES.map(() => 0) };
  const byCapability = (per: number[]) =>
    Object.fromEntries(CAPABILITIES.map((c, i) => [c, per[i]!])) as Record<Capability, number>;
  return {
    nodes: nodes.size,
    paths: paths.get(rootKey) ?? 0,
    maxScore: byCapability(rootBest.per),
    highestScore: byCapability(highest.get(rootKey) ?? CAPABILITIES.map(() => 0)),
    minScore: byCapability(rootWorst.per),
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
    return (
      require.after !== undefined &&
      after.cursor.ending !== undefined &&
      evaluateRequirement(drill, require, after, true).met
    );
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
