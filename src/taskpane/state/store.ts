import type { CloseState, PaneState, SyncState } from "./paneState";

/** The keys of T that may be absent: the only ones a change may take away. */
type OptionalKey<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];

export type PaneKey = OptionalKey<PaneState>;

/** The error and the notice: a new action clears what the last one said. */
const MESSAGES: readonly PaneKey[] = ["error", "notice"];

/**
 * The one state every tab reads and writes. Each change replaces the state object (React compares by
 * identity) and tells the listeners once.
 */
export class PaneStore {
  private state: PaneState;
  private readonly listeners = new Set<() => void>();

  constructor(initial: PaneState) {
    this.state = initial;
  }

  get(): PaneState {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Takes away the `drop` keys and applies `patch`, as one change. */
  set(patch: Partial<PaneState>, drop: readonly PaneKey[] = []): void {
    const rest: PaneState = { ...this.state };
    for (const key of drop) delete rest[key];
    this.state = { ...rest, ...patch };
    for (const l of this.listeners) l();
  }

  setClose(patch: Partial<CloseState>): void {
    this.set({ close: { ...this.state.close, ...patch } });
  }

  setSync(patch: Partial<SyncState>, drop: readonly OptionalKey<SyncState>[] = []): void {
    const rest: SyncState = { ...this.state.sync };
    for (const key of drop) delete rest[key];
    this.set({ sync: { ...rest, ...patch } });
  }

  /** Clears the last action's error and notice, with `patch`, as the next action starts. */
  startAction(patch: Partial<PaneState> = {}): void {
    this.set(patch, MESSAGES);
  }
}
