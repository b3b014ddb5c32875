/* global Office */
import { createRoot } from "react-dom/client";
import { ExcelWorkbook, MemoryWorkbook } from "../workbook";
import type { Workbook } from "../workbook";
import { PaneController } from "./controller";
import { stopOfficeTelemetryRelay } from "./host/officeTelemetry";
import { prefersDark } from "./host/theme";
import { App } from "./ui/App";
import { ControllerContext } from "./ui/useController";

declare global {
  interface Window {
    /** The pane's controller and workbook, for the browser tests and the developer console. */
    revrec?: { controller: PaneController; workbook: Workbook };
  }
}

const MEMORY_KEY = "revrec.memoryWorkbook";

/** Outside Office: an in-memory workbook kept in this browser's storage, so that a reload keeps it. */
function browserWorkbook(): MemoryWorkbook {
  let saved: string | null = null;
  try {
    saved = window.sessionStorage.getItem(MEMORY_KEY);
  } catch {
    saved = null;
  }
  const wb = MemoryWorkbook.restore(saved);
  wb.onChange = () => {
    try {
      window.sessionStorage.setItem(MEMORY_KEY, wb.snapshot());
    } catch {
      // Too big for the browser's storage: the workbook then lasts as long as the page.
    }
  };
  return wb;
}

/** Where the pane runs: inside Excel (Office.onReady names a host) or in a plain browser on an in-memory workbook. */
async function start(): Promise<void> {
  const info: { host: Office.HostType | null } =
    typeof Office !== "undefined" ? await Office.onReady() : { host: null };
  const inOffice = info.host !== null;
  if (!inOffice) stopOfficeTelemetryRelay(window);
  const memory = inOffice ? undefined : browserWorkbook();
  const workbook: Workbook = memory ?? new ExcelWorkbook();
  const controller = new PaneController({ workbook, origin: window.location.origin, inOffice });
  const container = document.getElementById("root");
  if (!container) return;
  const root = createRoot(container);
  const render = () =>
    root.render(
      <ControllerContext.Provider value={controller}>
        <App dark={prefersDark()} memory={memory} />
      </ControllerContext.Provider>
    );
  render();
  window.revrec = { controller, workbook };
  await controller.init();
}

start().catch((e: unknown) => {
  const el = document.getElementById("root");
  if (el) el.textContent = `RevRec could not start: ${e instanceof Error ? e.message : String(e)}`;
});
