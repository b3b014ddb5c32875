// POST /api/sync and its job: the documents a sync brings, as the pane writes them into the tables.
import { Type, type Static } from "@sinclair/typebox";
import { ApiErrorBodySchema } from "./errors";
import { RefSchema } from "./ref";
import { StringEnum } from "./stringEnum";
import { Text } from "./text";

const strict = { additionalProperties: false } as const;

/** A sales line of a synced document: one obligation. */
export const SyncLineSchema = Type.Object(
  {
    /** stable: inv-<Invoice.Id>-<Line.Id>; cm-, sr-, rr-… for credit memos, sales and refund receipts */
    id: Type.String(),
    qboLineId: Type.String(),
    item: RefSchema,
    class: Type.Optional(RefSchema),
    description: Type.Optional(Type.String()),
    /** after discount */
    amount: Type.String(),
    /** before discount */
    grossAmount: Type.String(),
    /**
     * The account QuickBooks debited for this line's discount (credited, on a credit memo) (the covering discount
     * line's DiscountAccountRef); present only when grossAmount − amount is not zero and QuickBooks names it.
     */
    discountAccount: Type.Optional(RefSchema),
    /** the line's ServiceDate, else the document's TxnDate */
    serviceDate: Type.String(),
    quantity: Type.Optional(Type.String()),
  },
  strict
);
export type SyncLine = Static<typeof SyncLineSchema>;

/** The kinds of sales document a sync reads: invoices and sales receipts bill, credit memos and refund receipts give back. */
export const DocumentKindSchema = Type.Union([
  Type.Literal("invoice"),
  Type.Literal("creditMemo"),
  Type.Literal("salesReceipt"),
  Type.Literal("refundReceipt"),
]);
export type DocumentKind = Static<typeof DocumentKindSchema>;

/** A custom field of a document, as QuickBooks names it (only those with a value). */
export const CustomFieldSchema = Type.Object({ name: Type.String(), value: Type.String() }, strict);

/** An invoice or sales receipt (billing), or a credit memo or refund receipt (giving back), as synced. */
export const SyncDocumentSchema = Type.Object(
  {
    /** stable: inv-<Invoice.Id>, cm-<CreditMemo.Id>, sr-<SalesReceipt.Id>, rr-<RefundReceipt.Id> */
    id: Type.String(),
    kind: DocumentKindSchema,
    qboId: Type.String(),
    /** "" when QuickBooks has none */
    docNumber: Type.String(),
    customer: RefSchema,
    txnDate: Type.String(),
    currency: Type.String(),
    voided: Type.Boolean(),
    syncToken: Type.String(),
    /** "" when QuickBooks does not say */
    lastUpdated: Type.String(),
    class: Type.Optional(RefSchema),
    /** the customer's purchase order number: PONumber, else a custom field named "P.O. Number" (or PO #, PO No.) */
    poNumber: Type.Optional(Type.String()),
    /** the document's custom fields that have a value */
    customFields: Type.Optional(Type.Array(CustomFieldSchema)),
    /** RecurDataRef: the recurring-transaction template QuickBooks made the document from */
    recurring: Type.Optional(RefSchema),
    lines: Type.Array(SyncLineSchema),
    subtotal: Type.String(),
    discount: Type.String(),
    tax: Type.String(),
    /** QuickBooks' TotalAmt (includes tax) */
    total: Type.String(),
    billings: Type.Array(
      Type.Object({ id: Type.String(), date: Type.String(), amount: Type.String() }, strict)
    ),
  },
  strict
);
export type SyncDocument = Static<typeof SyncDocumentSchema>;

export const SyncModeSchema = Type.Union([Type.Literal("full"), Type.Literal("incremental")]);
export type SyncMode = Static<typeof SyncModeSchema>;
export const SyncStateSchema = Type.Union([
  Type.Literal("running"),
  Type.Literal("done"),
  Type.Literal("failed"),
  Type.Literal("cancelled"),
]);
export type SyncState = Static<typeof SyncStateSchema>;
export const SyncPhaseSchema = Type.Union([
  Type.Literal("counting"),
  Type.Literal("invoices"),
  Type.Literal("creditMemos"),
  Type.Literal("salesReceipts"),
  Type.Literal("refundReceipts"),
  Type.Literal("changes"),
  Type.Literal("done"),
]);
export type SyncPhase = Static<typeof SyncPhaseSchema>;

/** POST /api/sync */
export const SyncRequestSchema = Type.Object(
  {
    mode: StringEnum(["full", "incremental"]),
    /** required for an incremental sync: the cursor of the previous sync result */
    cursor: Type.Optional(Text(2000, 1)),
  },
  strict
);
export type SyncRequest = Static<typeof SyncRequestSchema>;

/** The path of GET/DELETE /api/sync/{jobId} and its result. */
export const SyncJobParamsSchema = Type.Object(
  { jobId: Type.String({ pattern: "^sj_[A-Za-z0-9_-]{16}$" }) },
  strict
);

