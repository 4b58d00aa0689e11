/**
 * A restart does not search every drill's paths again (issue 10, item 6): the check result of a
 * drill text is kept per engine build, and a drill loaded from it is the same drill, with the
 * same statistics, as one checked in full. A changed text, another engine build, or an entry
 * that is damaged is checked in full again; a drill with errors is never kept.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countingCache, fileCheckCache } from '../../server/exercise/check-cache.ts';
import { compileScenario } from '../../server/exercise/scenarios.ts';
import { scenarioFiles } from '../engine/helpers.ts';

const counting = countingCache;

describe('drill check cache', () => {
  let dir: string;
  const warnings: string[] = [];
  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'breachdrill-cache-')), 'check-cache');
    warnings.length = 0;
  });
  afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  for (const file of scenarioFiles()) {
    it(`${file}: loads from the cache as the same drill with the same path statistics`, () => {
      const text = readFileSync(file, 'utf8');
      const fresh = compileScenario(text, file);
      const first = counting(fileCheckCache(dir, 'engine-a', (w) => warnings.push(w)));
      compileScenario(text, file, first.cache);
      expect(first.seen).toEqual({ hits: 0, misses: 1, puts: 1 });
      const second = counting(fileCheckCache(dir, 'engine-a', (w) => warnings.push(w)));
      const cached = compileScenario(text, file, second.cache);
      expect(second.seen).toEqual({ hits: 1, misses: 0, puts: 0 });
      expect(cached.drill).toEqual(fresh.drill);
      expect(cached.stats).toEqual(fresh.stats);
      expect(cached.summary).toEqual(fresh.summary);
      expect(cached.hash).toBe(fresh.hash);
      expect(warnings).toEqual([]);
    });
  }

  it('checks in full again for another engine build, an edited text, or a damaged entry', () => {
    const text = readFileSync(scenarioFiles()[0]!, 'utf8');
    compileScenario(
      text,
      'a.yaml',
      fileCheckCache(dir, 'engine-a', (w) => warnings.push(w)),
    );

    const otherEngine = counting(fileCheckCache(dir, 'engine-b', (w) => warnings.push(w)));
    compileScenario(text, 'a.yaml', otherEngine.cache);
    expect(otherEngine.seen.hits).toBe(0);

    const edited = counting(fileCheckCache(dir, 'engine-b', (w) => warnings.push(w)));
    compileScenario(text.replace(/^title: .*$/m, 'title: Edited title'), 'a.yaml', edited.cache);
    expect(edited.seen.hits).toBe(0);

    for (const entry of readdirSync(dir)) writeFileSync(join(dir, entry), '{"engine":"engine-b","scenario":');
    const damaged = counting(fileCheckCache(dir, 'engine-b', (w) => warnings.push(w)));
    const recovered = compileScenario(text, 'a.yaml', damaged.cache);
    expect(damaged.seen).toEqual({ hits: 0, misses: 1, puts: 1 });
    expect(recovered.drill.scenario.title).not.toBe('Edited title');
  });

  it('never keeps a drill with errors, and keeps entries private to the server', () => {
    const text = readFileSync(scenarioFiles()[0]!, 'utf8');
    const broken = text.replace(/^minutes: \d+$/m, 'minutes: many');
    const cache = fileCheckCache(dir, 'engine-a', (w) => warnings.push(w));
    expect(() => compileScenario(broken, 'broken.yaml', cache)).toThrow(/broken\.yaml: \d+ error/);
    expect(() => readdirSync(dir)).toThrow(); // nothing was written, not even the directory
    compileScenario(text, 'good.yaml', cache);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const entry of readdirSync(dir)) expect(statSync(join(dir, entry)).mode & 0o777).toBe(0o600);
  });

  it('says once when entries cannot be written, and still loads the drill', () => {
    const text = readFileSync(scenarioFiles()[0]!, 'utf8');
    writeFileSync(join(dir, '..', 'blocked'), 'a file where the directory should be');
    const cache = fileCheckCache(join(dir, '..', 'blocked', 'check-cache'), 'engine-a', (w) => warnings.push(w));
    compileScenario(text, 'a.yaml', cache);
    compileScenario(text.replace(/^title: .*$/m, 'title: Another'), 'b.yaml', cache);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/cannot keep drill check results .*every start checks every drill in full/);
  });
});
