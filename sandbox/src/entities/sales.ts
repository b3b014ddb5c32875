/**
 * Invoice, CreditMemo, SalesReceipt and RefundReceipt: line validation (6070, 2290, refs), the server-added SubTotal line,
 * discounts, TotalAmt/Balance (tax included), HomeTotalAmt abroad, automatic DocNumber, the receipts' deposit
 * account, and void (invoices and sales receipts).
 */
import { Faults } from "../errors";
import { getArr, getBool, getNum, getObj, getStr, isObj, type JsonObject } from "../json";
import { fromCents, toCents } from "../money";
import { addDays } from "../time";
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

export type SalesKind = "Invoice" | "CreditMemo" | "SalesReceipt" | "RefundReceipt";

/**
 * A receipt is paid when it is written: DepositToAccountRef names where the money went (a sales receipt) or came from
 * (a refund receipt, where QBO requires it); a sales receipt without one goes to Undeposited Funds.
 */
function depositTo(kind: SalesKind, out: JsonObject, ctx: WriteContext): void {
  if (kind === "SalesReceipt" && !out["DepositToAccountRef"]) {
    const id = ctx.co.undepositedFundsAccount();
    out["DepositToAccountRef"] = {
      value: id,
      name: getStr(ctx.co.get("Account", id), "Name") ?? "",
    };
    return;
  }
  resolveRef(ctx.co, out, "DepositToAccountRef", "Account", "DepositToAccountRef", true);
}

const SALES_READ_ONLY = ["TotalAmt", "Balance", "HomeTotalAmt", "HomeBalance", "RemainingCredit"];

function trackingRef(
  ctx: WriteContext,
  holder: JsonObject,
  key: "ClassRef" | "DepartmentRef",
  element: string
): void {
  if (!holder[key]) return;
  const on =
    key === "ClassRef"
      ? prefFlag(ctx.co, "AccountingInfoPrefs", "ClassTrackingPerTxnLine") ||
        prefFlag(ctx.co, "AccountingInfoPrefs", "ClassTrackingPerTxn")
      : prefFlag(ctx.co, "AccountingInfoPrefs", "TrackDepartments");
  if (!on && ctx.behaviour.trackingRefsWhenOff === "error") {
    throw Faults.business(
      key === "ClassRef"
        ? "Class tracking is not turned on for this company."
        : "Location tracking is not turned on for this company.",
      element
    );
  }
  resolveRef(ctx.co, holder, key, key === "ClassRef" ? "Class" : "Department", element);
}

function lineIds(previous: JsonObject | undefined): { known: Set<string>; next: () => string } {
  const known = new Set<string>();
  let max = 0;
  for (const l of getArr(previous, "Line") ?? []) {
    const id = isObj(l) ? getStr(l, "Id") : undefined;
    if (id) {
      known.add(id);
      max = Math.max(max, Number(id));
    }
  }
  return { known, next: () => String(++max) };
}

/** Validates one SalesItemLineDetail line in place (refs, 6070, 2290) and returns its amount in cents. */
function salesItem(ctx: WriteContext, line: JsonObject, path: string): number {
  const d = getObj(line, "SalesItemLineDetail") ?? {};
  line["SalesItemLineDetail"] = d;
  resolveRef(ctx.co, d, "ItemRef", "Item", `${path}.SalesItemLineDetail.ItemRef`, true);
  trackingRef(ctx, d, "ClassRef", `${path}.SalesItemLineDetail.ClassRef`);
  checkDate(d, "ServiceDate", `${path}.SalesItemLineDetail.ServiceDate`);
  const qty = getNum(d, "Qty");
  const price = getNum(d, "UnitPrice");
  let amount = getNum(line, "Amount");
  if (amount === undefined) {
    if (qty === undefined || price === undefined) throw Faults.required(`${path}.Amount`);
    amount = fromCents(Math.round(qty * price * 100));
  }
  if (amount < 0 || (qty !== undefined && qty < 0)) throw Faults.negativeAmount(`${path}.Amount`);
  if (
    qty !== undefined &&
    price !== undefined &&
    Math.round(qty * price * 100) !== toCents(amount)
  ) {
    throw Faults.amountCalc();
  }
  if (!d["TaxCodeRef"]) d["TaxCodeRef"] = { value: "NON" };
  line["Amount"] = fromCents(toCents(amount));
  return toCents(amount);
}