/** POST /api/sync → 202 */
export const SyncStartedSchema = Type.Object(
  { jobId: Type.String(), mode: SyncModeSchema },
  strict
);
export type SyncStarted = Static<typeof SyncStartedSchema>;

export const SyncProgressSchema = Type.Object(
  {
    pagesDone: Type.Integer(),
    pagesTotal: Type.Integer(),
    counts: Type.Object(
      {
        invoices: Type.Integer(),
        creditMemos: Type.Integer(),
        salesReceipts: Type.Integer(),
        refundReceipts: Type.Integer(),
        deleted: Type.Integer(),
        skipped: Type.Integer(),
      },
      strict
    ),
  },
  strict
);
export type SyncProgress = Static<typeof SyncProgressSchema>;

/** GET /api/sync/{jobId} */
export const SyncJobSchema = Type.Object(
  {
    jobId: Type.String(),
    mode: SyncModeSchema,
    state: SyncStateSchema,
    phase: SyncPhaseSchema,
    progress: SyncProgressSchema,
    /** ISO date-time */
    startedAt: Type.String(),
    /** ISO date-time, once the job has ended */
    finishedAt: Type.Optional(Type.String()),
    /** when state is "failed" */
    error: Type.Optional(ApiErrorBodySchema),
  },
  strict
);
export type SyncJob = Static<typeof SyncJobSchema>;

/** DELETE /api/sync/{jobId} */
export const SyncCancelledSchema = Type.Object(
  { jobId: Type.String(), state: SyncStateSchema },
  strict
);
export type SyncCancelled = Static<typeof SyncCancelledSchema>;

/**
 * A document the sync left out of `invoices` / `creditMemos`: one in another currency than the company's home
 * currency, which RevRec cannot yet recognize (its amounts are not in home currency). QuickBooks' own balances still
 * include it, at its home-currency amount.
 */
export const LeftOutDocumentSchema = Type.Object(
  {
    kind: DocumentKindSchema,
    qboId: Type.String(),
    /** "" when QuickBooks has none */
    docNumber: Type.String(),
    customer: RefSchema,
    txnDate: Type.String(),
    reason: Type.Literal("foreignCurrency"),
    /** plain language: which document and why */
    message: Type.String(),
    /** its CurrencyRef */
    currency: Type.String(),
    /** TotalAmt, in `currency` (includes tax); "0.00" when voided */
    total: Type.String(),
    /** the ExchangeRate QuickBooks gives (home units per unit of `currency`), when it gives one */
    exchangeRate: Type.Optional(Type.String()),
    /** HomeTotalAmt: the total in the home currency, as QuickBooks has it, when it gives one */
    homeTotal: Type.Optional(Type.String()),
  },
  strict
);
export type LeftOutDocument = Static<typeof LeftOutDocumentSchema>;

/** The documents left out in one currency. */
export const LeftOutTotalSchema = Type.Object(
  {
    currency: Type.String(),
    count: Type.Integer(),
    /** sum of their `total`, in `currency` */
    total: Type.String(),
    /** sum of their `homeTotal`, in the home currency; absent when QuickBooks gave no HomeTotalAmt for one of them */
    homeTotal: Type.Optional(Type.String()),
  },
  strict
);
export type LeftOutTotal = Static<typeof LeftOutTotalSchema>;

/** GET /api/sync/{jobId}/result */
export const SyncResultSchema = Type.Object(
  {
    mode: SyncModeSchema,
    /** true: the lists are the complete set of documents; false: upsert them and remove `deleted` */
    replace: Type.Boolean(),
    fellBackToFull: Type.Boolean(),
    /** opaque; send it on the next incremental sync */
    cursor: Type.String(),
    syncedAt: Type.String(),
    homeCurrency: Type.String(),
    invoices: Type.Array(SyncDocumentSchema),
    creditMemos: Type.Array(SyncDocumentSchema),
    salesReceipts: Type.Array(SyncDocumentSchema),
    refundReceipts: Type.Array(SyncDocumentSchema),
    /** QuickBooks ids, per kind (an Invoice and a SalesReceipt may share an Id) */
    deleted: Type.Object(
      {
        invoices: Type.Array(Type.String()),
        creditMemos: Type.Array(Type.String()),
        salesReceipts: Type.Array(Type.String()),
        refundReceipts: Type.Array(Type.String()),
      },
      strict
    ),
    /**
     * Documents left out of `invoices` / `creditMemos` (see LeftOutDocument); absent when there are none. With
     * `replace` it is the complete list; otherwise the left-out documents among those that changed (a document listed
     * in `deleted` is gone from QuickBooks, left out or not).
     */
    leftOut: Type.Optional(Type.Array(LeftOutDocumentSchema)),
    /** `leftOut` by currency, in currency order; present with `leftOut` */
    leftOutTotals: Type.Optional(Type.Array(LeftOutTotalSchema)),
  },
  strict
);
export type SyncResult = Static<typeof SyncResultSchema>;
