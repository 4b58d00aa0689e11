/**
 * The finished exercises of a database, summarised once: the managers' list with its filters,
 * trends of one scenario across exercises, and the later exercises that validate an
 * improvement plan. Each summary is stored beside the log (S10) with the chain head it was made
 * at, written when the exercise reaches the debrief and when it ends, so listing needs one
 * query instead of a replay per exercise; a summary whose head is no longer the log's head (a
 * hot-wash answer came in) is made again on first use. `rebuild` fills in the ones a database
 * from before stored summaries lacks.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ScenarioCatalog } from '../exercise/scenarios.ts';
import type { Store } from '../exercise/store/types.ts';
import type { ExerciseHistory } from './history.ts';
import { replayStored, sameTeamName, teamNameOf, type StoredRun } from './stored-run.ts';
import { summarize } from './stored-summary.ts';
import type { ExerciseSummary, Trends } from '../../protocol/index.ts';

/** Filters of GET /api/reports; all optional, combined with AND. */
export interface ReportFilter {
  /** Scenario id, exact. */
  scenario?: string | undefined;
  /** Part of a team name, any case. */
  team?: string | undefined;
  /** Part of a player's name, any case. */
  trainee?: string | undefined;
  /** YYYY-MM-DD, inclusive, on the exercise date (UTC). */
  from?: string | undefined;
  to?: string | undefined;
}

const contains = (text: string, part: string): boolean => text.toLowerCase().includes(part.trim().toLowerCase());
const byTime = (a: ExerciseSummary, b: ExerciseSummary): number =>
  (a.endedAt ?? a.createdAt) - (b.endedAt ?? b.createdAt) || a.exerciseId.localeCompare(b.exerciseId, 'en');

