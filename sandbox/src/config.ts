/**
 * Behaviours of the real service that are unconfirmed (see ../README.md); each one is a switch here.
 * Defaults follow the documented or most likely behaviour.
 */
export interface Behaviour {
  accessTokenSeconds: number;
  /** rolling life reported in x_refresh_token_expires_in (intuit-oauth mocks: 8726400 s, ~101 days) */
  refreshTokenSeconds: number;
  /** the 5-year hard cap reported with the x-include-refresh-token-hard-expires-in header */
  refreshTokenHardSeconds: number;
  /** within this window a refresh returns the same refresh token; afterwards it rotates */
  rotationWindowSeconds: number;
  /** how long a superseded refresh token keeps working (0: rejected at once with invalid_grant) */
  refreshGraceSeconds: number;
  /** authorization code lifetime (undocumented) */
  codeSeconds: number;
  /** HTTP status for invalid_client at the token and revoke endpoints (reference §1.3: token errors are 400) */
  invalidClientStatus: 400 | 401;
  /** text between "Voided" and an existing PrivateNote */
  voidNoteSeparator: string;
  /** JournalEntry.TotalAmt: the sum of debits (third-party fixtures) or 0 (docs) */
  journalTotalAmt: "debits" | "zero";
  /** requestid memory; null keeps every id for the life of the sandbox */
  requestIdTtlSeconds: number | null;
  /** same requestid with a different body: replay the original, or fault 600 */
  requestIdMismatch: "replay" | "error";
  throttle: boolean;
  perSecond: number;
  perMinute: number;
  /** requests of one realm and app running at once (the 2016 blog's "10 concurrent requests") */
  concurrent: number;
  /**
   * how long the Accounting API takes to answer, in ms (0: at once). Intuit's answers take time, so a client's
   * requests overlap there; with this, they overlap here too and the limit on requests at once can bite.
   */
  latencyMs: number;
  batchPerMinute: number;
  batchPerMinuteRealm: number;
  /** body of the throttle 429: XML as observed, or a JSON Fault */
  throttleBody: "xml" | "json";
  batchMax: number;
  cdcMaxObjects: number;
  /** whether cdcMaxObjects caps the whole response or each entity */
  cdcLimitScope: "response" | "entity";
  cdcLookbackDays: number;
  /** answer XML unless Accept asks for JSON (or format=json), as QBO does */
  xmlUnlessJson: boolean;
  /** ClassRef/DepartmentRef when class/department tracking is off: reject (6000) or accept */
  trackingRefsWhenOff: "error" | "accept";
  /** a foreign CurrencyRef while multicurrency is off: fault 6000 (the code QBO gives is unconfirmed) or accept */
  foreignCurrencyWhenOff: "error" | "accept";
  /** properties a transaction's schema does not have: fault 2010, or ignored (kept as sent) */
  unknownFields: "error" | "ignore";
}

export const DEFAULT_BEHAVIOUR: Behaviour = {
  accessTokenSeconds: 3600,
  refreshTokenSeconds: 8726400,
  refreshTokenHardSeconds: 157680000,
  rotationWindowSeconds: 24 * 3600,
  refreshGraceSeconds: 0,
  codeSeconds: 600,
  invalidClientStatus: 400,
  voidNoteSeparator: " - ",
  journalTotalAmt: "debits",
  requestIdTtlSeconds: null,
  requestIdMismatch: "replay",
  throttle: true,
  perSecond: 10,
  perMinute: 500,
  concurrent: 10,
  latencyMs: 0,
  batchPerMinute: 40,
  batchPerMinuteRealm: 120,
  throttleBody: "xml",
  batchMax: 30,
  cdcMaxObjects: 1000,
  cdcLimitScope: "response",
  cdcLookbackDays: 30,
  xmlUnlessJson: true,
  trackingRefsWhenOff: "error",
  foreignCurrencyWhenOff: "error",
  unknownFields: "error",
};
