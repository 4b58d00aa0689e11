/**
 * Idempotent command ids (A5): the first ack of every command id, per sender. Acceptances and
 * refusals are kept in separate bounded maps, so a flood of refused commands never pushes out
 * an accepted one. Past the bound the event log answers: every accepted command's id is
 * stored with its event, so an acceptance is recognised for the exercise's whole life, across
 * restarts, however many commands came after it.
 */
import type { Ack } from '../../protocol/index.ts';

/** How many acks of each kind an exercise keeps in memory. */
const REMEMBERED = 5000;

export class CommandMemory {
  private readonly accepted = new Map<string, Ack>();
  private readonly refused = new Map<string, Ack>();
  /** True while every acceptance since the exercise began is still in `accepted`. */
  private complete = true;

  /**
   * `lookup` answers a command id from the log: the ack of the event that accepted it (a refusal
   * when the log cannot vouch for it now), or undefined when the log has none.
   */
  constructor(private readonly lookup: (key: string) => Ack | undefined | Promise<Ack | undefined>) {}

  /** The first ack of this key, or undefined when the command is new. */
  async get(key: string): Promise<Ack | undefined> {
    const known = this.accepted.get(key) ?? this.refused.get(key);
    if (known || this.complete) return known;
    return this.lookup(key);
  }

  /**
   * From now on a key not in memory is looked up in the log: after a failed append the log may
   * hold the command's event although it was never acknowledged (its flush failed), and a retry
   * must find it there rather than be applied twice.
   */
  consultLog(): void {
    this.complete = false;
  }

  /** Remembers an ack; failures of the server itself are not remembered (a retry may succeed). */
  remember(key: string, ack: Ack): void {
    if (!ack.ok && ack.code === 'INTERNAL') return;
    const map = ack.ok ? this.accepted : this.refused;
    map.set(key, ack);
    if (map.size <= REMEMBERED) return;
    map.delete(map.keys().next().value!);
    if (ack.ok) this.complete = false;
  }
}