/** The tax as sent in TxnTaxDetail.TotalTax (no tax codes are computed), in cents; TotalAmt includes it. */
function salesTax(out: JsonObject): number {
  const detail = getObj(out, "TxnTaxDetail") ?? {};
  const tax = getNum(detail, "TotalTax") ?? 0;
  if (tax < 0) throw Faults.negativeAmount("TxnTaxDetail.TotalTax");
  detail["TotalTax"] = fromCents(toCents(tax));
  out["TxnTaxDetail"] = detail;
  return toCents(tax);
}

/** Id, LineNum, Description, Amount, DetailType, detail: the order QBO prints lines in. */
function reorder(line: JsonObject): void {
  const copy = { ...line };
  for (const k of Object.keys(line)) delete line[k];
  for (const k of ["Id", "LineNum", "Description", "Amount", "DetailType"])
    if (copy[k] !== undefined) line[k] = copy[k] ?? null;
  for (const [k, v] of Object.entries(copy)) if (line[k] === undefined) line[k] = v;
}

export function normalizeSales(
  kind: SalesKind,
  input: JsonObject,
  ctx: WriteContext,
  previous?: JsonObject
): JsonObject {
  const out = copyWritable(input, SALES_READ_ONLY);
  resolveRef(ctx.co, out, "CustomerRef", "Customer", "CustomerRef", true);
  if (!out["TxnDate"]) out["TxnDate"] = ctx.today;
  checkDate(out, "TxnDate");
  checkDate(out, "DueDate");
  checkDocNumber(out);
  if (out["DocNumber"] === undefined)
    out["DocNumber"] = previous?.["DocNumber"] ?? ctx.co.newDocNumber(kind);
  trackingRef(ctx, out, "ClassRef", "ClassRef");
  trackingRef(ctx, out, "DepartmentRef", "DepartmentRef");
  const rate = currency(ctx, out);

  const rawLines = getArr(out, "Line");
  if (!rawLines || rawLines.length === 0) throw Faults.required("Line");
  const ids = lineIds(previous);
  const items: JsonObject[] = [];
  const discounts: JsonObject[] = [];
  let subtotal = 0;
  for (const raw of rawLines) {
    if (!isObj(raw)) throw Faults.invalidProperty("Line");
    const given = getStr(raw, "Id");
    const line: JsonObject = {
      Id: given && ids.known.has(given) ? given : ids.next(),
      ...copyWritable(raw, ["LineNum"]),
    };
    const type = getStr(line, "DetailType");
    if (type === "SubTotalLineDetail") continue; // the server adds its own
    if (type === "SalesItemLineDetail") {
      const cents = salesItem(ctx, line, "Line");
      line["LineNum"] = items.length + 1;
      reorder(line);
      subtotal += cents;
      items.push(line);
    } else if (type === "GroupLineDetail") {
      const g = getObj(line, "GroupLineDetail") ?? {};
      line["GroupLineDetail"] = g;
      resolveRef(ctx.co, g, "GroupItemRef", "Item", "Line.GroupLineDetail.GroupItemRef", true);
      if (g["Quantity"] === undefined) g["Quantity"] = 1;
      const nested = getArr(g, "Line") ?? [];
      if (nested.length === 0) throw Faults.required("Line.GroupLineDetail.Line");
      let groupCents = 0;
      const inner: JsonObject[] = [];
      for (const n of nested) {
        if (!isObj(n) || getStr(n, "DetailType") !== "SalesItemLineDetail") {
          throw Faults.invalidEnum(
            "Line.GroupLineDetail.Line.DetailType",
            String(isObj(n) ? n["DetailType"] : n)
          );
        }
        const nl: JsonObject = { Id: ids.next(), ...copyWritable(n, ["LineNum"]) };
        groupCents += salesItem(ctx, nl, "Line.GroupLineDetail.Line");
        reorder(nl);
        inner.push(nl);
      }
      g["Line"] = inner;
      line["Amount"] = fromCents(groupCents);
      line["LineNum"] = items.length + 1;
      reorder(line);
      subtotal += groupCents;
      items.push(line);
    } else if (type === "DiscountLineDetail") {
      discounts.push(line);
    } else if (type === "DescriptionOnly") {
      line["LineNum"] = items.length + 1;
      reorder(line);
      items.push(line);
    } else {
      throw Faults.invalidEnum("Line.DetailType", String(type));
    }
  }
  if (
    items.every(
      (l) => !["SalesItemLineDetail", "GroupLineDetail"].includes(getStr(l, "DetailType") ?? "")
    )
  )
    throw Faults.required("Line.SalesItemLineDetail");

  let discountTotal = 0;
  for (const line of discounts) {
    const d = getObj(line, "DiscountLineDetail") ?? {};
    line["DiscountLineDetail"] = d;
    let amount: number;
    if (getBool(d, "PercentBased") === true) {
      const pct = getNum(d, "DiscountPercent");
      if (pct === undefined) throw Faults.required("Line.DiscountLineDetail.DiscountPercent");
      if (pct < 0) throw Faults.negativeAmount("Line.DiscountLineDetail.DiscountPercent");
      amount = Math.round((subtotal * pct) / 100);
    } else {
      const a = getNum(line, "Amount");
      if (a === undefined) throw Faults.required("Line.Amount");
      amount = toCents(a);
    }
    if (amount < 0) throw Faults.negativeAmount("Line.Amount");
    if (d["DiscountAccountRef"])
      resolveRef(
        ctx.co,
        d,
        "DiscountAccountRef",
        "Account",
        "Line.DiscountLineDetail.DiscountAccountRef"
      );
    else {
      const acct = ctx.co.discountAccount();
      d["DiscountAccountRef"] = {
        value: acct,
        name: getStr(ctx.co.get("Account", acct), "Name") ?? "",
      };
    }
    line["Amount"] = fromCents(amount);
    discountTotal += amount;
  }
  if (subtotal < discountTotal)
    throw Faults.business("Transaction total can not be negative.", "TotalAmt");
  const total = subtotal - discountTotal + salesTax(out);

  out["Line"] = [
    ...items,
    { Amount: fromCents(subtotal), DetailType: "SubTotalLineDetail", SubTotalLineDetail: {} },
    ...discounts,
  ];
  out["TotalAmt"] = fromCents(total);
  const receipt = kind === "SalesReceipt" || kind === "RefundReceipt";
  out["Balance"] = receipt ? 0 : fromCents(total);
  if (rate !== undefined) out["HomeTotalAmt"] = fromCents(Math.round(total * rate));
  if (kind === "Invoice") {
    if (!out["DueDate"]) out["DueDate"] = addDays(String(out["TxnDate"]), 30);
    if (out["Deposit"] === undefined) out["Deposit"] = 0;
    if (!out["LinkedTxn"]) out["LinkedTxn"] = [];
  } else if (kind === "CreditMemo") {
    out["RemainingCredit"] = fromCents(total);
  } else {
    depositTo(kind, out, ctx);
  }
  if (out["ApplyTaxAfterDiscount"] === undefined) out["ApplyTaxAfterDiscount"] = false;
  if (!out["PrintStatus"]) out["PrintStatus"] = "NotSet";
  if (!out["EmailStatus"]) out["EmailStatus"] = "NotSet";

  checkPeriodOpen(ctx.co, String(out["TxnDate"]), getStr(previous, "TxnDate"));
  checkDuplicateDocNumber(ctx, kind, getStr(out, "DocNumber"), getStr(previous, "Id"));
  return out;
}

