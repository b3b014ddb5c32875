/**
 * Posting the month-end journal entry exactly once, and reading back what was posted and the balances.
 *
 * Belt and braces against double posting (../shared/reference/qbo-api.md §4):
 * 1. a deterministic DocNumber (RR-2026-03, RR-2026-03-A1, …), looked up before creating;
 * 2. a requestid generated once per (company, DocNumber, content), stored (encrypted, persisted) before the first
 *    attempt and reused on every retry, also after a restart;
 * 3. after a timeout, a dropped connection or a server error — when the entry may or may not exist — the DocNumber
 *    is looked up again before retrying;
 * 4. "look up, then create" runs under a lock per (company, DocNumber): in memory for this process (a double click
 *    waits for the first), and a lock file in the data dir for other backend processes sharing it.
 */
import { createHash, randomUUID } from "node:crypto";
import path from "node:path";

import type {
  Balance,
  Balances,
  FieldProblem,
  PostRequest,
  PostResult,
  PostedLine,
  Posting,
  Postings,
} from "../api/types";
import type { QboClientTuning, QboEnvironment } from "./config";
import { ApiError, QboError, invalidRequest, toApiError } from "./errors";
import { formatAmount, formatDay, lastDay, parseDay, parseMonth } from "../core";
import { withFileLock } from "./fileLock";
import { centsToNumber, parseDecimal, toCents } from "./money";
import { backoffMs, entityRows, q, sleep, type JsonObject, type QboClient } from "./qbo/client";
import { resolveByIdOrName, type CompanyData } from "./qbo/company";
import type { TokenStore } from "./store";

export interface PostingContext {
  client: QboClient;
  data: CompanyData;
  store: TokenStore;
  companyKey: string;
  environment: QboEnvironment;
  /** base URL of the local sandbox (for links), when environment is local */
  sandboxUrl: string | undefined;
  tuning: QboClientTuning;
  /** Folder in the data dir for the lock files shared with other backend processes using the same data dir. */
  lockDir: string;
}

type Obj = { [key: string]: unknown };
function obj(v: unknown): Obj | undefined {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : undefined;
}
function s(v: unknown): string {
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : "";
}

/** In the PrivateNote of every entry RevRec posts; an entry without it was made by someone else. */
const MARKER = "src=revrec-excel";
function ours(entry: Obj): boolean {
  return s(entry["PrivateNote"]).includes(MARKER);
}
/** Of the entries with a DocNumber, RevRec's own if there is one. */
function pick(entries: readonly Obj[]): Obj | undefined {
  return entries.find(ours) ?? entries[0];
}

const PERIOD_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function docNumberFor(period: string, adjustment: number): string {
  return adjustment === 0 ? `RR-${period}` : `RR-${period}-A${adjustment}`;
}

export function lastDayOf(period: string): string {
  const m = parseMonth(period);
  if (m === undefined) throw new RangeError(period);
  return formatDay(lastDay(m));
}

export function qboLink(env: QboEnvironment, sandboxUrl: string | undefined, id: string): string {
  const q = `journal?txnId=${encodeURIComponent(id)}`;
  if (env === "production") return `https://app.qbo.intuit.com/app/${q}`;
  if (env === "sandbox") return `https://app.sandbox.qbo.intuit.com/app/${q}`;
  return `${sandboxUrl ?? ""}/app/${q}`;
}

interface ResolvedLine {
  accountId: string;
  accountName: string;
  accountType: string;
  posting: "Debit" | "Credit";
  cents: number;
  classId?: string;
  customerId?: string;
  description?: string;
}

/** A line's identity for comparing entries: account, side, amount, class, customer. */
function lineKey(l: {
  accountId: string;
  posting: string;
  cents: number;
  classId?: string | undefined;
  customerId?: string | undefined;
}): string {
  return [l.accountId, l.posting.toLowerCase(), l.cents, l.classId ?? "", l.customerId ?? ""].join(
    "|"
  );
}

