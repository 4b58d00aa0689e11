/** Containment SLA and regulatory clocks on sim time: met, breached, not started, running. */
import { describe, expect, it } from 'vitest';
import { clockResults } from '../../server/engine/outcome.ts';
import { choose, loadText, reduce, TIMELINE } from './helpers.ts';

const { drill } = loadText(TIMELINE);
const clocksAfter = (...options: string[]) => {
  const events = options.map((o) => (o === 'continue' ? ({ type: 'CONTINUE' } as const) : choose(o)));
  const states = reduce(drill, events);
  return Object.fromEntries(clockResults(drill, states[states.length - 1]!).map((c) => [c.id, c]));
};

describe('clocks', () => {
  it('the SLA is met when its stop flag is set within the limit; an untriggered clock has not started', () => {
    const { sla, gdpr } = clocksAfter('contain', 'continue');
    expect(sla).toMatchObject({
      status: 'met',
      startedAt: 0,
      stoppedAt: 30,
      elapsedMinutes: 30,
      limitMinutes: 60,
      kind: 'sla',
    });
    expect(gdpr).toMatchObject({
      status: 'not-started',
      startedAt: null,
      stoppedAt: null,
      elapsedMinutes: null,
      reference: 'GDPR Art. 33(1)',
    });
  });

  it('the SLA is breached when the stop flag comes after the limit', () => {
    expect(clocksAfter('slow', 'continue').sla).toMatchObject({
      status: 'breached',
      stoppedAt: 90,
      elapsedMinutes: 90,
    });
  });

  it('exactly at the limit still counts as met', () => {
    const exact = loadText(
      TIMELINE.replace('cost: 30m, effects: [{ flag: contained }]', 'cost: 60m, effects: [{ flag: contained }]'),
    );
    const states = reduce(exact.drill, [choose('contain'), { type: 'CONTINUE' }]);
    expect(clockResults(exact.drill, states[2]!)[0]).toMatchObject({ status: 'met', elapsedMinutes: 60 });
  });

  it('a regulatory clock starts when its flag is set and runs until stopped', () => {
    const { sla, gdpr } = clocksAfter('leak');
    expect(gdpr).toMatchObject({
      status: 'running',
      startedAt: 10,
      stoppedAt: null,
      elapsedMinutes: 0,
      limitMinutes: 72 * 60,
    });
    expect(sla).toMatchObject({ status: 'running', elapsedMinutes: 10 });
  });

  it('a regulatory clock is met when stopped in time, and the SLA breached when containment came late', () => {
    const { sla, gdpr } = clocksAfter('leak', 'notify', 'continue');
    expect(gdpr).toMatchObject({ status: 'met', startedAt: 10, stoppedAt: 70, elapsedMinutes: 60 });
    expect(sla).toMatchObject({ status: 'breached', stoppedAt: 70 });
  });

  it('a clock never stopped is breached once the limit passes, or at the end of the drill', () => {
    const { sla, gdpr } = clocksAfter('leak', 'sit', 'continue');
    expect(gdpr).toMatchObject({ status: 'breached', startedAt: 10, stoppedAt: null, elapsedMinutes: 73 * 60 });
    expect(sla).toMatchObject({ status: 'breached', stoppedAt: null });
  });
});
