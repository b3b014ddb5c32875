/** Test-only fault injection: fail, hang or drop the next N requests that match a method and path pattern. */
export type FaultAction =
  | { kind: "status"; status: number; body?: "json" | "xml" | "html" | "empty" }
  | { kind: "hang"; ms: number }
  | { kind: "drop"; when: "before" | "after" };

export interface FaultRule {
  id: number;
  method?: string;
  /** a regular expression tested against the path (without the query string) */
  path?: string;
  remaining: number;
  action: FaultAction;
  hits: number;
}

export class FaultInjector {
  private rules: FaultRule[] = [];
  private nextId = 1;
  private readonly listeners = new Set<(rule: FaultRule) => void>();

  /**
   * Hear each rule as it takes hold of a request (before the request is answered, held or dropped), so that an
   * in-process test acts at that moment instead of sleeping. Returns the unsubscribe.
   */
  onHit(listener: (rule: FaultRule) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  add(rule: Omit<FaultRule, "id" | "hits">): FaultRule {
    const r: FaultRule = { ...rule, id: this.nextId++, hits: 0 };
    this.rules.push(r);
    return r;
  }

  /** The first rule matching this request, consuming one of its uses. */
  take(method: string, path: string): FaultRule | undefined {
    for (const r of this.rules) {
      if (r.remaining <= 0) continue;
      if (r.method && r.method.toUpperCase() !== method.toUpperCase()) continue;
      if (r.path && !new RegExp(r.path, "i").test(path)) continue;
      r.remaining--;
      r.hits++;
      for (const l of this.listeners) l(r);
      return r;
    }
    return undefined;
  }

  list(): FaultRule[] {
    return this.rules;
  }

  clear(): void {
    this.rules = [];
  }
}

/** Parses a POST /__sandbox/faults body; returns an error text when it is not understood. */
export function parseFaultRule(body: unknown): Omit<FaultRule, "id" | "hits"> | string {
  if (typeof body !== "object" || body === null) return "body must be a JSON object";
  const b = body as Record<string, unknown>;
  const count = b["count"] === undefined ? 1 : Number(b["count"]);
  if (!Number.isInteger(count) || count < 1) return "count must be a positive integer";
  const base: Omit<FaultRule, "id" | "hits" | "action"> = { remaining: count };
  if (typeof b["method"] === "string") base.method = b["method"];
  if (typeof b["path"] === "string") {
    try {
      new RegExp(b["path"]);
    } catch {
      return "path must be a regular expression";
    }
    base.path = b["path"];
  }
  const kind = b["action"] ?? (b["status"] !== undefined ? "status" : undefined);
  if (kind === "status") {
    const status = Number(b["status"]);
    if (![429, 500, 502, 503, 504].includes(status))
      return "status must be 429, 500, 502, 503 or 504";
    const body = b["body"];
    if (
      body !== undefined &&
      body !== "json" &&
      body !== "xml" &&
      body !== "html" &&
      body !== "empty"
    ) {
      return "body must be json, xml, html or empty";
    }
    return {
      ...base,
      action: body === undefined ? { kind: "status", status } : { kind: "status", status, body },
    };
  }
  if (kind === "hang") {
    const ms = b["ms"] === undefined ? 130_000 : Number(b["ms"]);
    if (!Number.isFinite(ms) || ms < 0) return "ms must be a non-negative number";
    return { ...base, action: { kind: "hang", ms } };
  }
  if (kind === "drop") {
    const when = b["when"] ?? "before";
    if (when !== "before" && when !== "after") return "when must be before or after";
    return { ...base, action: { kind: "drop", when } };
  }
  return "action must be status, hang or drop";
}
