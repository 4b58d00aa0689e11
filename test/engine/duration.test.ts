import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../protocol/duration.ts';
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

  it('writes sim time one way for people: minutes, hours and minutes up to four days, then days', () => {
    expect(formatMinutes(0)).toBe('0m');
    expect(formatMinutes(20)).toBe('20m');
    expect(formatMinutes(60)).toBe('1h');
    expect(formatMinutes(65)).toBe('1h 05m');
    expect(formatMinutes(95)).toBe('1h 35m');
    expect(formatMinutes(durationMinutes('72h'))).toBe('72h');
    expect(formatMinutes(6275)).toBe('4d 8h 35m');
    expect(formatMinutes(durationMinutes('5d'))).toBe('5d');
    expect(formatMinutes(durationMinutes('5d2h'))).toBe('5d 2h');
    expect(formatMinutes(-3)).toBe('0m');
  });

  it('the engine and the protocol (views, reports) format every span alike', () => {
    for (let m = 0; m <= 20_000; m++) expect(formatMinutes(m)).toBe(formatDuration(m));
  });
});
