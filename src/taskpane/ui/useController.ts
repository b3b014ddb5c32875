import { createContext, useContext, useSyncExternalStore } from "react";
import type { PaneController, PaneState } from "../controller";

export const ControllerContext = createContext<PaneController | undefined>(undefined);

export function useController(): PaneController {
  const c = useContext(ControllerContext);
  if (!c) throw new Error("PaneController missing: render inside <ControllerContext.Provider>.");
  return c;
}

export function usePaneState(): PaneState {
  const c = useController();
  return useSyncExternalStore(
    (l) => c.subscribe(l),
    () => c.get()
  );
}

/** Runs an action from an event handler; the controller reports its own errors in the pane. */
export function fire(p: Promise<unknown>): void {
  p.catch(() => undefined);
}
