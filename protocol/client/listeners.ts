/** A tiny typed listener registry (no dependencies, so the browser bundle stays small). */
export class Listeners<Events extends Record<string, (...args: never[]) => void>> {
  private readonly byEvent = new Map<keyof Events, Set<Events[keyof Events]>>();

  /** Adds a listener; the returned function removes it. */
  on<E extends keyof Events>(event: E, listener: Events[E]): () => void {
    let set = this.byEvent.get(event);
    if (!set) this.byEvent.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  emit<E extends keyof Events>(event: E, ...args: Parameters<Events[E]>): void {
    for (const listener of [...(this.byEvent.get(event) ?? [])])
      (listener as (...a: Parameters<Events[E]>) => void)(...args);
  }
}
