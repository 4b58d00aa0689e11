/**
 * Drill format 2, construct by construct, on test/fixtures/valid/format2.yaml (a support agent
 * that leaks card numbers) and small variants of it: each test fails on the format-1 engine.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDrillText } from '../../server/engine/check.ts';
import { compileDrill } from '../../server/engine/machine.ts';
import { stepperOf } from '../../server/engine/machine-step.ts';
import { clockResults, outcomeOf } from '../../server/engine/outcome.ts';
import { seededRandom } from '../../server/engine/playthrough.ts';
import { choicesAt } from '../../server/engine/explore.ts';
import { advanceClock, startState, step, type TeamEvent } from '../../server/engine/team-state.ts';
import { ownerLabel } from '../../server/report/format.ts';
import { choose, loadText, reduce } from './helpers.ts';

const FILE = 'test/fixtures/valid/format2.yaml';
const TEXT = readFileSync(FILE, 'utf8');
const loaded = loadText(TEXT, FILE);
const { drill, stats } = loaded;
const play = (...ids: string[]) =>
  reduce(drill, ids.map((id) => (id === 'continue' ? { type: 'CONTINUE' } : choose(id))) as TeamEvent[]);
const last = <T>(list: T[]): T => list[list.length - 1]!;
const errorsOf = (text: string) => checkDrillText('inline.yaml', text).diagnostics;

describe('injects that carry effects', () => {
  it('an inject applies its effects when it is shown, before any decision: the GDPR clock starts at once', () => {
    const start = startState(drill);
    expect(start.flags.aware).toEqual({ at: 0, seq: 1 });
    expect(clockResults(drill, start).find((c) => c.id === 'gdpr')!.status).toBe('running');
  });

  it("a facilitator's skip keeps what the inject revealed and adds no option's effects", () => {
    const skipped = step(drill, startState(drill), { type: 'SKIP' })!;
    expect(skipped.flags.aware).toBeDefined();
    expect(skipped.flags.contained).toBeUndefined();
    expect(skipped.log[0]).toMatchObject({ inject: 'leak', kind: 'skipped' });
  });

  it('an inject passed over (its when fails) applies none of its effects', () => {
    const states = play('kill', 'notify-now');
    expect(last(states).passedOver).toContain('late-warning');
    expect(last(states).flags['regulator-chased']).toBeUndefined();
    const late = play('kill', 'wait');
    expect(last(late).cursor).toEqual({ inject: 'late-warning' });
    expect(last(late).flags['regulator-chased']).toBeDefined();
  });
});

describe('state that can be undone', () => {
  it('clearing a flag reopens what it stopped: the impact metric accrues again, the met SLA stays met', () => {
    const states = play('kill', 'notify-now', 'relaunch-as-is');
    const relaunched = last(states);
    expect(relaunched.flags.contained).toBeUndefined();
    expect(clockResults(drill, relaunched).find((c) => c.id === 'sla')!.status).toBe('met');
    // 300 USD accrued during the 30 minutes before "kill"; nothing while contained, 600/h again after.
    expect(advanceClock(states[2]!, 60).estate.metrics[0]!.total).toBe(300);
    expect(advanceClock(relaunched, 60).estate.metrics[0]!.total).toBe(900);
    expect(step(drill, relaunched, { type: 'CONTINUE' })!.cursor).toEqual({ ending: 'bad-end' });
  });

  it('a metric stops on any of its stops_on flags, and a restart makes it accrue again at its new rate', () => {
    // wipe (10m at 600/h) then shut (5m): "shutdown" stops it although "contained" is never set.
    const shut = play('wipe', 'shut');
    expect(last(shut).estate.metrics[0]!.total).toBe(150);
    const notified = step(drill, last(shut), choose('notify-now'))!;
    expect(notified.estate.metrics[0]!.total).toBe(150);
    // relaunch-gated: a 1h cost at the old rate while stopped (nothing), then 60/h from the restart.
    const gated = step(drill, notified, choose('relaunch-gated'))!;
    expect(gated.estate.metrics[0]).toMatchObject({ rate: 60, total: 150 });
    const after = step(drill, gated, { type: 'SKIP' })!;
    expect(after.cursor).toEqual({ ending: 'partial-end' });
  });

  it('a rate change alone while a metric is stopped does not restart it', () => {
    const text = TEXT.replace(
      '[{ metric: { id: refunds, rate_per_hour: 60, restart: true } }, { flag: tools-locked }]',
      '[{ metric: { id: refunds, rate_per_hour: 60 } }, { flag: tools-locked }]',
    );
    const variant = loadText(text).drill;
    let state = reduce(variant, [choose('kill'), choose('notify-now'), choose('relaunch-gated')]).at(-1)!;
    state = step(variant, state, { type: 'NO_DECISION' }) ?? state;
    expect(state.estate.metrics[0]).toMatchObject({ rate: 60, total: 300 });
  });

  it('evidence can be lost, and conditions and requirements read its status', () => {
    const wiped = play('wipe', 'kill-now', 'notify-now', 'relaunch-gated', 'continue');
    expect(last(wiped).estate.evidence[0]).toMatchObject({ id: 'chat-logs', status: 'lost' });
    expect(last(wiped).cursor).toEqual({ ending: 'partial-end' });
    const outcome = outcomeOf(drill, stats, last(wiped));
    expect(outcome.expectations.find((e) => e.id === 'keep-logs')!.met).toBe(false);
    const kept = play('kill', 'notify-now', 'relaunch-gated', 'continue');
    expect(last(kept).cursor).toEqual({ ending: 'good-end' });
    expect(outcomeOf(drill, stats, last(kept)).expectations.find((e) => e.id === 'keep-logs')!.met).toBe(true);
  });
});

describe('routing by state', () => {
  it('a conditional next sends the story by what happened', () => {
    expect(play('kill')[1]!.cursor).toEqual({ inject: 'notify' });
    expect(play('lock')[1]!.cursor).toEqual({ inject: 'escalate' });
  });

  it('an option with a when is offered only while it holds, and refused otherwise', () => {
    const locked = play('lock')[1]!;
    expect(choicesAt(drill, locked)).toEqual([choose('kill-now'), { type: 'NO_DECISION' }]);
    expect(step(drill, locked, choose('shut'))).toBeUndefined();
    const wiped = play('wipe')[1]!;
    expect(choicesAt(drill, wiped)).toContainEqual(choose('shut'));
    const stepper = stepperOf(compileDrill(drill));
    let snapshot = stepper.initial();
    snapshot = stepper.next(snapshot, choose('lock'));
    expect(snapshot.can(choose('shut'))).toBe(false);
    expect(snapshot.can(choose('kill-now'))).toBe(true);
  });

  it('time and clocks in conditions: the review option only from 72h, the warning only once the clock is breached', () => {
    const early = play('kill', 'notify-now')[2]!;
    expect(choicesAt(drill, early).map((e) => (e.type === 'CHOOSE' ? e.option : e.type))).toEqual([
      'relaunch-as-is',
      'relaunch-gated',
      'NO_DECISION',
    ]);
    const late = step(drill, play('kill', 'wait')[2]!, { type: 'CONTINUE' })!;
    expect(late.cursor).toEqual({ inject: 'relaunch' });
    expect(choicesAt(drill, late)).toContainEqual(choose('relaunch-reviewed'));
  });

  it('the machine and the reducer agree on 300 random paths with skips', () => {
    const stepper = stepperOf(compileDrill(drill));
    for (let seed = 1; seed <= 300; seed++) {
      const random = seededRandom(seed);
      let state = startState(drill);
      let snapshot = stepper.initial();
      expect(JSON.stringify(snapshot.context)).toBe(JSON.stringify(state));
      while (state.cursor.inject !== undefined) {
        const options = choicesAt(drill, state);
        const event: TeamEvent = random() < 0.1 ? { type: 'SKIP' } : options[Math.floor(random() * options.length)]!;
        state = step(drill, state, event)!;
        snapshot = stepper.next(snapshot, event);
        expect(JSON.stringify(snapshot.context)).toBe(JSON.stringify(state));
        expect(snapshot.value).toBe(state.cursor.inject ?? state.cursor.ending);
      }
    }
  });
});

describe('expectations', () => {
  it('"within 72h after" a flag is measured from that flag, not from the start', () => {
    const quick = outcomeOf(drill, stats, last(play('kill', 'notify-now', 'relaunch-gated', 'continue')));
    expect(quick.expectations.find((e) => e.id === 'notify-72h')).toMatchObject({ met: true, at: 150 });
    const slow = outcomeOf(drill, stats, last(play('kill', 'wait', 'continue', 'relaunch-gated', 'continue')));
    expect(slow.expectations.find((e) => e.id === 'notify-72h')!.met).toBe(false);
    // Aware only at 10h: notifying at 80h30m is then within 72h of awareness.
    // Aware only once "kill" is done (30m), notifying 72h later (72h30m from the start) is in time.
    const text = TEXT.replace('        effects: [{ flag: aware }]\n', '')
      .replace(
        'effects: [{ flag: contained }], score: { containment: 3 }',
        'effects: [{ flag: [contained, aware] }], score: { containment: 3 }',
      )
      .replace('cost: 80h', 'cost: 72h')
      .replace('when: { clock: { id: gdpr, status: breached } }', 'when: { time: { from: 72h } }');
    const later = loadText(text);
    const states = reduce(later.drill, [
      choose('kill'),
      choose('wait'),
      { type: 'CONTINUE' },
      choose('relaunch-gated'),
      { type: 'CONTINUE' },
    ]);
    expect(last(states).flags.notified!.at).toBe(30 + 72 * 60);
    expect(outcomeOf(later.drill, later.stats, last(states)).expectations.find((e) => e.id === 'notify-72h')!.met).toBe(
      true,
    );
  });

  it('clock and holds requirements are met or missed at the end', () => {
    const shut = outcomeOf(drill, stats, last(play('wipe', 'shut', 'notify-now', 'relaunch-gated', 'continue')));
    expect(shut.expectations.find((e) => e.id === 'contain-in-sla')!.met).toBe(false);
    const kill = outcomeOf(drill, stats, last(play('kill', 'notify-now', 'relaunch-gated', 'continue')));
    expect(kill.expectations.find((e) => e.id === 'contain-in-sla')).toMatchObject({ met: true, at: 30 });
  });

  it('the checker finds every expectation meetable and every option offered somewhere', () => {
    expect([...stats.meetable].sort()).toEqual(['contain-in-sla', 'keep-logs', 'no-blind-relaunch', 'notify-72h']);
    expect(loaded.drill && checkDrillText(FILE, TEXT).diagnostics).toEqual([]);
    const never = TEXT.replace('when: { time: { from: 72h } }', 'when: { time: { from: 30d } }');
    expect(errorsOf(never).map((d) => d.message)).toContain('option "relaunch-reviewed" is never offered on any path');
    const unmeetable = TEXT.replace('within: 72h, after: aware', 'within: 1h, after: aware');
    expect(errorsOf(unmeetable).map((d) => d.message)).toContain('expectation "notify-72h" cannot be met on any path');
  });
});

describe('best possible per capability', () => {
  it("is the best total path's own capability scores, which that path reaches", () => {
    // "wipe" scores containment 2 but costs the evidence; the best path contains with "kill" (3).
    const best = last(reduce(drill, stats.bestPath));
    expect(stats.maxScore).toEqual(best.score);
    const outcome = outcomeOf(drill, stats, best);
    for (const c of outcome.capabilities) expect(c.max).toBe(c.score);
    expect(outcome.total).toEqual({ score: stats.bestTotal, max: stats.bestTotal });
  });
});

describe('roles, owners, catalogs and aliases', () => {
  it('drill-defined roles can decide and own actions; an unknown role gets a suggestion', () => {
    expect(ownerLabel(drill, 'support-lead')).toBe('Support lead');
    expect(ownerLabel(drill, { organisation: 'Northwind Hosting Ltd', role: 'vendor' })).toBe(
      'Northwind Hosting Ltd (LLM vendor)',
    );
    const wrong = errorsOf(TEXT.replace('deciders: [ir-lead, support-lead]', 'deciders: [ir-lead, suport-lead]'));
    expect(wrong).toContainEqual(
      expect.objectContaining({
        message: 'unknown role',
        found: '"suport-lead"',
        suggestion: 'support-lead',
        line: 47,
        column: 31,
      }),
    );
  });

  it('CSF IDs are checked against the CSF 2.0 catalog: made-up and CSF 1.1 IDs are errors', () => {
    const made = errorsOf(TEXT.replace('csf: [RS.CO-02]', 'csf: [RC.XX-99, RS.AN-01]'));
    expect(made.filter((d) => d.message === 'not a NIST CSF 2.0 category or subcategory').map((d) => d.found)).toEqual([
      '"RC.XX-99"',
      '"RS.AN-01"',
    ]);
  });

  it('an alias moves only within its model family: rolling the LLM back keeps the embedding model in production', () => {
    const relaunched = last(play('kill', 'notify-now', 'relaunch-as-is'));
    const alias = Object.fromEntries(relaunched.estate.models.map((m) => [m.id, m.alias]));
    expect(alias).toEqual({ 'llm-v3': undefined, 'llm-v2': 'production', 'embed-v1': 'production' });
  });

  it('without families, the checker warns that the move would strip the alias from another model', () => {
    const unscoped = TEXT.replace(/, family: (chat|embedding)/g, '');
    const warnings = errorsOf(unscoped).filter((d) => d.severity === 'warning');
    expect(warnings.map((d) => d.message)).toEqual([
      'alias "production" is already on model "llm-v3" of the same family',
      'moving alias "production" to "llm-v2" also takes it from "embed-v1"',
    ]);
  });
});
