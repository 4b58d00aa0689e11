/** Shared helpers for the engine tests: loading drills and playing them through the pure reducer. */
import { readdirSync } from 'node:fs';
import { checkDrillFile, checkDrillText } from '../../server/engine/check.ts';
import { formatDiagnostic } from '../../server/engine/diagnostics.ts';
import type { Drill } from '../../server/engine/drill.ts';
import { choicesAt, type ExploreResult } from '../../server/engine/explore.ts';
import type { Strategy } from '../../server/engine/playthrough.ts';
import { startState, step, type TeamEvent, type TeamState } from '../../server/engine/team-state.ts';

export const MINI = 'test/fixtures/valid/mini.yaml';

/** Every drill in scenarios/, whatever state it is in. */
export function scenarioFiles(): string[] {
  return readdirSync('scenarios')
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => `scenarios/${f}`);
}

export interface Loaded {
  file: string;
  drill: Drill;
  stats: ExploreResult;
}

/** Checks a drill file and throws with every diagnostic (so a test failure shows them) unless it is clean. */
export function loadClean(file: string): Loaded {
  return fromResult(checkDrillFile(file));
}

/** The same for drill text written inside a test. */
export function loadText(text: string, file = 'inline.yaml'): Loaded {
  return fromResult(checkDrillText(file, text));
}

function fromResult(result: ReturnType<typeof checkDrillFile>): Loaded {
  if (result.errors || !result.drill || !result.stats) {
    throw new Error(`${result.file} does not check clean:\n${result.diagnostics.map(formatDiagnostic).join('\n')}`);
  }
  return { file: result.file, drill: result.drill, stats: result.stats };
}

/** Plays events through the pure reducer from the start, returning the state after each. */
export function reduce(drill: Drill, events: TeamEvent[]): TeamState[] {
  const states = [startState(drill)];
  for (const event of events) {
    const next = step(drill, states[states.length - 1]!, event);
    if (!next) throw new Error(`event ${JSON.stringify(event)} not accepted`);
    states.push(next);
  }
  return states;
}

/** Option ids (and `-` for no decision) of a path, the form `--choices` takes. */
export function choiceIds(events: TeamEvent[]): string[] {
  return events.flatMap((e) => (e.type === 'CHOOSE' ? [e.option] : e.type === 'NO_DECISION' ? ['-'] : []));
}

/** Every complete path through a small drill by brute force on the reducer (no merging of states). */
export function allPaths(drill: Drill, limit = 100_000): Array<{ events: TeamEvent[]; state: TeamState }> {
  const done: Array<{ events: TeamEvent[]; state: TeamState }> = [];
  const walk = (state: TeamState, events: TeamEvent[]): void => {
    if (done.length > limit) throw new Error('too many paths to enumerate');
    const options = choicesAt(drill, state);
    if (options.length === 0) {
      done.push({ events, state });
      return;
    }
    for (const event of options) walk(step(drill, state, event)!, [...events, event]);
  };
  walk(startState(drill), []);
  return done;
}

export const random = (seed: number): Strategy => ({ kind: 'random', seed });

/**
 * A small drill for time-related behaviour: a 60m SLA and a 72h regulatory clock that starts when
 * personal data is exposed; losses that stop accruing once contained; an inject shown only after
 * a leak (`when`), and one that waits for 4h of sim time (`at`).
 */
export const TIMELINE = `
id: timeline
version: 1
title: Timeline drill
summary: Clocks, impact, when and at.
difficulty: introductory
minutes: 10
objectives: [Exercise the clocks]
frameworks: { atlas: [AML.T0020] }
roles: { lead: ir-lead, in_play: [ir-lead, legal] }
flags:
  contained: The model is contained
  exposed: Personal data was exposed
  notified: The regulator was notified
estate:
  models: [{ id: m1, version: 1, sha256: aaaa1111, signed: true }]
  metrics: [{ id: losses, label: Losses, unit: USD, rate_per_hour: 600, stops_on: contained }]
clocks:
  - { id: sla, label: Containment SLA, kind: sla, limit: 60m, stops_on: contained }
  - { id: gdpr, label: GDPR Art. 33, kind: regulatory, starts_on: exposed, limit: 72h, stops_on: notified, reference: GDPR Art. 33(1) }
phases:
  - id: only
    title: Everything
    nist: detection-analysis
    csf: DE
    injects:
      - id: first
        title: First
        body: Pick.
        decision:
          prompt: How?
          deciders: [ir-lead]
          discuss: 1m
          options:
            - { id: contain, label: Contain, cost: 30m, effects: [{ flag: contained }], score: { containment: 2 } }
            - { id: slow, label: Contain slowly, cost: 90m, effects: [{ flag: contained }], score: { containment: 1 } }
            - { id: leak, label: Leak, cost: 10m, effects: [{ flag: exposed }], score: { containment: -1 } }
      - id: exposure
        title: Exposure
        when: { flag: exposed }
        body: Data is out.
        decision:
          prompt: Notify?
          deciders: [legal]
          discuss: 1m
          options:
            - { id: notify, label: Notify, cost: 1h, effects: [{ flag: [notified, contained] }], score: { communication: 2 } }
            - { id: sit, label: Sit on it, cost: 73h, score: { communication: -2 } }
      - id: later
        title: Later
        at: 4h
        body: Four hours in.
        next: end
endings:
  - { id: end, title: The end, kind: good, body: Done. }
expectations:
  - { id: fast, capability: containment, text: Contain within the hour, require: { flag: contained, by: 60m } }
  - { id: order, capability: containment, text: Contain before notifying, require: { before: [contained, notified] } }
  - { id: no-leak, capability: communication, text: Never leak, require: { never: exposed } }
  - { id: told, capability: communication, text: Notify the regulator, require: { chose: exposure.notify } }
`;

/** TIMELINE with a conditional inject that also waits (`when` and `at` on the same inject). */
export const TIMELINE_WAITING_WHEN = TIMELINE.replace(
  '        at: 4h\n',
  '        at: 4h\n        when: { not: { flag: exposed } }\n',
);

export const choose = (option: string): TeamEvent => ({ type: 'CHOOSE', option });
