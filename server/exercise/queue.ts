/**
 * One exercise's command queue (rule 1, boardgame.io's per-match queue): tasks run one at a
 * time, in the order they were queued, each to completion (its awaits included) before the
 * next starts. A store that answers with promises therefore still sees one append at a time
 * per exercise, in arrival order, and nothing reads a state that a pending append may undo.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private queued = 0;

  /** Queues `task`; resolves (or rejects) with its result once it has run. */
  run<T>(task: () => T | Promise<T>): Promise<T> {
    this.queued++;
    const result = this.tail.then(task);
    this.tail = result.then(
      () => this.queued--,
      () => this.queued--,
    );
    return result;
  }

  /** Tasks queued or running. */
  get size(): number {
    return this.queued;
  }
}
