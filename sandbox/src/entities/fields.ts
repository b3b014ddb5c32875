/**
 * QBO rejects properties it does not know (2010 "Request has invalid or unsupported property"). The sandbox checks
 * transactions (header, lines and line details) against the fields of Intuit's schema, so that a client that sends
 * a misspelt field fails here as it would against Intuit.
 */
import type { EntityName } from "../company";
import { QboError } from "../errors";
import { isObj, type JsonObject } from "../json";

const BASE = ["Id", "SyncToken", "MetaData", "domain", "sparse", "status", "CustomExtensions"];
const TXN = [
  ...BASE,
  "DocNumber",
  "TxnDate",
  "PrivateNote",
  "CurrencyRef",
  "ExchangeRate",
  "Line",
  "TxnTaxDetail",
  "TotalAmt",
  "HomeTotalAmt",
  "LinkedTxn",
  "DepartmentRef",
  "TxnSource",
  "GlobalTaxCalculation",
  "RecurDataRef",
  "ProjectRef",
  "TransactionLocationType",
  "TxnStatus",
];
const SALES = [
  ...TXN,
  "CustomerRef",
  "CustomerMemo",
  "ClassRef",
  "BillAddr",
  "ShipAddr",
  "ShipFromAddr",
  "ShipDate",
  "TrackingNum",
  "ShipMethodRef",
  "SalesTermRef",
  "DueDate",
  "Balance",
  "HomeBalance",
  "Deposit",
  "DepositToAccountRef",
  "ARAccountRef",
  "AllowIPNPayment",
  "AllowOnlinePayment",
  "AllowOnlineCreditCardPayment",
  "AllowOnlineACHPayment",
  "EmailStatus",
  "PrintStatus",
  "BillEmail",
  "BillEmailCc",
  "BillEmailBcc",
  "ApplyTaxAfterDiscount",
  "CustomField",
  "InvoiceLink",
  "DeliveryInfo",
  "FreeFormAddress",
  "RemainingCredit",
  "InvoiceRef",
  "PaymentMethodRef",
  "PaymentRefNum",
  "TaxExemptionRef",
];
const HEADER: Partial<Record<EntityName, string[]>> = {
  Invoice: SALES,
  CreditMemo: SALES,
  SalesReceipt: SALES,
  RefundReceipt: SALES,
  JournalEntry: [
    ...TXN,
    "Adjustment",
    "JournalCodeRef",
    "HomeCurrencyAdjustment",
    "EnteredInHomeCurrency",
  ],
};
const LINE = [
  "Id",
  "LineNum",
  "Description",
  "Amount",
  "DetailType",
  "LinkedTxn",
  "ProjectRef",
  "CustomField",
  "CustomExtensions",
  "SalesItemLineDetail",
  "DiscountLineDetail",
  "SubTotalLineDetail",
  "DescriptionLineDetail",
  "GroupLineDetail",
  "JournalEntryLineDetail",
];
const DETAIL: Record<string, string[]> = {
  GroupLineDetail: ["GroupItemRef", "Quantity", "Line"],
  SalesItemLineDetail: [
    "ItemRef",
    "ClassRef",
    "Qty",
    "UnitPrice",
    "ServiceDate",
    "TaxCodeRef",
    "ItemAccountRef",
    "DiscountRate",
    "DiscountAmt",
    "TaxInclusiveAmt",
    "DeferredRevenue",
    "MarkupInfo",
    "PriceLevelRef",
    "TaxClassificationRef",
  ],
  DiscountLineDetail: [
    "PercentBased",
    "DiscountPercent",
    "DiscountAccountRef",
    "DiscountRef",
    "ClassRef",
    "TaxCodeRef",
  ],
  JournalEntryLineDetail: [
    "PostingType",
    "AccountRef",
    "Entity",
    "ClassRef",
    "DepartmentRef",
    "TaxCodeRef",
    "TaxApplicableOn",
    "TaxAmount",
    "TaxInclusiveAmt",
    "BillableStatus",
    "JournalCodeRef",
  ],
};

function unrecognized(entity: EntityName, field: string, element: string): QboError {
  return new QboError(
    "2010",
    "Request has invalid or unsupported property",
    `Property Name:Unrecognized field "${field}" (class com.intuit.schema.finance.v3.${entity}), not marked as ignorable`,
    element
  );
}

export function checkFields(entity: EntityName, input: JsonObject): void {
  const header = HEADER[entity];
  if (!header) return;
  for (const k of Object.keys(input)) if (!header.includes(k)) throw unrecognized(entity, k, k);
  const lines = input["Line"];
  if (!Array.isArray(lines)) return;
  for (const line of lines) {
    if (!isObj(line)) continue;
    for (const k of Object.keys(line))
      if (!LINE.includes(k)) throw unrecognized(entity, k, `Line.${k}`);
    for (const [detail, fields] of Object.entries(DETAIL)) {
      const d = line[detail];
      if (!isObj(d)) continue;
      for (const k of Object.keys(d))
        if (!fields.includes(k)) throw unrecognized(entity, k, `Line.${detail}.${k}`);
    }
  }
}