/**
 * Invoice (or sales receipt) void: amounts and Qty zeroed, UnitPrice dropped, LinkedTxn cleared, "Voided" prepended
 * to PrivateNote.
 */
export function voidInvoice(inv: JsonObject, ctx: WriteContext): JsonObject {
  checkPeriodOpen(ctx.co, getStr(inv, "TxnDate"));
  const out = structuredClone(inv);
  const all = (getArr(out, "Line") ?? []).flatMap((l) =>
    isObj(l) ? [l, ...(getArr(getObj(l, "GroupLineDetail"), "Line") ?? [])] : []
  );
  for (const l of all) {
    if (!isObj(l)) continue;
    if (l["Amount"] !== undefined) l["Amount"] = 0;
    const d = getObj(l, "SalesItemLineDetail");
    if (d) {
      if (d["Qty"] !== undefined) d["Qty"] = 0;
      delete d["UnitPrice"];
    }
  }
  out["TotalAmt"] = 0;
  out["Balance"] = 0;
  if (inv["Deposit"] !== undefined) out["Deposit"] = 0;
  out["TxnTaxDetail"] = { ...(getObj(out, "TxnTaxDetail") ?? {}), TotalTax: 0 };
  out["LinkedTxn"] = [];
  const note = getStr(out, "PrivateNote");
  out["PrivateNote"] = note ? `Voided${ctx.behaviour.voidNoteSeparator}${note}` : "Voided";
  return out;
}
