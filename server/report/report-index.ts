/**
 * The finished exercises of a database, summarised once and kept in memory: the managers' list
 * with its filters, trends of one scenario across exercises, and the later exercises that
 * validate an improvement plan. A summary is recomputed when the exercise's status changes
 * (debrief → ended); nothing else that a summary shows can change after play.
 */
import type { ScenarioCatalog } from '../exercise/scenarios.ts';
import type { ExerciseRow, Store } from '../exercise/store/types.ts';
import type { ExerciseHistory } from './history.ts';
import { replayStored, sameTeamName, teamNameOf, type StoredRun } from './stored-run.ts';
import { summarize } from './stored-summary.ts';
import type { CapabilitySummary, ExerciseSummary, TrendPoint, Trends } from '../../protocol/index.ts';

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
  private readonly cache = new Map<string, { status: string; summary: ExerciseSummary }>();

  constructor(
    private readonly store: Store,
    private readonly catalog: ScenarioCatalog,
    private readonly warn: (message: string) => void = () => {},
  ) {}

  /** Every finished exercise that can be read, oldest first; unreadable ones are reported through `warn` and left out. */
  all(): ExerciseSummary[] {
    const out: ExerciseSummary[] = [];
    for (const row of this.store.finished()) {
      const summary = this.summary(row);
      if (summary) out.push(summary);
    }
    return out.sort(byTime);
  }

  /** The managers' list: newest first, filtered. */
  list(filter: ReportFilter = {}): ExerciseSummary[] {
    return this.all()
      .filter((s) => !filter.scenario || s.scenario.id === filter.scenario)
      .filter((s) => !filter.team || s.teams.some((t) => contains(t.name, filter.team!)))
      .filter((s) => !filter.trainee || s.trainees.some((n) => contains(n, filter.trainee!)))
      .filter((s) => !filter.from || s.date >= filter.from)
      .filter((s) => !filter.to || s.date <= filter.to)
      .reverse();
  }

  /** Per team name, per capability, the scores and ratings of one scenario over time. */
  trends(scenarioId: string): Trends | undefined {
    const runs = this.all().filter((s) => s.scenario.id === scenarioId);
    const latest = runs.at(-1);
    if (!latest) return undefined;
    const capabilities = new Map<string, string>();
    const teams: Trends['teams'] = [];
    for (const run of runs) {
      for (const team of run.teams) {
        for (const c of team.capabilities) if (!capabilities.has(c.id)) capabilities.set(c.id, c.label);
        let entry = teams.find((t) => sameTeamName(t.name, team.name));
        if (!entry) teams.push((entry = { name: team.name, points: [] }));
        entry.points.push({ exerciseId: run.exerciseId, date: run.date, endedAt: run.endedAt, solo: run.solo, total: team.total, capabilities: team.capabilities });
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
   * with the expectations that team met (team names as this exercise spells them).
   */
  later(run: StoredRun): NonNullable<ExerciseHistory['later']> {
    if (run.endedAt === null) return [];
    const names = run.state.teams.map((t) => teamNameOf(run.state, t));
    const out: NonNullable<ExerciseHistory['later']> = [];
    for (const other of this.all()) {
      if (other.exerciseId === run.state.id || other.scenario.id !== run.scenario.drill.scenario.id) continue;
      if (other.endedAt === null || other.endedAt <= run.endedAt) continue;
      for (const team of other.teams) {
        const name = names.find((n) => sameTeamName(n, team.name));
        if (name !== undefined) out.push({ exerciseId: other.exerciseId, teamName: name, endedAt: other.endedAt, met: [...team.met] });
      }
    }
    return out;
  }

  private summary(row: ExerciseRow): ExerciseSummary | undefined {
    const cached = this.cache.get(row.id);
    if (cached && cached.status === row.status) return cached.summary;
    try {
      const summary = summarize(replayStored(this.store, this.catalog, row.id));
      this.cache.set(row.id, { status: row.status, summary });
      return summary;
    } catch (error) {
      this.warn(`report index: exercise ${row.id} cannot be read: ${(error as Error).message}`);
      return undefined;
    }
  }
}
