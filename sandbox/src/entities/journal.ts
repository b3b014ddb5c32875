/**
 * JournalEntry: at least one debit and one credit, balanced (2300), positive amounts (2290), PostingType (2260),
 * active refs (610/2500), a Customer on A/R lines and a Vendor on A/P lines (6000), DocNumber rules (6140).
 */
import { Faults } from "../errors";
import { getArr, getNum, getObj, getStr, isObj, type JsonObject } from "../json";
import { fromCents, toCents } from "../money";
import {
  checkDate,
  checkDocNumber,
  checkDuplicateDocNumber,
  checkPeriodOpen,
  copyWritable,
  prefFlag,
  type WriteContext,
} from "./context";
import { currency } from "./currency";
import { resolveRef } from "./refs";

const ENTITY_TYPES = ["Customer", "Vendor", "Employee"];

export function normalizeJournal(
  input: JsonObject,
  ctx: WriteContext,
  previous?: JsonObject
): JsonObject {
  const out = copyWritable(input, ["TotalAmt", "HomeTotalAmt"]);
  if (!out["TxnDate"]) out["TxnDate"] = ctx.today;
  checkDate(out, "TxnDate");
  checkDocNumber(out);
  if (out["DocNumber"] === undefined && ctx.includes.has("allowautodocnum")) {
    out["DocNumber"] = ctx.co.newDocNumber("JournalEntry");
  }
  currency(ctx, out);
  if (out["Adjustment"] === undefined) out["Adjustment"] = false;

  const raw = getArr(out, "Line");
  if (!raw || raw.length === 0) throw Faults.missingLines();
  let debits = 0;
  let credits = 0;
  let nDebit = 0;
  let nCredit = 0;
  const lines: JsonObject[] = [];
  for (const r of raw) {
    if (!isObj(r)) throw Faults.invalidProperty("Line");
    const line: JsonObject = { Id: String(lines.length), ...copyWritable(r, ["Id"]) };
    const type = getStr(line, "DetailType");
    if (type === "DescriptionOnly") {
      lines.push(line);
      continue;
    }
    if (type !== "JournalEntryLineDetail")
      throw Faults.invalidEnum("Line.DetailType", String(type));
    const d = getObj(line, "JournalEntryLineDetail");
    if (!d) throw Faults.required("Line.JournalEntryLineDetail");
    const posting = getStr(d, "PostingType");
    if (posting === undefined) throw Faults.missingPostingType();
    if (posting !== "Debit" && posting !== "Credit") {
      throw Faults.invalidEnum("Line.JournalEntryLineDetail.PostingType", posting);
    }
    const amount = getNum(line, "Amount");
    if (amount === undefined) throw Faults.required("Line.Amount");
    if (amount < 0) throw Faults.negativeAmount("Line.Amount");
    const cents = toCents(amount);
    line["Amount"] = fromCents(cents);
    const account = resolveRef(
      ctx.co,
      d,
      "AccountRef",
      "Account",
      "Line.JournalEntryLineDetail.AccountRef",
      true
    );
    const entity = getObj(d, "Entity");
    let entityType: string | undefined;
    if (entity) {
      const ref = getObj(entity, "EntityRef");
      entityType = getStr(entity, "Type") ?? (ref ? "Customer" : undefined);
      if (entityType === undefined || !ENTITY_TYPES.includes(entityType)) {
        throw Faults.invalidEnum("Line.JournalEntryLineDetail.Entity.Type", String(entityType));
      }
      if (entityType === "Employee")
        throw Faults.unsupported("Employee names are not emulated by the sandbox.");
      resolveRef(
        ctx.co,
        entity,
        "EntityRef",
        entityType === "Vendor" ? "Vendor" : "Customer",
        "Line.JournalEntryLineDetail.Entity.EntityRef",
        true
      );
      entity["Type"] = entityType;
    }
    const acctType = getStr(account, "AccountType");
    if (acctType === "Accounts Receivable" && entityType !== "Customer") {
      throw Faults.business(
        "When you use Accounts Receivable, you must choose a customer in the Name field.",
        "Line.JournalEntryLineDetail.Entity"
      );
    }
    if (acctType === "Accounts Payable" && entityType !== "Vendor") {
      throw Faults.business(
        "When you use Accounts Payable, you must select a vendor in the Name field.",
        "Line.JournalEntryLineDetail.Entity"
      );
    }
    for (const [key, element, pref] of [
      ["ClassRef", "Line.JournalEntryLineDetail.ClassRef", "ClassTrackingPerTxnLine"],
      ["DepartmentRef", "Line.JournalEntryLineDetail.DepartmentRef", "TrackDepartments"],
    ] as const) {
      if (!d[key]) continue;
      const on =
        prefFlag(ctx.co, "AccountingInfoPrefs", pref) ||
        (key === "ClassRef" && prefFlag(ctx.co, "AccountingInfoPrefs", "ClassTrackingPerTxn"));
      if (!on && ctx.behaviour.trackingRefsWhenOff === "error") {
        throw Faults.business(
          `${key === "ClassRef" ? "Class" : "Location"} tracking is not turned on for this company.`,
          element
        );
      }
      resolveRef(ctx.co, d, key, key === "ClassRef" ? "Class" : "Department", element);
    }
    if (posting === "Debit") {
      debits += cents;
      nDebit++;
    } else {
      credits += cents;
      nCredit++;
    }
    lines.push(line);
  }
  if (nDebit === 0 || nCredit === 0 || debits !== credits) throw Faults.unbalanced();
  out["Line"] = lines;
  if (!out["TxnTaxDetail"]) out["TxnTaxDetail"] = {};
  out["TotalAmt"] = ctx.behaviour.journalTotalAmt === "debits" ? fromCents(debits) : 0;
  checkPeriodOpen(ctx.co, String(out["TxnDate"]), getStr(previous, "TxnDate"));
  checkDuplicateDocNumber(ctx, "JournalEntry", getStr(out, "DocNumber"), getStr(previous, "Id"));
  return out;
}
