// A small typed event emitter: event names and payloads come from one map, so a renamed event is a
// compile error (research/style.md, contracts as typed maps). A throwing listener is reported and
// does not stop the others or the server.
export class Emitter<Events> {
  private readonly listeners = new Map<keyof Events, Set<(payload: never) => void>>();

  on<K extends keyof Events>(event: K, listener: (payload: Events[K]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  protected emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        (listener as (p: Events[K]) => void)(payload);
      } catch (err) {
        console.error(`listener for ${String(event)} failed:`, err);
      }
    }
  }
}
