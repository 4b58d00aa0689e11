/**
 * Remembers the result of checking a drill so that a restart does not search every path of
 * every drill again (issue 10: most of a start's CPU went there). An entry is keyed by the
 * SHA-256 of the drill text and stamped with the engine's fingerprint: a different text or a
 * different engine build is a miss, and a miss is checked in full as before.
 *
 * Entries are small JSON files (mode 0600, in a 0700 directory beside the database); an entry
 * that cannot be read or does not have the expected shape is treated as a miss and rewritten.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExploreResult } from '../engine/explore.ts';
import type { Scenario } from '../engine/schema.ts';

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

let fingerprint: string | undefined;

/**
 * Identifies the engine build that produced a check result. The compiled server uses its own
 * bundle's size and time of writing (every build writes it anew, and hashing 3 MB at each start
 * would cost more than it saves); the TypeScript sources (tsx) hash the engine folder, which
 * holds everything a check depends on.
 */
export function engineFingerprint(): string {
  if (fingerprint) return fingerprint;
  const here = fileURLToPath(import.meta.url);
  const hash = createHash('sha256');
  if (here.endsWith('.js')) {
    const bundle = statSync(here);
    hash.update(`${here}\n${bundle.size}\n${bundle.mtimeMs}`);
  } else {
    const engineDir = join(dirname(here), '../engine');
    for (const file of readdirSync(engineDir).sort()) {
      const path = join(engineDir, file);
      if (statSync(path).isFile()) hash.update(file).update(readFileSync(path));
    }
  }
  fingerprint = hash.digest('hex').slice(0, 32);
  return fingerprint;
}
