// The shared runtime's glue: load the RevRec tables through the Workbook interface into the store, reload
// when a table changes, then make Excel recalculate the REVREC cells so none shows a figure from stale data.
import { FUNCTION_TABLES } from "../core/tables";
import type { RowsEdited, Workbook } from "../workbook";
import type { RowsEdit } from "./incremental";
import { store as defaultStore, type BookStore } from "./store";

export interface Connection {
  /** Reloads the tables now and recalculates (the task pane calls it after it writes rules or tables). */
  refresh(): Promise<void>;
  /** Stops listening to table changes. */
  disconnect(): Promise<void>;
}

/**
 * Connects a workbook to the store: loads the tables, listens for changes to them, and after every reload
 * asks the workbook to recalculate the REVREC formulas. Functions called during a reload wait for it.
 * `onError` hears about failed recalculations (a failed read is held in the store and shown by the cells).
 */
export async function connectWorkbook(
  workbook: Workbook,
  target: BookStore = defaultStore,
  onError: (e: unknown) => void = () => undefined
): Promise<Connection> {
  const read = () => workbook.readTables(FUNCTION_TABLES);
  const refresh = async (edited?: Promise<RowsEdited | undefined>): Promise<void> => {
    // An edit the event located is read alone: the rows it names, not every table.
    const rows = edited
      ? async (): Promise<RowsEdit | undefined> => {
          const at = await edited;
          if (!at) return undefined;
          return {
            table: at.table,
            first: at.first,
            rows: await workbook.readRows(at.table, at.first, at.count),
          };
        }
      : undefined;
    await target.reload(read, rows);
    await workbook.recalculateRevRec();
  };
  // Start loading at once, so that cells evaluated during start-up wait for the book instead of showing #N/A;
  // then subscribe, and read once more so that a change made before the subscription took hold is not missed.
  const first = target.reload(read);
  let unsubscribe: () => Promise<void>;
  try {
    unsubscribe = await workbook.onTablesChanged(FUNCTION_TABLES, (edited) => {
      refresh(edited).catch(onError);
    });
  } finally {
    await first;
  }
  await refresh();
  return { refresh: () => refresh(), disconnect: unsubscribe };
}

let started: Promise<Connection> | undefined;

/** Starts the runtime once per page (the functions entry and the task pane may both ask). */
export function startRuntime(
  workbook: Workbook,
  onError?: (e: unknown) => void
): Promise<Connection> {
  started ??= connectWorkbook(workbook, defaultStore, onError);
  return started;
}
