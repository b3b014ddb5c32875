/**
 * A company's reference data (company info, preferences, accounts, items, customers, classes), read from QBO and
 * cached for a few minutes so that posting an entry needs no list reads when the task pane has just shown them.
 */
import type { Account, ClassInfo, Customer, Item, StatusPreferences } from "../../wire";
import type { JsonObject, QboClient } from "./client";

type Obj = { [key: string]: unknown };

function obj(v: unknown): Obj | undefined {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : undefined;
}
function s(v: unknown): string {
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : "";
}
function bool(v: unknown): boolean | undefined {
  if (typeof v === "boolean") return v;
  if (v === "true") return true;
  if (v === "false") return false;
  return undefined;
}

/** What the backend reads from CompanyInfo and Preferences; GET /api/status shows the `StatusPreferences` part. */
export interface CompanyPreferences extends StatusPreferences {
  companyName: string;
  homeCurrency: string;
  warnDuplicateJournalNumber: boolean;
}

export interface Lists {
  accounts: Account[];
  items: Item[];
  customers: Customer[];
  classes: ClassInfo[];
}

const TTL_MS = 5 * 60 * 1000;

function toAccount(a: Obj): Account {
  const out: Account = {
    id: s(a["Id"]),
    name: s(a["Name"]),
    fullyQualifiedName: s(a["FullyQualifiedName"]) || s(a["Name"]),
    accountType: s(a["AccountType"]),
    classification: s(a["Classification"]),
    active: a["Active"] !== false,
  };
  const num = s(a["AcctNum"]);
  if (num !== "") out.acctNum = num;
  const sub = s(a["AccountSubType"]);
  if (sub !== "") out.accountSubType = sub;
  return out;
}

function toItem(i: Obj): Item {
  const out: Item = {
    id: s(i["Id"]),
    name: s(i["Name"]),
    fullyQualifiedName: s(i["FullyQualifiedName"]) || s(i["Name"]),
    type: s(i["Type"]),
    active: i["Active"] !== false,
  };
  const inc = obj(i["IncomeAccountRef"]);
  if (inc !== undefined && s(inc["value"]) !== "")
    out.incomeAccount = { id: s(inc["value"]), name: s(inc["name"]) };
  const d = bool(i["DeferredRevenue"]);
  if (d !== undefined) out.deferredRevenue = d;
  return out;
}

function nameValue(list: unknown, name: string): string | undefined {
  if (!Array.isArray(list)) return undefined;
  for (const nv of list) {
    const o = obj(nv);
    if (o !== undefined && s(o["Name"]) === name) return s(o["Value"]);
  }
  return undefined;
}

export function readPreferences(info: Obj, prefs: Obj): CompanyPreferences {
  const acct = obj(prefs["AccountingInfoPrefs"]) ?? {};
  const cur = obj(prefs["CurrencyPrefs"]) ?? {};
  const ps = obj(prefs["ProductAndServicesPrefs"]) ?? {};
  const other = obj(prefs["OtherPrefs"]) ?? {};
  const perLine = bool(acct["ClassTrackingPerTxnLine"]) === true;
  const perTxn = bool(acct["ClassTrackingPerTxn"]) === true;
  const close = s(acct["BookCloseDate"]).slice(0, 10);
  const rr = bool(ps["RevenueRecognition"]) ?? bool(ps["RevenueRecognitionEnabled"]) ?? null;
  return {
    companyName: s(info["CompanyName"]),
    homeCurrency: s(obj(cur["HomeCurrency"])?.["value"]) || "USD",
    bookCloseDate: /^\d{4}-\d{2}-\d{2}$/.test(close) ? close : null,
    classTracking: perLine ? "perLine" : perTxn ? "perTransaction" : "none",
    departmentTracking: bool(acct["TrackDepartments"]) === true,
    multiCurrency: bool(cur["MultiCurrencyEnabled"]) === true,
    offeringSku: nameValue(info["NameValue"], "OfferingSku") ?? null,
    qboRevenueRecognition: rr,
    warnDuplicateJournalNumber:
      nameValue(other["NameValue"], "WarnDuplicateJournalNumber") === "true",
  };
}

function first(res: JsonObject, key: string): Obj {
  const direct = obj(res[key]);
  if (direct !== undefined) return direct;
  const qr = obj(res["QueryResponse"]);
  const list = qr?.[key];
  if (Array.isArray(list)) return obj(list[0]) ?? {};
  return {};
}

