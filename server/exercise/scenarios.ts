/**
 * The scenario catalog: every drill in a directory, checked and compiled once, with the HTTP
 * summaries. Exercises keep the exact text they were created from (by SHA-256), so a drill file
 * edited later never changes how an old exercise replays.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { indexDrill, type Drill } from '../engine/drill.ts';
import type { ExploreResult } from '../engine/explore.ts';
import { compileDrill, type DrillMachine } from '../engine/machine.ts';
import { provenanceEntries } from '../engine/provenance.ts';
import { roleLabelsOf } from '../engine/roles.ts';
import type { ScenarioDetail, ScenarioSummary } from '../../protocol/index.ts';
import type { CheckCache } from './check-cache.ts';
import type { DrillCheckRequest, Prechecked } from './check-in-workers.ts';
import { checkDrill } from './drill-check.ts';
import type { Store } from './store/types.ts';

/** A loaded, checked and compiled drill. */
export interface ScenarioEntry {
  hash: string;
  text: string;
  drill: Drill;
  stats: ExploreResult;
  readonly machine: DrillMachine;
  summary: ScenarioSummary;
}

/** The SHA-256 of a drill's text: how the catalog, the store and the check cache name a version. */
export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Checks and compiles drill text; throws with the first errors when it is not valid. With a
 * cache, text already checked by this engine build skips the check (and its path search), and
 * so does text a worker thread has just checked (`prechecked`).
 */
export function compileScenario(
  text: string,
  label: string,
  cache?: CheckCache,
  prechecked?: Prechecked,
): ScenarioEntry {
  const hash = textHash(text);
  const cached = cache?.get(hash);
  const { drill, stats } = cached
    ? { drill: indexDrill(cached.scenario), stats: cached.stats }
    : checkedElsewhereOrHere(text, label, prechecked?.get(hash));
  if (!cached) cache?.put(hash, { scenario: drill.scenario, stats });
  let machine: DrillMachine | undefined;
  return {
    hash,
    text,
    drill,
    stats,
    // built on first use: a start only needs the machines of the exercises it restores
    get machine() {
      return (machine ??= compileDrill(drill));
    },
    summary: summarize(drill),
  };
}

function checkedElsewhereOrHere(
  text: string,
  label: string,
  elsewhere: ReturnType<Prechecked['get']>,
): { drill: Drill; stats: ExploreResult } {
  const checked = elsewhere
    ? 'error' in elsewhere
      ? elsewhere
      : { drill: indexDrill(elsewhere.scenario), stats: elsewhere.stats }
    : checkDrill(text, label);
  if ('error' in checked) throw new Error(checked.error);
  return checked;
}

/** The drill files of a directory, by name, each with its text or why it could not be read; undefined when the directory cannot be read. */
function drillFiles(dir: string): Array<{ file: string } & ({ text: string } | { unreadable: string })> | undefined {
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
      .sort();
  } catch {
    return undefined;
  }
  return files.map((file) => {
    try {
      return { file, text: readFileSync(join(dir, file), 'utf8') };
    } catch (error) {
      return { file, unreadable: (error as Error).message };
    }
  });
}

/** The drills in `dir` that `cache` has no check of: what a start has to check in full. */
export function uncheckedDrills(dir: string | undefined, cache?: CheckCache): DrillCheckRequest[] {
  const readable = (dir ? (drillFiles(dir) ?? []) : []).flatMap((f) => ('text' in f ? [f] : []));
  return readable
    .map(({ file, text }) => ({ hash: textHash(text), label: file, text }))
    .filter(({ hash }) => !cache?.get(hash));
}

function summarize(drill: Drill): ScenarioSummary {
  const s = drill.scenario;
  return {
    id: s.id,
    version: s.version,
    title: s.title,
    summary: s.summary,
    difficulty: s.difficulty,
    minutes: s.minutes,
    roles: [...s.roles.in_play],
    lead: s.roles.lead,
    roleLabels: roleLabelsOf(s),
    frameworks: {
      atlas: [...s.frameworks.atlas],
      owasp_ml: [...s.frameworks.owasp_ml],
      owasp_llm: [...s.frameworks.owasp_llm],
    },
    phases: s.phases.map((p) => ({ id: p.id, title: p.title, nist: p.nist, injects: p.injects.length })),
    decisions: drill.order.filter((id) => drill.injects[id]!.inject.decision).length,
    provenance: provenanceEntries(s.provenance),
  };
}

/** The summary plus objectives and the flow of phases and inject titles. */
export function scenarioDetail(entry: ScenarioEntry): ScenarioDetail {
  const s = entry.drill.scenario;
  return {
    ...entry.summary,
    objectives: [...s.objectives],
    flow: s.phases.map((p) => ({
      id: p.id,
      title: p.title,
      nist: p.nist,
      injects: p.injects.map((i) => ({ id: i.id, title: i.title, decision: i.decision !== undefined })),
    })),
  };
}

/** Scenarios offered for new exercises, plus every version old exercises were made from. */
export class ScenarioCatalog {
  private readonly current = new Map<string, ScenarioEntry>();
  private readonly byHash = new Map<string, ScenarioEntry>();

  constructor(private readonly cache?: CheckCache) {}

  /**
   * Loads every *.yaml in `dir`; invalid files are reported through `warn` and skipped. Drills
   * in `prechecked` (checked by a worker thread) are not checked again.
   */
  static fromDirectory(
    dir: string | undefined,
    warn: (message: string) => void,
    cache?: CheckCache,
    prechecked?: Prechecked,
  ): ScenarioCatalog {
    const catalog = new ScenarioCatalog(cache);
    if (!dir) return catalog;
    const files = drillFiles(dir);
    if (!files) {
      warn(`scenarios directory ${dir} cannot be read; no scenarios offered`);
      return catalog;
    }
    for (const entry of files) {
      try {
        if ('unreadable' in entry) throw new Error(`${entry.file}: ${entry.unreadable}`);
        catalog.add(compileScenario(entry.text, entry.file, cache, prechecked));
      } catch (error) {
        warn(`skipping scenario ${(error as Error).message}`);
      }
    }
    return catalog;
  }

  /** Adds (or replaces) an offered scenario. */
  add(entry: ScenarioEntry): void {
    this.current.set(entry.drill.scenario.id, entry);
    this.byHash.set(entry.hash, entry);
  }

  /** The offered scenario with this id. */
  get(id: string): ScenarioEntry | undefined {
    return this.current.get(id);
  }

  /** A scenario by the hash of its text, compiling stored text on first use. */
  resolve(hash: string, loadText: (hash: string) => string | undefined): ScenarioEntry | undefined {
    const known = this.byHash.get(hash);
    if (known) return known;
    const text = loadText(hash);
    if (text === undefined) return undefined;
    const entry = compileScenario(text, `stored scenario ${hash.slice(0, 12)}`, this.cache);
    this.byHash.set(hash, entry);
    return entry;
  }

  /** The drill version an exercise was created from: in memory, or its text as the store keeps it. */
  async resolveStored(
    exercise: { scenarioHash: string },
    store: Pick<Store, 'scenarioText'>,
  ): Promise<ScenarioEntry | undefined> {
    const hash = exercise.scenarioHash;
    const text = this.byHash.has(hash) ? undefined : await store.scenarioText(hash);
    return this.resolve(hash, () => text);
  }

  /** Summaries of the offered scenarios, sorted by title. */
  list(): ScenarioSummary[] {
    return [...this.current.values()].map((e) => e.summary).sort((a, b) => a.title.localeCompare(b.title));
  }
}
