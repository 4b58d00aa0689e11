/**
 * The improvement plan (HSEEP AAR/IP Appendix A): one row per expectation a team missed and per
 * harmful choice not already explained by such a miss, with
 * the corrective action, capability element and responsible role from the scenario (or a
 * template), the responsible organisation and its point of contact, start and completion dates
 * (the exercise date and the drill's improvement horizon unless edited), and a status that closes the
 * loop: validated when a later exercise of the same scenario by the same team met it.
 */
import type { Drill } from '../engine/drill.ts';
import { durationMinutes } from '../engine/duration.ts';
import type { Expectation, Owner } from '../engine/schema.ts';
import type { ExerciseHistory, PlanEdit } from './history.ts';
import { addDays, capabilityLabel, clause, ownerLabel, roleLabel, utcDate } from './format.ts';
import type { DecisionEntry, Finding, PlanItem, TeamReport } from '../../protocol/index.ts';

/** A corrective action for an expectation that does not name one, by capability element. */
export function templateAction(drill: Drill, e: Expectation, lead: string): string {
  const task = `“${clause(e.text)}”`;
  switch (e.element) {
    case 'organization':
      return `Name an owner and an escalation path for this task: ${task}.`;
    case 'equipment':
      return `Provide, and test, the tooling this task needs: ${task}.`;
    case 'training':
      return `Train the ${ownerLabel(drill, e.owner ?? lead)} and a back-up on this task: ${task}.`;
    case 'exercise':
      return `Re-run this drill until the team performs this task: ${task}.`;
    case 'planning':
      return `Write this task into the incident-response plan: ${task}.`;
  }
}

/** A person-set status in words, with its date: "in progress since 2026-03-02", "done 2026-03-09". */
export function statusWords(item: PlanItem): string {
  const date = item.statusDate ?? '';
  if (item.status === 'in-progress') return date ? `in progress since ${date}` : 'in progress';
  if (item.status === 'done') return date ? `done ${date}` : 'done';
  return item.status;
}

/** A row's status and its date; a row nobody touched is "open" with no date. */
function planStatus(set: { status: PlanItem['status']; date: string } | null): Pick<PlanItem, 'status' | 'statusDate'> {
  return set ? { status: set.status, ...(set.date ? { statusDate: set.date } : {}) } : { status: 'open' };
}

/** The drill's suggested time to complete a corrective action, in whole days; null when it suggests none. */
export function improvementHorizonDays(drill: Drill): number | null {
  const horizon = drill.scenario.hseep?.improvement_horizon;
  return horizon === undefined ? null : Math.max(1, Math.ceil(durationMinutes(horizon) / 1440));
}

/** The owner's role in words; empty when the drill names only an organisation. */
function roleWords(drill: Drill, owner: Owner): string {
  const role = typeof owner === 'string' ? owner : owner.role;
  return role === undefined ? '' : (roleLabel(role, drill.scenario.roles.define) ?? '');
}

/**
 * Who and when, with the facilitator's edits over the defaults: the role from the drill, the
 * organisation from the drill's owner or the only participating organisation, the point of
 * contact only as entered, start on the exercise date and completion after the drill's horizon.
 */
function assignment(
  drill: Drill,
  history: ExerciseHistory,
  edit: PlanEdit | undefined,
  owner: Owner,
): Pick<PlanItem, 'responsible' | 'organisation' | 'organisationPoc' | 'start' | 'completion'> {
  const organisations = history.details?.organisations ?? [];
  const date = utcDate(history.exercise.startedAt ?? history.exercise.createdAt);
  const days = improvementHorizonDays(drill);
  return {
    responsible: edit?.responsible ?? roleWords(drill, owner),
    organisation:
      edit?.organisation ??
      (typeof owner === 'object' ? owner.organisation : organisations.length === 1 ? organisations[0]! : ''),
    organisationPoc: edit?.organisationPoc ?? '',
    start: edit?.start ?? date,
    completion: edit?.completion ?? (days === null ? '' : addDays(edit?.start ?? date, days)),
  };
}

/** The improvement-plan rows of every team, in team order then scenario order. */
export function buildPlan(drill: Drill, history: ExerciseHistory, teams: TeamReport[]): PlanItem[] {
  const lead = drill.scenario.roles.lead;
  const thisEnded = history.exercise.endedAt ?? history.exercise.startedAt ?? history.exercise.createdAt;
  const later = [...(history.later ?? [])]
    .filter((l) => l.endedAt > thisEnded && l.exerciseId !== history.exercise.id)
    .sort((a, b) => a.endedAt - b.endedAt || a.exerciseId.localeCompare(b.exerciseId, 'en'));
  const items: PlanItem[] = [];
  for (const team of teams) {
    for (const e of drill.scenario.expectations) {
      if (team.expectations.find((x) => x.id === e.id)?.met !== false) continue;
      if (!team.improvements.some((f) => f.source === 'expectation' && f.key === e.id)) continue;
      const edit = history.plan.find((p) => p.key === e.id && p.teamId === team.id);
      const proof = later.find((l) => l.teamName === team.name && l.met.includes(e.id));
      items.push({
        teamId: team.id,
        teamName: team.name,
        source: 'expectation',
        key: e.id,
        capability: e.capability,
        capabilityLabel: capabilityLabel(e.capability),
        issue: clause(e.text),
        correctiveAction: edit?.correctiveAction ?? e.corrective_action ?? templateAction(drill, e, lead),
        element: edit?.element ?? e.element,
        ...assignment(drill, history, edit, e.owner ?? lead),
        ...planStatus(
          proof
            ? { status: 'validated', date: utcDate(proof.endedAt) }
            : edit?.status
              ? { status: edit.status as PlanItem['status'], date: edit.statusDate ?? '' }
              : null,
        ),
        validatedBy: proof ? { exerciseId: proof.exerciseId, date: utcDate(proof.endedAt) } : null,
        ...references(team.improvements.find((f) => f.source === 'expectation' && f.key === e.id)),
      });
    }
    for (const f of team.improvements.filter((x) => x.source === 'decision')) {
      const entry = team.decisions.find((d) => d.inject === f.key)!;
      const deciders = drill.injects[f.key]?.inject.decision?.deciders ?? [lead];
      const edit = history.plan.find((p) => p.key === f.key && p.teamId === team.id);
      items.push({
        teamId: team.id,
        teamName: team.name,
        source: 'decision',
        key: f.key,
        capability: f.capability,
        capabilityLabel: f.capabilityLabel,
        issue: clause(f.text),
        correctiveAction: edit?.correctiveAction ?? decisionAction(entry),
        element: edit?.element ?? 'planning',
        ...assignment(drill, history, edit, deciders[0] ?? lead),
        ...planStatus(edit?.status ? { status: edit.status as PlanItem['status'], date: edit.statusDate ?? '' } : null),
        validatedBy: null,
        ...references(f),
      });
    }
  }
  return items;
}

/** The ATLAS mitigations and CSF references a plan row carries over from its finding. */
const references = (f: Finding | undefined): Pick<PlanItem, 'mitigations' | 'csf'> => ({
  mitigations: f?.mitigations ?? [],
  csf: f?.csf ?? [],
});

/** What to change after a harmful choice: settle in advance what to do at that point. */
function decisionAction(d: DecisionEntry): string {
  const better = d.best && d.best !== d.chosen ? `: “${clause(d.bestLabel ?? '')}”` : '';
  const instead =
    d.kind === 'no-decision' ? ', so that the team decides in time' : `, rather than “${clause(d.chosenLabel)}”`;
  return `Agree in the incident-response plan what to do at “${d.title}”${better}${instead}.`;
}
