/** Sim time: option costs, `at` waiting, `when` pass-over, and business impact that stops accruing once contained. */
import { describe, expect, it } from 'vitest';
import { outcomeOf } from '../../server/engine/outcome.ts';
import { choose, loadText, reduce, TIMELINE } from './helpers.ts';

const { drill, stats } = loadText(TIMELINE);
const CONTINUE = { type: 'CONTINUE' } as const;

describe('sim time and the story', () => {
  it('an inject whose `when` fails is passed over; one with `at` waits for that sim time', () => {
    const [, afterContain, atEnd] = reduce(drill, [choose('contain'), CONTINUE]);
    expect(afterContain!.cursor).toEqual({ inject: 'later' });
    expect(afterContain!.passedOver).toEqual(['exposure']);
    expect(afterContain!.simMinutes).toBe(240);
    expect(atEnd!.cursor).toEqual({ ending: 'end' });
    expect(atEnd!.log.map((r) => [r.inject, r.option, r.kind, r.at, r.costMinutes])).toEqual([
      ['first', 'contain', 'chosen', 0, 30],
      ['later', null, 'continued', 240, 0],
    ]);
  });

  it('an inject whose `when` holds is shown; `at` does not move the clock back when already past it', () => {
    const states = reduce(drill, [choose('leak'), choose('sit'), CONTINUE]);
    expect(states[1]!.cursor).toEqual({ inject: 'exposure' });
    expect(states[1]!.passedOver).toEqual([]);
    expect(states[2]!.cursor).toEqual({ inject: 'later' });
    expect(states[2]!.simMinutes).toBe(10 + 73 * 60);
  });

  it('no decision costs the default 15m and scores coordination -1', () => {
    const [, after] = reduce(drill, [{ type: 'NO_DECISION' }]);
    expect(after!.log[0]).toEqual({ inject: 'first', option: null, kind: 'no-decision', at: 0, costMinutes: 15 });
    expect(after!.score.coordination).toBe(-1);
  });

  it('impact accrues per sim-hour until the stop flag is set, then stops', () => {
    const impact = (...events: Parameters<typeof reduce>[1]) => {
      const states = reduce(drill, events);
      return states[states.length - 1]!.estate.metrics[0]!.total;
    };
    // 600 USD/h: contained after 30m, then 3.5h of waiting for `later` add nothing.
    expect(impact(choose('contain'), CONTINUE)).toBe(300);
    expect(impact(choose('slow'), CONTINUE)).toBe(900);
    // Never contained: 10m + 73h + nothing for `later` (already past 4h).
    expect(impact(choose('leak'), choose('sit'), CONTINUE)).toBe((600 * (10 + 73 * 60)) / 60);
    // Contained with the notification after 10m + 1h.
    expect(impact(choose('leak'), choose('notify'), CONTINUE)).toBe(700);
    const states = reduce(drill, [choose('contain'), CONTINUE]);
    expect(outcomeOf(drill, stats, states[2]!).impact).toEqual([
      { id: 'losses', label: 'Losses', unit: 'USD', total: 300 },
    ]);
  });
});
