// How each column of the book tables is read. The steps read the columns a row's type uses; every other
// filled cell is still read with its column's format, so that a malformed value is reported, not dropped.
import {
  readAmount,
  readBool,
  readCount,
  readChoice,
  readDate,
  readMethod,
  readMonth,
  readPercent,
  readSsp,
  readText,
  type Read,
  type TableCell,
} from "./cells";
import { BILLINGS, CHANGES, CONTRACTS, PROGRESS } from "./schema";

export type CellFormat = (v: TableCell) => Read<unknown>;

export const CHANGE_TYPES = ["modify", "credit", "add", "price"] as const;
export const MODIFY_TREATMENTS = ["prospective", "catch-up"] as const;
export const CREDIT_TREATMENTS = [...MODIFY_TREATMENTS, "immediate"] as const;
/** The Document Type column's words (case is forgiven): documents that bill, and those that give back. */
export const BILLING_DOCUMENTS = ["invoice", "sales receipt"] as const;
export const CREDIT_DOCUMENTS = ["credit memo", "refund receipt"] as const;

export const COLUMN_FORMATS: Readonly<Record<string, Readonly<Record<string, CellFormat>>>> = {
  [CONTRACTS.name]: {
    Contract: readText,
    Customer: readText,
    Obligation: readText,
    Item: readText,
    Class: readText,
    Price: readAmount,
    SSP: readSsp,
    Method: readMethod,
    Start: readDate,
    End: readDate,
    Currency: readText,
    Invoice: readText,
    "QBO Invoice Id": readText,
    "QBO Line Id": readText,
    Voided: readBool,
    "Discount Group": readText,
    "Group Price": readAmount,
    Months: readCount,
    "Document Type": (v) => readChoice(v, BILLING_DOCUMENTS),
  },
  [BILLINGS.name]: {
    Contract: readText,
    Billing: readText,
    Date: readDate,
    Amount: readAmount,
    Obligation: readText,
    Discount: readAmount,
    "Discount Account": readText,
    Invoice: readText,
    "QBO Invoice Id": readText,
    "QBO Line Id": readText,
    Voided: readBool,
    "Document Type": (v) => readChoice(v, BILLING_DOCUMENTS),
  },
  [CHANGES.name]: {
    Contract: readText,
    Change: readText,
    Type: (v) => readChoice(v, CHANGE_TYPES),
    Date: readDate,
    Obligation: readText,
    Treatment: (v) => readChoice(v, CREDIT_TREATMENTS),
    Price: readAmount,
    End: readDate,
    Amount: readAmount,
    Discount: readAmount,
    "Discount Account": readText,
    Item: readText,
    Class: readText,
    Method: readMethod,
    Start: readDate,
    SSP: readSsp,
    Reallocate: readBool,
    "Credit Memo": readText,
    "QBO Credit Memo Id": readText,
    "QBO Line Id": readText,
    Voided: readBool,
    Months: readCount,
    "Document Type": (v) => readChoice(v, CREDIT_DOCUMENTS),
  },
  [PROGRESS.name]: {
    Obligation: readText,
    Date: readDate,
    Percent: readPercent,
    Period: readMonth,
    Amount: readAmount,
  },
};
