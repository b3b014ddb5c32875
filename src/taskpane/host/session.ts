import type { AuthSuccess } from "../../wire";

const KEY = "revrec.session";

export type Session = Pick<AuthSuccess, "sessionToken" | "realmId" | "companyName" | "environment">;

/** The session token lives in this browser's storage, never in the workbook (it would travel with the file). */
export function loadSession(): Session | undefined {
  try {
    const raw = window.localStorage.getItem(KEY);
    if (!raw) return undefined;
    const s = JSON.parse(raw) as Partial<Session>;
    return s.sessionToken && s.realmId ? (s as Session) : undefined;
  } catch {
    return undefined;
  }
}

export function saveSession(s: Session | undefined): void {
  try {
    if (s) window.localStorage.setItem(KEY, JSON.stringify(s));
    else window.localStorage.removeItem(KEY);
  } catch {
    // Storage can be disabled (private mode); the session then lasts as long as the pane.
  }
}
