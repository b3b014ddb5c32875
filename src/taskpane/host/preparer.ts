const KEY = "revrec.preparer";

/** Who posts, for the RevRecPostings log: kept in this browser, like the session. */
export function loadPreparer(): string {
  try {
    return typeof window === "undefined" ? "" : (window.localStorage.getItem(KEY) ?? "");
  } catch {
    return "";
  }
}

export function savePreparer(name: string): void {
  try {
    if (typeof window !== "undefined") window.localStorage.setItem(KEY, name);
  } catch {
    // Storage disabled: the name lasts as long as the pane.
  }
}