interface Cached<T> {
  at: number;
  value: Promise<T>;
}

/** Per-company cache of reference data. */
export class CompanyData {
  private prefs: Cached<CompanyPreferences> | undefined;
  private lists: Partial<{ [K in keyof Lists]: Cached<Lists[K]> }> = {};

  constructor(private readonly client: () => QboClient) {}

  invalidate(): void {
    this.prefs = undefined;
    this.lists = {};
  }

  preferences(fresh = false): Promise<CompanyPreferences> {
    if (!fresh && this.prefs !== undefined && Date.now() - this.prefs.at < TTL_MS)
      return this.prefs.value;
    const c = this.client();
    const value = Promise.all([
      c.call({
        method: "GET",
        path: `companyinfo/${encodeURIComponent(c.realmId)}`,
        kind: "companyinfo",
      }),
      c.call({ method: "GET", path: "preferences", kind: "preferences" }),
    ]).then(([info, prefs]) =>
      readPreferences(first(info, "CompanyInfo"), first(prefs, "Preferences"))
    );
    const entry = { at: Date.now(), value };
    this.prefs = entry;
    value.catch(() => {
      if (this.prefs === entry) this.prefs = undefined;
    });
    return value;
  }

  private list<K extends keyof Lists>(
    key: K,
    load: () => Promise<Lists[K]>,
    fresh: boolean
  ): Promise<Lists[K]> {
    const cached = this.lists[key] as Cached<Lists[K]> | undefined;
    if (!fresh && cached !== undefined && Date.now() - cached.at < TTL_MS) return cached.value;
    const value = load();
    const entry: Cached<Lists[K]> = { at: Date.now(), value };
    (this.lists as Record<string, Cached<unknown>>)[key] = entry;
    value.catch(() => {
      if (this.lists[key] === entry) delete this.lists[key];
    });
    return value;
  }

  /** Active and inactive accounts (inactive ones so that posting can say "inactive" rather than "unknown"). */
  accounts(fresh = false): Promise<Account[]> {
    return this.list(
      "accounts",
      async () =>
        (await this.client().queryAll("Account", "Active IN (true, false)")).map(toAccount),
      fresh
    );
  }

  items(fresh = false): Promise<Item[]> {
    return this.list(
      "items",
      async () => (await this.client().queryAll("Item", "Active IN (true, false)")).map(toItem),
      fresh
    );
  }

  customers(fresh = false): Promise<Customer[]> {
    return this.list(
      "customers",
      async () =>
        (await this.client().queryAll("Customer", "Active IN (true, false)")).map((c) => ({
          id: s(c["Id"]),
          displayName: s(c["DisplayName"]),
          fullyQualifiedName: s(c["FullyQualifiedName"]) || s(c["DisplayName"]),
          active: c["Active"] !== false,
        })),
      fresh
    );
  }

  classes(fresh = false): Promise<ClassInfo[]> {
    return this.list(
      "classes",
      async () =>
        (await this.client().queryAll("Class", "Active IN (true, false)")).map((c) => ({
          id: s(c["Id"]),
          name: s(c["Name"]),
          fullyQualifiedName: s(c["FullyQualifiedName"]) || s(c["Name"]),
          active: c["Active"] !== false,
        })),
      fresh
    );
  }
}

/** Resolve a reference given as an id or a name (case-insensitive); an id match wins. */
export function resolveByIdOrName<T extends { id: string }>(
  list: readonly T[],
  key: string,
  names: (t: T) => string[]
): { ok: true; value: T } | { ok: false; reason: "unknown" | "ambiguous" } {
  const byId = list.find((t) => t.id === key);
  if (byId !== undefined) return { ok: true, value: byId };
  // QuickBooks renames an inactive account "Name (deleted)"; the workbook still says "Name".
  const norm = (n: string): string =>
    n
      .trim()
      .toLowerCase()
      .replace(/ \(deleted\)$/, "");
  const k = norm(key);
  const matches = list.filter((t) => names(t).some((n) => norm(n) === k));
  const active = matches.filter((t) => (t as { active?: boolean }).active !== false);
  const pool = active.length > 0 ? active : matches;
  if (pool.length === 1 && pool[0] !== undefined) return { ok: true, value: pool[0] };
  return { ok: false, reason: pool.length === 0 ? "unknown" : "ambiguous" };
}