function entryKeys(entry: Obj): string[] {
  const lines = Array.isArray(entry["Line"]) ? entry["Line"] : [];
  const keys: string[] = [];
  for (const raw of lines) {
    const l = obj(raw);
    const d = obj(l?.["JournalEntryLineDetail"]);
    if (l === undefined || d === undefined) continue;
    keys.push(
      lineKey({
        accountId: s(obj(d["AccountRef"])?.["value"]),
        posting: s(d["PostingType"]),
        cents: toCents(l["Amount"]) ?? 0,
        classId: s(obj(d["ClassRef"])?.["value"]) || undefined,
        customerId: s(obj(obj(d["Entity"])?.["EntityRef"])?.["value"]) || undefined,
      })
    );
  }
  return keys.sort();
}

function sameLines(entry: Obj, lines: readonly ResolvedLine[]): boolean {
  const a = entryKeys(entry);
  const b = lines.map(lineKey).sort();
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

/** Validate the request and resolve its references; 400s with every problem listed. */
async function prepare(
  ctx: PostingContext,
  input: PostRequest
): Promise<{
  docNumber: string;
  txnDate: string;
  lines: ResolvedLine[];
  debits: number;
  credits: number;
}> {
  const fields: FieldProblem[] = [];
  if (!PERIOD_RE.test(input.period))
    fields.push({ path: "period", message: "must be a month like 2026-03" });
  const adjustment = input.adjustment ?? 0;
  if (!Number.isInteger(adjustment) || adjustment < 0 || adjustment > 99)
    fields.push({ path: "adjustment", message: "must be an integer from 0 to 99" });
  let txnDate = "";
  if (fields.length === 0) {
    txnDate = input.txnDate ?? lastDayOf(input.period);
    if (parseDay(txnDate) === undefined)
      fields.push({ path: "txnDate", message: "must be a date like 2026-03-31" });
    else if (!txnDate.startsWith(`${input.period}-`))
      fields.push({ path: "txnDate", message: `must lie within ${input.period}` });
  }
  let debits = 0;
  let credits = 0;
  const cents: number[] = [];
  input.lines.forEach((l, i) => {
    const c = parseDecimal(l.amount);
    if (c === undefined || c <= 0)
      fields.push({
        path: `lines[${i}].amount`,
        message: "must be a positive amount with at most two decimals, like 1234.50",
      });
    cents.push(c ?? 0);
    if (l.posting === "Debit") debits += c ?? 0;
    else credits += c ?? 0;
  });
  if (fields.length > 0) throw invalidRequest(fields);
  if (
    !input.lines.some((l) => l.posting === "Debit") ||
    !input.lines.some((l) => l.posting === "Credit") ||
    debits !== credits
  ) {
    throw new ApiError(400, {
      code: "unbalanced_entry",
      message: `The entry does not balance: debits ${formatAmount(debits)}, credits ${formatAmount(credits)} (it needs at least one of each, equal in total).`,
      action: "Recalculate the journal in the workbook and post again.",
    });
  }

  // References: use the cached lists; reload once if something is not found (it may have just been created).
  const resolveAll = async (
    fresh: boolean
  ): Promise<{ lines: ResolvedLine[]; problems: FieldProblem[]; inactive: FieldProblem[] }> => {
    const accounts = await ctx.data.accounts(fresh);
    const needClasses = input.lines.some((l) => l.class !== undefined);
    const needCustomers = input.lines.some((l) => l.customer !== undefined);
    const classes = needClasses ? await ctx.data.classes(fresh) : [];
    const customers = needCustomers ? await ctx.data.customers(fresh) : [];
    const problems: FieldProblem[] = [];
    const inactive: FieldProblem[] = [];
    const lines: ResolvedLine[] = [];
    input.lines.forEach((l, i) => {
      const a = resolveByIdOrName(accounts, l.account, (x) => [x.name, x.fullyQualifiedName]);
      const line: ResolvedLine = {
        accountId: "",
        accountName: "",
        accountType: "",
        posting: l.posting,
        cents: cents[i] ?? 0,
      };
      if (!a.ok)
        problems.push({
          path: `lines[${i}].account`,
          message: `${a.reason === "ambiguous" ? "matches several accounts" : "is not an account in QuickBooks"}: "${l.account}"`,
        });
      else {
        line.accountId = a.value.id;
        line.accountName = a.value.fullyQualifiedName;
        line.accountType = a.value.accountType;
        if (!a.value.active)
          inactive.push({
            path: `lines[${i}].account`,
            message: `the account "${a.value.fullyQualifiedName}" is inactive in QuickBooks`,
          });
      }
      if (l.class !== undefined) {
        const c = resolveByIdOrName(classes, l.class, (x) => [x.name, x.fullyQualifiedName]);
        if (!c.ok)
          problems.push({
            path: `lines[${i}].class`,
            message: `is not a class in QuickBooks: "${l.class}"`,
          });
        else {
          line.classId = c.value.id;
          if (!c.value.active)
            inactive.push({
              path: `lines[${i}].class`,
              message: `the class "${c.value.fullyQualifiedName}" is inactive in QuickBooks`,
            });
        }
      }
      if (l.customer !== undefined) {
        const c = resolveByIdOrName(customers, l.customer, (x) => [
          x.displayName,
          x.fullyQualifiedName,
        ]);
        if (!c.ok)
          problems.push({
            path: `lines[${i}].customer`,
            message: `is not a customer in QuickBooks: "${l.customer}"`,
          });
        else {
          line.customerId = c.value.id;
          if (!c.value.active)
            inactive.push({
              path: `lines[${i}].customer`,
              message: `the customer "${c.value.displayName}" is inactive in QuickBooks`,
            });
        }
      }
      if (l.description !== undefined) line.description = l.description;
      lines.push(line);
    });
    return { lines, problems, inactive };
  };
  let r = await resolveAll(false);
  if (r.problems.length > 0 || r.inactive.length > 0) r = await resolveAll(true);
  if (r.problems.length > 0) {
    throw new ApiError(400, {
      code: "unknown_reference",
      message: `The entry names accounts, classes or customers QuickBooks does not have: ${r.problems.map((p) => `${p.path} ${p.message}`).join("; ")}.`,
      action:
        "Check the account mapping in the workbook against the company's chart of accounts, then post again.",
      fields: r.problems,
    });
  }
  if (r.inactive.length > 0) {
    throw new ApiError(422, {
      code: "inactive_reference",
      message: `The entry uses records that are inactive in QuickBooks: ${r.inactive.map((p) => p.message).join("; ")}.`,
      action:
        "Reactivate them in QuickBooks, or map those lines to active accounts, then post again.",
      fields: r.inactive,
    });
  }
  return {
    docNumber: docNumberFor(input.period, adjustment),
    txnDate,
    lines: r.lines,
    debits,
    credits,
  };
}

function hashContent(
  docNumber: string,
  txnDate: string,
  lines: readonly ResolvedLine[],
  note: string
): string {
  return createHash("sha256")
    .update(
      JSON.stringify([
        docNumber,
        txnDate,
        note,
        lines.map((l) => [lineKey(l), l.description ?? ""]),
      ])
    )
    .digest("hex");
}

async function findEntries(client: QboClient, docNumber: string): Promise<Obj[]> {
  const res = await client.call({
    method: "GET",
    path: "query",
    query: { query: `SELECT * FROM JournalEntry WHERE DocNumber = ${q(docNumber)}` },
    kind: "query",
  });
  return entityRows(res, "JournalEntry").filter((e) => s(e["DocNumber"]) === docNumber);
}

const inFlight = new Map<string, Promise<unknown>>();

/**
 * How long a lock file may be held before another process takes it over: the longest a posting can take (every
 * attempt timing out, with its backoff or throttling wait), plus a margin.
 */
function lockStaleMs(t: QboClientTuning): number {
  return t.maxAttempts * (t.timeoutMs + Math.max(t.maxBackoffMs, t.throttleWaitMs)) + 60_000;
}

/** Run `fn` when no other call with the same key is running (in this process). */
async function exclusive<T>(key: string, fn: () => Promise<T>): Promise<T> {
  for (let running = inFlight.get(key); running !== undefined; running = inFlight.get(key)) {
    await running.catch(() => undefined);
  }
  const p = fn();
  inFlight.set(key, p);
  try {
    return await p;
  } finally {
    inFlight.delete(key);
  }
}

export interface PostOutcome {
  httpStatus: 200 | 201;
  body: PostResult;
}

export async function postJournal(ctx: PostingContext, input: PostRequest): Promise<PostOutcome> {
  const prefs = await ctx.data.preferences();
  const { docNumber, txnDate, lines, debits, credits } = await prepare(ctx, input);
  // QuickBooks' own rules, checked here so the message can say which line and what to do.
  const ruleProblems: FieldProblem[] = [];
  lines.forEach((l, i) => {
    if (/^accounts receivable/i.test(l.accountType) && l.customerId === undefined) {
      ruleProblems.push({
        path: `lines[${i}].customer`,
        message: `is required: QuickBooks needs a customer on every line posted to ${l.accountName}`,
      });
    }
    if (/^accounts payable/i.test(l.accountType)) {
      ruleProblems.push({
        path: `lines[${i}].account`,
        message: `${l.accountName} is an Accounts Payable account, which needs a vendor; RevRec does not post to it`,
      });
    }
    if (l.classId !== undefined && prefs.classTracking === "none") {
      ruleProblems.push({
        path: `lines[${i}].class`,
        message:
          "class tracking is off in QuickBooks; leave classes out or turn it on (Settings > Advanced > Categories)",
      });
    }
  });
  if (ruleProblems.length > 0)
    throw invalidRequest(ruleProblems, "QuickBooks would refuse this entry.");
  if (prefs.bookCloseDate !== null && txnDate <= prefs.bookCloseDate) {
    throw new ApiError(409, {
      code: "period_closed",
      message: `QuickBooks' books are closed through ${prefs.bookCloseDate}, so an entry dated ${txnDate} cannot be posted.`,
      action:
        "Post to a later period, or ask whoever manages the books to move the closing date in QuickBooks (Settings > Account and settings > Advanced > Accounting).",
    });
  }
  const note = `RevRec ASC 606 revenue recognition ${input.period}${docNumber.includes("-A") ? ` adjustment ${input.adjustment ?? 0}` : ""} | ${MARKER}${
    input.memo !== undefined && input.memo !== "" ? ` | ${input.memo}` : ""
  }`;
  const body: JsonObject = {
    DocNumber: docNumber,
    TxnDate: txnDate,
    PrivateNote: note.slice(0, 4000),
    Line: lines.map((l) => {
      const detail: JsonObject = { PostingType: l.posting, AccountRef: { value: l.accountId } };
      if (l.classId !== undefined) detail["ClassRef"] = { value: l.classId };
      if (l.customerId !== undefined)
        detail["Entity"] = { Type: "Customer", EntityRef: { value: l.customerId } };
      const line: JsonObject = {
        Amount: centsToNumber(l.cents),
        DetailType: "JournalEntryLineDetail",
        JournalEntryLineDetail: detail,
      };
      if (l.description !== undefined) line["Description"] = l.description;
      return line;
    }),
  };
  if (prefs.multiCurrency) body["CurrencyRef"] = { value: prefs.homeCurrency };

  const hash = hashContent(docNumber, txnDate, lines, note);
  const outcome = (status: "created" | "existing", entry: Obj, requestId: string): PostOutcome => {
    const id = s(entry["Id"]);
    return {
      httpStatus: status === "created" ? 201 : 200,
      body: {
        status,
        docNumber,
        journalEntryId: id,
        txnDate: s(entry["TxnDate"]) || txnDate,
        link: qboLink(ctx.environment, ctx.sandboxUrl, id),
        requestId,
        totals: { debits: formatAmount(debits), credits: formatAmount(credits) },
        lineCount: lines.length,
      },
    };
  };
  const conflict = (entry: Obj): ApiError => {
    const id = s(entry["Id"]);
    return new ApiError(409, {
      code: "posting_exists",
      message: `QuickBooks already has journal entry ${docNumber} for ${input.period}, with different lines.`,
      action: `Post the difference as an adjustment (adjustment ${input.adjustment === undefined || input.adjustment === 0 ? 1 : input.adjustment + 1} or the next free number), or delete ${docNumber} in QuickBooks first.`,
      existing: {
        journalEntryId: id,
        docNumber,
        link: qboLink(ctx.environment, ctx.sandboxUrl, id),
      },
    });
  };
  const outOfSequence = (adjustment: number, next: number): ApiError => {
    const nextDoc = docNumberFor(input.period, next);
    return new ApiError(409, {
      code: "adjustment_out_of_sequence",
      message:
        next === 0
          ? `RevRec has posted nothing for ${input.period} in QuickBooks, so adjustment ${adjustment} has nothing to adjust: the next number is 0 (${nextDoc}).`
          : `Adjustment ${adjustment} skips numbers: after what RevRec has posted for ${input.period} in QuickBooks, the next number is ${next} (${nextDoc}).`,
      action:
        next === 0
          ? `Post the period's entry first (adjustment 0, ${nextDoc}).`
          : `Refresh the postings for ${input.period} and post with adjustment ${next}.`,
    });
  };
  const taken = (entry: Obj): ApiError => {
    const id = s(entry["Id"]);
    return new ApiError(409, {
      code: "docnumber_taken",
      message: `QuickBooks has a journal entry ${docNumber} that RevRec did not make; renumber it in QuickBooks, then post again.`,
      action: `Open ${docNumber} in QuickBooks and give it another number, then post again.`,
      existing: {
        journalEntryId: id,
        docNumber,
        link: qboLink(ctx.environment, ctx.sandboxUrl, id),
      },
    });
  };
  /** An entry found under the DocNumber must be RevRec's and carry these lines; else the matching 409. */
  const accept = (entry: Obj): void => {
    if (!ours(entry)) throw taken(entry);
    if (!sameLines(entry, lines)) throw conflict(entry);
  };
  const settle = async (
    entry: Obj,
    status: "created" | "existing",
    requestId: string
  ): Promise<PostOutcome> => {
    const rec = ctx.store.posting(ctx.companyKey, docNumber);
    if (rec !== undefined) await ctx.store.putPosting({ ...rec, journalEntryId: s(entry["Id"]) });
    return outcome(status, entry, requestId);
  };

  // One posting per (company, DocNumber) at a time: in this process (a double click waits for the first), then
  // across processes sharing the data dir (the other's entry is then found by the look-up below).
  const lockKey = `${ctx.companyKey}|${docNumber}`;
  const lockFile = path.join(
    ctx.lockDir,
    `posting-${createHash("sha256").update(lockKey).digest("hex").slice(0, 32)}.lock`
  );
  return exclusive(lockKey, () =>
    withFileLock(lockFile, { staleMs: lockStaleMs(ctx.tuning) }, async () => {
      // 0. An adjustment takes the next number after RevRec's entries for the period (or one already used).
      const adjustment = input.adjustment ?? 0;
      if (adjustment > 0) {
        const { nextAdjustment } = await postingsFor(ctx, input.period);
        if (adjustment > nextAdjustment) throw outOfSequence(adjustment, nextAdjustment);
      }

      // 1. Already there?
      let record = ctx.store.posting(ctx.companyKey, docNumber);
      const existing = await findEntries(ctx.client, docNumber);
      const first = pick(existing);
      if (first !== undefined) {
        accept(first);
        // Made by an earlier attempt of this very request (its answer lost), or posted before: either way, done.
        const made =
          record !== undefined &&
          record.bodyHash === hash &&
          record.journalEntryId === undefined &&
          record.refusedAt === undefined;
        return settle(first, made ? "created" : "existing", record?.requestId ?? "");
      }

      // 2. The requestid: reuse the stored one for the same content; a new one for new content.
      //    QuickBooks answers a repeated requestid with the answer it stored for it, so a requestid is retired when
      //    that answer can no longer be wanted: its entry was created and is gone now (deleted in QuickBooks), or its
      //    create was refused outright (closed period, inactive account) and the user has since fixed the cause.
      if (
        record === undefined ||
        record.bodyHash !== hash ||
        record.journalEntryId !== undefined ||
        record.refusedAt !== undefined
      ) {
        record = {
          companyKey: ctx.companyKey,
          docNumber,
          requestId: randomUUID(),
          bodyHash: hash,
          createdAt: Date.now(),
          attempts: 0,
        };
      }
      const requestId = record.requestId;

      // 3. Create; after an ambiguous failure, look again before retrying with the same requestid.
      let last: QboError | undefined;
      for (let attempt = 0; attempt < ctx.tuning.maxAttempts; attempt++) {
        record = { ...record, attempts: record.attempts + 1 };
        await ctx.store.putPosting(record);
        try {
          const res = await ctx.client.call({
            method: "POST",
            path: "journalentry",
            query: { requestid: requestId },
            body,
            retry: "rejected",
            kind: "journalentry",
          });
          const entry = obj(res["JournalEntry"]);
          if (entry === undefined || s(entry["Id"]) === "") {
            throw new QboError({
              kind: "protocol",
              status: 200,
              code: "NO_ENTRY",
              message: "QuickBooks answered without the journal entry",
            });
          }
          return await settle(entry, "created", requestId);
        } catch (e) {
          if (!(e instanceof QboError)) throw e;
          last = e;
          if (e.kind === "validation") {
            // 6140 duplicate DocNumber / 600 duplicate requestid: the entry exists after all.
            if (e.hasCode("6140", "600")) {
              const found = pick(await findEntries(ctx.client, docNumber));
              if (found !== undefined) {
                accept(found);
                return settle(found, "created", requestId);
              }
            }
            // Refused outright: nothing was written, and this requestid would only replay the refusal.
            await ctx.store.putPosting({ ...record, refusedAt: Date.now() });
            throw toApiError(e, Math.round(ctx.tuning.throttleWaitMs / 1000));
          }
          if (!e.ambiguous && e.kind !== "protocol")
            throw toApiError(e, Math.round(ctx.tuning.throttleWaitMs / 1000));
          if (attempt + 1 >= ctx.tuning.maxAttempts) break;
          await sleep(backoffMs(ctx.tuning, attempt));
          let found: Obj | undefined;
          try {
            found = pick(await findEntries(ctx.client, docNumber));
          } catch (le) {
            if (le instanceof QboError && !le.transient) throw toApiError(le);
            continue; // could not look: the next create carries the same requestid anyway
          }
          if (found !== undefined) {
            accept(found);
            return settle(found, "created", requestId);
          }
        }
      }
      throw toApiError(
        last ??
          new QboError({ kind: "server", status: 0, code: "UNKNOWN", message: "Posting failed" })
      );
    })
  );
}

// ---------------------------------------------------------------------------------------------------------------

export async function postingsFor(ctx: PostingContext, period: string): Promise<Postings> {
  if (!PERIOD_RE.test(period))
    throw invalidRequest([{ path: "period", message: "must be a month like 2026-03" }]);
  const res = await ctx.client.call({
    method: "GET",
    path: "query",
    query: {
      query: `SELECT * FROM JournalEntry WHERE DocNumber LIKE ${q(`RR-${period}%`)} MAXRESULTS 1000`,
    },
    kind: "query",
  });
  const re = new RegExp(`^RR-${period}(?:-A(\\d+))?$`);
  const postings: Posting[] = [];
  for (const e of entityRows(res, "JournalEntry")) {
    const m = re.exec(s(e["DocNumber"]));
    if (m === null || !ours(e)) continue; // someone else's entry under a RevRec number: not a posting
    let debits = 0;
    let credits = 0;
    const lines: PostedLine[] = [];
    for (const raw of Array.isArray(e["Line"]) ? e["Line"] : []) {
      const l = obj(raw);
      const d = obj(l?.["JournalEntryLineDetail"]);
      if (l === undefined || d === undefined) continue;
      const cents = toCents(l["Amount"]) ?? 0;
      const posting = s(d["PostingType"]).toLowerCase() === "credit" ? "Credit" : "Debit";
      if (posting === "Debit") debits += cents;
      else credits += cents;
      const acct = obj(d["AccountRef"]) ?? {};
      const line: PostedLine = {
        account: { id: s(acct["value"]), name: s(acct["name"]) },
        posting,
        amount: formatAmount(cents),
      };
      const cls = obj(d["ClassRef"]);
      if (cls !== undefined && s(cls["value"]) !== "")
        line.class = { id: s(cls["value"]), name: s(cls["name"]) };
      const cust = obj(obj(d["Entity"])?.["EntityRef"]);
      if (cust !== undefined && s(cust["value"]) !== "")
        line.customer = { id: s(cust["value"]), name: s(cust["name"]) };
      const desc = s(l["Description"]);
      if (desc !== "") line.description = desc;
      lines.push(line);
    }
    const id = s(e["Id"]);
    postings.push({
      docNumber: s(e["DocNumber"]),
      adjustment: m[1] === undefined ? 0 : Number(m[1]),
      journalEntryId: id,
      txnDate: s(e["TxnDate"]),
      link: qboLink(ctx.environment, ctx.sandboxUrl, id),
      totals: { debits: formatAmount(debits), credits: formatAmount(credits) },
      lines,
    });
  }
  postings.sort(
    (a, b) => a.adjustment - b.adjustment || Number(a.journalEntryId) - Number(b.journalEntryId)
  );
  const nextAdjustment =
    postings.length === 0 ? 0 : Math.max(...postings.map((p) => p.adjustment)) + 1;
  return { period, nextAdjustment, postings };
}

// ---------------------------------------------------------------------------------------------------------------

/** Walk a report's rows; call `visit` for each data row's ColData. */
function walkRows(rows: unknown, visit: (cols: Obj[]) => void): void {
  const list = obj(rows)?.["Row"];
  if (!Array.isArray(list)) return;
  for (const r of list) {
    const row = obj(r);
    if (row === undefined) continue;
    if (Array.isArray(row["ColData"])) visit(row["ColData"].map((c) => obj(c) ?? {}));
    if (row["Rows"] !== undefined) walkRows(row["Rows"], visit);
  }
}

export async function balancesFor(
  ctx: PostingContext,
  period: string,
  accountKeys: string[]
): Promise<Balances> {
  const fields: FieldProblem[] = [];
  if (!PERIOD_RE.test(period))
    fields.push({ path: "period", message: "must be a month like 2026-03" });
  if (accountKeys.length === 0 || accountKeys.length > 50)
    fields.push({
      path: "accounts",
      message: "must list 1 to 50 account ids or names, separated by commas",
    });
  if (fields.length > 0) throw invalidRequest(fields);
  const accounts = await ctx.data.accounts();
  const wanted: { id: string; name: string; classification: string }[] = [];
  const problems: FieldProblem[] = [];
  accountKeys.forEach((k, i) => {
    const r = resolveByIdOrName(accounts, k, (x) => [x.name, x.fullyQualifiedName]);
    if (!r.ok)
      problems.push({ path: `accounts[${i}]`, message: `is not an account in QuickBooks: "${k}"` });
    else
      wanted.push({
        id: r.value.id,
        name: r.value.fullyQualifiedName,
        classification: r.value.classification,
      });
  });
  if (problems.length > 0) {
    throw new ApiError(400, {
      code: "unknown_reference",
      message: `Unknown accounts: ${problems.map((p) => p.message).join("; ")}.`,
      action: "Check the account mapping against the company's chart of accounts.",
      fields: problems,
    });
  }
  const asOf = lastDayOf(period);
  const res = await ctx.client.call({
    method: "GET",
    path: "reports/TrialBalance",
    query: { end_date: asOf, accounting_method: "Accrual" },
    kind: "report",
  });
  const found = new Map<string, { debit: number; credit: number }>();
  walkRows(res["Rows"], (cols) => {
    const id = s(cols[0]?.["id"]);
    if (id === "") return;
    const debit = toCents(s(cols[1]?.["value"]) || 0) ?? 0;
    const credit = toCents(s(cols[2]?.["value"]) || 0) ?? 0;
    const prev = found.get(id) ?? { debit: 0, credit: 0 };
    found.set(id, { debit: prev.debit + debit, credit: prev.credit + credit });
  });
  return {
    period,
    asOf,
    basis: "Accrual",
    accounts: wanted.map((w): Balance => {
      const b = found.get(w.id) ?? { debit: 0, credit: 0 };
      return {
        ...w,
        debit: formatAmount(b.debit),
        credit: formatAmount(b.credit),
        balance: formatAmount(b.debit - b.credit),
      };
    }),
  };
}
