/**
 * The load generator's integrity check: each team's decision log, as the server's snapshot
 * states it, against what the generator's acknowledged commands should have made: lost,
 * duplicated, mismatched and unexpected decisions.
 */
import type { Snapshot } from '../../protocol/index.ts';
import type { IntegrityResult } from './common.ts';

export interface ExpectedEntry {
  inject: string;
  kind: 'chosen' | 'continued';
  option: string | null;
}

export class Integrity {
  readonly result: IntegrityResult = {
    exercisesChecked: 0,
    drillsCompleted: 0,
    decisionsExpected: 0,
    decisionsFound: 0,
    lost: 0,
    duplicated: 0,
    mismatched: 0,
    unexpected: 0,
    details: [],
  };

  private note(detail: string): void {
    if (this.result.details.length < 20) this.result.details.push(detail);
  }

  /** Compares one team's log in `snapshot` with the entries its acked commands should have made. */
  checkTeam(exerciseId: string, teamId: string, expected: ExpectedEntry[], snapshot: Snapshot): void {
    const r = this.result;
    const log = snapshot.teams.find((t) => t.id === teamId)?.progress.log ?? [];
    r.decisionsExpected += expected.length;
    const expectedInjects = new Set(expected.map((e) => e.inject));
    for (const e of expected) {
      const found = log.filter((l) => l.inject === e.inject);
      if (found.length === 0) {
        r.lost++;
        this.note(`${exerciseId}/${teamId}: ${e.inject} (${e.option ?? e.kind}) is missing from the log`);
        continue;
      }
      r.decisionsFound++;
      if (found.length > 1) {
        r.duplicated += found.length - 1;
        this.note(`${exerciseId}/${teamId}: ${e.inject} appears ${found.length} times`);
      }
      if (found[0]!.kind !== e.kind || found[0]!.option !== e.option) {
        r.mismatched++;
        this.note(
          `${exerciseId}/${teamId}: ${e.inject} logged ${found[0]!.kind}/${found[0]!.option}, expected ${e.kind}/${e.option}`,
        );
      }
    }
    for (const l of log) {
      if (!expectedInjects.has(l.inject)) {
        r.unexpected++;
        this.note(`${exerciseId}/${teamId}: unexpected ${l.kind} at ${l.inject}`);
      }
    }
  }
}
