// The pane's one store: every tab's change is one change, seen once, and a new action's message survives the clearing.
import { initialState } from "../../src/taskpane/state/paneState";
import { PaneStore } from "../../src/taskpane/state/store";

function store(): PaneStore {
  return new PaneStore(initialState(false, new Date("2026-04-02T09:00:00Z"), undefined, ""));
}

describe("the pane's store", () => {
  it("opens on the month just ended", () => {
    expect(store().get().close.period).toBe("2026-03");
  });

  it("clears the last action's notice as a new action shows its error", () => {
    const s = store();
    s.set({ notice: "Sync finished." });
    s.startAction({ error: { message: "The report's months are not valid.", action: "" } });
    expect(s.get().notice).toBeUndefined();
    expect(s.get().error?.message).toBe("The report's months are not valid.");
  });

  it("tells its listeners once per change, until they leave", () => {
    const s = store();
    let seen = 0;
    const leave = s.subscribe(() => (seen += 1));
    s.set({ notice: "Connected to Acme Books." }, ["error"]);
    s.setSync({ running: true }, ["summary"]);
    s.setClose({ loading: true });
    expect(seen).toBe(3);
    leave();
    s.set({ connecting: true });
    expect(seen).toBe(3);
  });
});