export class ReportIndex {
  /** Parsed summaries by exercise id, with the chain head each was made at. */
  private readonly cache = new Map<string, { head: string; summary: ExerciseSummary }>();
  /** Background refreshes (refreshSoon), in order, and the exercises among them not yet started. */
  private background: Promise<void> = Promise.resolve();
  private readonly waiting = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly catalog: ScenarioCatalog,
    private readonly warn: (message: string) => void = () => {},
  ) {}

  /** Every finished exercise that can be read, oldest first; unreadable ones are reported through `warn` and left out. */
  async all(): Promise<ExerciseSummary[]> {
    const heads = await this.store.finishedHeads();
    const missing = [...heads.keys()].filter((id) => this.cache.get(id)?.head !== heads.get(id));
    if (missing.length) await this.load(new Set(missing));
    const out: ExerciseSummary[] = [];
    for (const [exerciseId, head] of heads) {
      const cached = this.cache.get(exerciseId);
      const summary = cached?.head === head ? cached.summary : await this.refresh(exerciseId);
      if (summary) out.push(summary);
    }
    return out.sort(byTime);
  }

  /**
   * Refreshes the summary soon, off the path of the event that finished the exercise, one
   * exercise at a time (a hundred exercises ending together replay one after the other). A
   * refresh still waiting covers any later request for the same exercise: it reads the log
   * when it runs.
   */
  refreshSoon(exerciseId: string): void {
    if (this.waiting.has(exerciseId)) return;
    this.waiting.add(exerciseId);
    this.background = this.background.then(async () => {
      await nextTurn();
      this.waiting.delete(exerciseId);
      await this.refresh(exerciseId); // never rejects: failures are warned about
    });
  }

  /** Summarises one exercise from its log and stores the summary; undefined (and a warning) when it cannot be read. */
  async refresh(exerciseId: string): Promise<ExerciseSummary | undefined> {
    try {
      const run = await replayStored(this.store, this.catalog, exerciseId);
      const summary = summarize(run);
      this.cache.set(exerciseId, { head: run.integrity.head, summary });
      try {
        await this.store.saveSummary(
          { exerciseId, status: run.state.status, head: run.integrity.head, summary: JSON.stringify(summary) },
          Date.now(),
        );
      } catch (error) {
        this.warn(
          `report index: the summary of exercise ${exerciseId} could not be stored: ${(error as Error).message}`,
        );
      }
      return summary;
    } catch (error) {
      this.warn(`report index: exercise ${exerciseId} cannot be read: ${(error as Error).message}`);
      return undefined;
    }
  }

  /**
   * Makes and stores the summaries a finished exercise lacks (a database from before S10, or an
   * exercise that ended while its summary could not be written). Run at start; returns how many.
   */
  async rebuild(): Promise<number> {
    const heads = await this.store.finishedHeads();
    await this.load(new Set(heads.keys()));
    let made = 0;
    for (const [exerciseId, head] of heads) {
      if (this.cache.get(exerciseId)?.head === head) continue;
      if (await this.refresh(exerciseId)) made++;
    }
    return made;
  }

  /** Reads the stored summaries of these exercises into the cache (stale ones included: `all` compares heads). */
  private async load(ids: Set<string>): Promise<void> {
    for (const stored of await this.store.summaries()) {
      if (!ids.has(stored.exerciseId)) continue;
      // summaries stored before rewound runs existed have no rewoundFrom: they are not rewound
      this.cache.set(stored.exerciseId, {
        head: stored.head,
        summary: { rewoundFrom: null, ...(JSON.parse(stored.summary) as Omit<ExerciseSummary, 'rewoundFrom'>) },
      });
    }
  }

  /** The managers' list: newest first, filtered. */
  async list(filter: ReportFilter = {}): Promise<ExerciseSummary[]> {
    return (await this.all())
      .filter((s) => !filter.scenario || s.scenario.id === filter.scenario)
      .filter((s) => !filter.team || s.teams.some((t) => contains(t.name, filter.team!)))
      .filter((s) => !filter.trainee || s.trainees.some((n) => contains(n, filter.trainee!)))
      .filter((s) => !filter.from || s.date >= filter.from)
      .filter((s) => !filter.to || s.date <= filter.to)
      .reverse();
  }

  /**
   * Per team name, per capability, the scores and ratings of one scenario over time. A rewound
   * solo run is practice, not an assessment: it is left out (H10, H18).
   */
  async trends(scenarioId: string): Promise<Trends | undefined> {
    const runs = (await this.all()).filter((s) => s.scenario.id === scenarioId && s.rewoundFrom === null);
    const latest = runs.at(-1);
    if (!latest) return undefined;
    const capabilities = new Map<string, string>();
    const teams: Trends['teams'] = [];
    for (const run of runs) {
      for (const team of run.teams) {
        for (const c of team.capabilities) if (!capabilities.has(c.id)) capabilities.set(c.id, c.label);
        let entry = teams.find((t) => sameTeamName(t.name, team.name));
        if (!entry) teams.push((entry = { name: team.name, points: [] }));
        entry.points.push({
          exerciseId: run.exerciseId,
          date: run.date,
          endedAt: run.endedAt,
          solo: run.solo,
          total: team.total,
          capabilities: team.capabilities,
        });
      }
    }
    return {
      scenario: { id: scenarioId, title: latest.scenario.title },
      capabilities: [...capabilities].map(([id, label]) => ({ id, label })),
      teams: teams.sort((a, b) => a.name.localeCompare(b.name, 'en')),
    };
  }

  /**
   * Exercises of the same scenario, by a team of the same name, that ended after this one,
   * with the expectations that team met (team names as this exercise spells them). A rewound
   * solo run validates nothing: it replayed an earlier run's choices.
   */
  async later(run: StoredRun): Promise<NonNullable<ExerciseHistory['later']>> {
    if (run.endedAt === null) return [];
    const names = run.state.teams.map((t) => teamNameOf(run.state, t));
    const out: NonNullable<ExerciseHistory['later']> = [];
    for (const other of await this.all()) {
      if (
        other.exerciseId === run.state.id ||
        other.scenario.id !== run.scenario.drill.scenario.id ||
        other.rewoundFrom !== null
      )
        continue;
      if (other.endedAt === null || other.endedAt <= run.endedAt) continue;
      for (const team of other.teams) {
        const name = names.find((n) => sameTeamName(n, team.name));
        if (name !== undefined)
          out.push({ exerciseId: other.exerciseId, teamName: name, endedAt: other.endedAt, met: [...team.met] });
      }
    }
    return out;
  }
}
