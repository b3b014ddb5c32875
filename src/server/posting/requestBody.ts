/** The create request QuickBooks receives, and the hash of its content that names the requestid. */
import { createHash } from "node:crypto";

import { formatAmount } from "../../core";
import type { JsonObject } from "../qbo/client";
import { lineKey } from "./entries";
import { privateNote, type PreparedEntry } from "./resolve";

export function requestBody(entry: PreparedEntry, runId: string): JsonObject {
  const body: JsonObject = {
    DocNumber: entry.docNumber,
    TxnDate: entry.txnDate,
    PrivateNote: privateNote(entry, runId),
    Line: entry.lines.map((l) => {
      const detail: JsonObject = { PostingType: l.posting, AccountRef: { value: l.accountId } };
      if (l.classId !== undefined) detail["ClassRef"] = { value: l.classId };
      if (l.customerId !== undefined)
        detail["Entity"] = { Type: "Customer", EntityRef: { value: l.customerId } };
      const line: JsonObject = {
        // A JSON number with two decimals, exact in decimal.
        Amount: Number(formatAmount(l.cents)),
        DetailType: "JournalEntryLineDetail",
        JournalEntryLineDetail: detail,
      };
      if (l.description !== undefined) line["Description"] = l.description;
      return line;
    }),
  };
  if (entry.prefs.multiCurrency) body["CurrencyRef"] = { value: entry.prefs.homeCurrency };
  return body;
}

/** The entry's content: number, date, note (without the run id) and lines. The same for every backend. */
export function contentHash(entry: PreparedEntry): string {
  return createHash("sha256")
    .update(
      JSON.stringify([
        entry.docNumber,
        entry.txnDate,
        privateNote(entry, undefined),
        entry.lines.map((l) => [lineKey(l), l.description ?? ""]),
      ])
    )
    .digest("hex");
}
