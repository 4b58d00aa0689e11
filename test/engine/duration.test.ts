import { describe, expect, it } from 'vitest';
import { durationMinutes, durationSeconds, formatMinutes, isDuration } from '../../server/engine/duration.ts';

describe('durations', () => {
  it('reads every unit and combinations in d-h-m-s order', () => {
    expect(durationSeconds('90s')).toBe(90);
    expect(durationSeconds('20m')).toBe(1200);
    expect(durationSeconds('1h30m')).toBe(5400);
    expect(durationSeconds('72h')).toBe(259_200);
    expect(durationSeconds('3d')).toBe(259_200);
    expect(durationSeconds('1d2h3m4s')).toBe(86400 + 7200 + 180 + 4);
    expect(durationSeconds('0m')).toBe(0);
  });

  it('counts sim time in whole minutes, rounding seconds up', () => {
    expect(durationMinutes('20m')).toBe(20);
    expect(durationMinutes('90s')).toBe(2);
    expect(durationMinutes('60s')).toBe(1);
    expect(durationMinutes('1s')).toBe(1);
    expect(durationMinutes('2h')).toBe(120);
  });

  it('rejects malformed durations', () => {
    for (const bad of ['', '20', '20 m', '20min', 'm', '1m1h', '1.5h', '-5m', '20M', ' 20m']) {
      expect(isDuration(bad), bad).toBe(false);
      expect(() => durationSeconds(bad), bad).toThrow(/not a duration/);
    }
    for (const good of ['90s', '20m', '1h30m', '72h', '3d', '1d12h']) expect(isDuration(good), good).toBe(true);
  });

  it('formats minutes back into the same notation', () => {
    expect(formatMinutes(0)).toBe('0m');
    expect(formatMinutes(20)).toBe('20m');
    expect(formatMinutes(60)).toBe('1h');
    expect(formatMinutes(95)).toBe('1h35m');
    expect(formatMinutes(1440 + 61)).toBe('1d1h1m');
    for (const text of ['20m', '1h35m', '3d', '2d5h']) expect(formatMinutes(durationMinutes(text))).toBe(text);
  });
});
