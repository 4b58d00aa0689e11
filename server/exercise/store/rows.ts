/**
 * What every store writes and reads the same way: the stored form of an event (its actor and
 * body as canonical JSON text, the hash over the previous one) and the event read back from a
 * row, so SQLite and PostgreSQL keep one log format and one hash chain.
 */
import { canonicalEventText, canonicalJson, chainHash, GENESIS_HASH } from '../canonical.ts';
import type { LoggedEvent, StoredEvent } from '../events.ts';
import type { ReportRecord } from '../change.ts';
import type { StoredShare, StoredWhatIfPin } from './types.ts';
import { decodeBody } from '../log-format.ts';

/** An events row as both databases hold it (numbers may come back as text from PostgreSQL's BIGINT). */
export interface EventRow {
  exercise_id: string;
  version: number;
  at: number | string;
  actor: string | null;
  command_id: string | null;
  body: string;
  prev_hash: string;
  hash: string;
  format: number;
}

/** The text an event's hash covers, from its row as stored. */
export const canonicalOf = (r: EventRow): string =>
  canonicalEventText(r.exercise_id, r.version, Number(r.at), r.actor, r.command_id, r.body);

export const toEvent = (r: EventRow): StoredEvent => ({
  exerciseId: r.exercise_id,
  version: r.version,
  at: Number(r.at),
  actor: r.actor === null ? null : JSON.parse(r.actor),
  commandId: r.command_id,
  body: decodeBody(r.format, JSON.parse(r.body)),
  prevHash: r.prev_hash,
  hash: r.hash,
});

/**
 * The event to insert after `head` (the stored head of its exercise, read inside the same
 * transaction): each part encoded once, so the stored text is what the hash covers. Throws when
 * the version does not follow the head (another writer got there first, S1).
 */
export function sealEvent(exerciseId: string, event: LoggedEvent, head: { version: number; hash: string } | undefined) {
  if (event.version !== (head?.version ?? 0) + 1)
    throw new Error(
      `exercise ${exerciseId}: version ${event.version} does not follow the stored version ${head?.version ?? 0}`,
    );
  const prevHash = head?.hash ?? GENESIS_HASH;
  const actorJson = event.actor ? canonicalJson(event.actor) : null;
  const bodyJson = canonicalJson(event.body);
  const hash = chainHash(
    prevHash,
    canonicalEventText(exerciseId, event.version, event.at, actorJson, event.commandId, bodyJson),
  );
  const stored: StoredEvent = { ...event, exerciseId, prevHash, hash };
  return { actorJson, bodyJson, prevHash, hash, stored };
}

/**
 * Checks rows in version order, each against the one before (the stored text, whatever its log
 * format), fed one at a time so that a long log can be read in pages.
 */
export class ChainWalk {
  private previous = GENESIS_HASH;
  private count = 0;
  private broken: { brokenAt: number; message: string } | null = null;

  constructor(private readonly exerciseId: string) {}

  /** Checks the next row; false once the chain is broken (feed no more). */
  add(row: EventRow): boolean {
    if (this.broken) return false;
    this.count++;
    if (
      row.prev_hash !== this.previous ||
      row.hash !== chainHash(this.previous, canonicalOf(row)) ||
      row.version !== this.count
    ) {
      this.broken = {
        brokenAt: row.version,
        message: `event ${row.version} of exercise ${this.exerciseId} does not match its hash chain`,
      };
      return false;
    }
    this.previous = row.hash;
    return true;
  }

  result() {
    return this.broken
      ? { ok: false as const, events: this.count, head: this.previous, ...this.broken }
      : { ok: true as const, events: this.count, head: this.previous };
  }
}

/** Walks rows in version order and checks each against the one before. */
export function checkChain(exerciseId: string, rows: Iterable<EventRow>) {
  const walk = new ChainWalk(exerciseId);
  for (const row of rows) if (!walk.add(row)) break;
  return walk.result();
}

/** A share_links row as both databases hold it (times may come back as text from BIGINT). */
export interface ShareRow {
  id: string;
  token_hash: string;
  exercise_id: string;
  created_by: string;
  label: string | null;
  created_at: number | string;
  expires_at: number | string;
  revoked_at: number | string | null;
}

/** A share link read back from its row. */
export const toShare = (r: ShareRow): StoredShare => ({
  id: r.id,
  tokenHash: r.token_hash,
  exerciseId: r.exercise_id,
  createdBy: r.created_by === 'manager' ? 'manager' : 'facilitator',
  label: r.label,
  createdAt: Number(r.created_at),
  expiresAt: Number(r.expires_at),
  revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
});

/** A whatif_pins row as both databases hold it. */
export interface PinRow {
  id: string;
  exercise_id: string;
  team_id: string;
  inject: string;
  option: string;
  policy: string;
  note: string | null;
  pinned_by: string;
  pinned_at: number | string;
}

/** A pinned what-if read back from its row. */
export const toPin = (r: PinRow): StoredWhatIfPin => ({
  id: r.id,
  exerciseId: r.exercise_id,
  teamId: r.team_id,
  inject: r.inject,
  option: r.option,
  policy: r.policy === 'best' || r.policy === 'worst' ? r.policy : 'same',
  note: r.note,
  pinnedBy: r.pinned_by === 'manager' ? 'manager' : 'facilitator',
  pinnedAt: Number(r.pinned_at),
});

/** The columns of a pin, in the order the INSERT statements of both stores list them. */
export const pinValues = (p: StoredWhatIfPin) =>
  [p.id, p.exerciseId, p.teamId, p.inject, p.option, p.policy, p.note, p.pinnedBy, p.pinnedAt] as const;

/** The columns of a decision record, in the order the INSERT statements of both stores list them. */
export const decisionValues = (
  exerciseId: string,
  version: number,
  record: Extract<ReportRecord, { kind: 'decision' }>,
) => {
  const d = record.decision;
  return [
    exerciseId,
    version,
    record.teamId,
    d.injectId,
    d.option,
    d.kind,
    d.via,
    d.by,
    d.byRole,
    d.openedAt,
    d.decidedAt,
    JSON.stringify(d.votes),
  ] as const;
};
