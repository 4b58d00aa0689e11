/**
 * Remembers the result of checking a drill so that a restart does not search every path of
 * every drill again (issue 10: most of a start's CPU went there). An entry is keyed by the
 * SHA-256 of the drill text and stamped with the engine's fingerprint: a different text or a
 * different engine build is a miss, and a miss is checked in full as before.
 *
 * Entries are small JSON files (mode 0600, in a 0700 directory beside the database); an entry
 * that cannot be read or does not have the expected shape is treated as a miss and rewritten.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExploreResult } from '../engine/explore.ts';
import type { Scenario } from '../engine/schema.ts';
import { computeEngineFingerprint } from './engine-fingerprint.mjs';

/** A checked drill as kept between starts: the validated scenario and its path statistics. */
export interface CheckedDrill {
  scenario: Scenario;
  stats: ExploreResult;
}

export interface CheckCache {
  get(textHash: string): CheckedDrill | undefined;
  put(textHash: string, checked: CheckedDrill): void;
}

/** The ExploreResult fields held as Sets in memory and as arrays in JSON. */
const SET_FIELDS = ['shown', 'endingsReached', 'offered', 'meetable'] as const;

interface Entry {
  engine: string;
  scenario: Scenario;
  stats: Omit<ExploreResult, (typeof SET_FIELDS)[number]> & Record<(typeof SET_FIELDS)[number], string[]>;
}

/** A cache of check results in `dir`, valid for the engine build `engine`. */
export function fileCheckCache(dir: string, engine: string, warn: (message: string) => void): CheckCache {
  let unwritable = false;
  return {
    get(textHash) {
      let entry: Entry;
      try {
        entry = JSON.parse(readFileSync(join(dir, `${textHash}.json`), 'utf8')) as Entry;
      } catch {
        return undefined;
      }
      if (entry?.engine !== engine || typeof entry.scenario !== 'object' || typeof entry.stats !== 'object')
        return undefined;
      if (!SET_FIELDS.every((field) => Array.isArray(entry.stats[field]))) return undefined;
      const stats = { ...entry.stats } as unknown as ExploreResult;
      for (const field of SET_FIELDS)
        (stats as unknown as Record<string, Set<string>>)[field] = new Set(entry.stats[field]);
      return { scenario: entry.scenario, stats };
    },
    put(textHash, { scenario, stats }) {
      if (unwritable) return;
      const json = { ...stats } as unknown as Record<string, unknown>;
      for (const field of SET_FIELDS) json[field] = [...stats[field]];
      const path = join(dir, `${textHash}.json`);
      try {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        // write then rename, so a crash never leaves half an entry behind
        const temporary = `${path}.${process.pid}.tmp`;
        writeFileSync(temporary, JSON.stringify({ engine, scenario, stats: json }), { mode: 0o600 });
        renameSync(temporary, path);
      } catch (error) {
        // a cache is an optimisation: say once that it cannot be written, and go on without it
        unwritable = true;
        warn(
          `cannot keep drill check results in ${dir} (${(error as Error).message}); every start checks every drill in full`,
        );
      }
    },
  };
}

/** A cache that counts what it is asked: the start log says how many drills it loaded from the cache. */
export function countingCache(cache: CheckCache) {
  const seen = { hits: 0, misses: 0, puts: 0 };
  const counted: CheckCache = {
    get(hash) {
      const entry = cache.get(hash);
      if (entry) seen.hits++;
      else seen.misses++;
      return entry;
    },
    put(hash, checked) {
      seen.puts++;
      cache.put(hash, checked);
    },
  };
  return { seen, cache: counted };
}

/** Set by bin/build.js in the compiled server: the fingerprint of the engine it was built from. */
declare const __ENGINE_FINGERPRINT__: string | undefined;

let fingerprint: string | undefined;

/**
 * Identifies the engine that produced a check result: the hash of its sources and of the package
 * versions it runs on, written into the compiled server at build time and computed from the
 * sources under tsx, so both agree and a rebuild that leaves the engine alone keeps the cache.
 */
export function engineFingerprint(): string {
  fingerprint ??= typeof __ENGINE_FINGERPRINT__ === 'string' ? __ENGINE_FINGERPRINT__ : computeEngineFingerprint();
  return fingerprint;
}
