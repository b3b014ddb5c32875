// POST /api/journal and GET /api/postings: month-end entries, posted exactly once.
import { Type, type Static } from "@sinclair/typebox";
import { RefSchema, TotalsSchema } from "./ref";
import { WarningSchema } from "./status";
import { StringEnum } from "./stringEnum";
import {
  AmountText,
  LINE_DESCRIPTION_MAX,
  MEMO_MAX,
  MonthText,
  NoteText,
  PersonText,
  REFERENCE_MAX,
  Text,
} from "./text";

const strict = { additionalProperties: false } as const;
const PostingSideSchema = Type.Union([Type.Literal("Debit"), Type.Literal("Credit")]);
const Reference = () => Text(REFERENCE_MAX, 1);

/** A line of POST /api/journal: core's JournalLine with `amount` formatted. References are ids or names. */
export const ApiJournalLineSchema = Type.Object(
  {
    account: Reference(),
    posting: StringEnum(["Debit", "Credit"]),
    amount: AmountText(),
    class: Type.Optional(Reference()),
    customer: Type.Optional(Reference()),
    description: Type.Optional(Text(LINE_DESCRIPTION_MAX)),
  },
  strict
);
export type ApiJournalLine = Static<typeof ApiJournalLineSchema>;

/** POST /api/journal */
export const PostRequestSchema = Type.Object(
  {
    period: MonthText(),
    /** integer ≥ 0; 0 when left out */
    adjustment: Type.Optional(Type.Integer({ minimum: 0, maximum: 99 })),
    /**
     * true: the opening true-up of go-live month `period` (DocNumber RR-OPEN-YYYY-MM, dated the period's first day
     * by default), posted once the month before it has ended; no adjustment.
     */
    opening: Type.Optional(Type.Boolean()),
    /**
     * defaults to the last day of `period` (the first day, for an opening true-up). An adjustment (1 or more) to a
     * period QuickBooks has closed may be dated the first day of a later month: the first open period.
     */
    txnDate: Type.Optional(Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$" })),
    memo: Type.Optional(NoteText(MEMO_MAX)),
    /** who prepared the entry, named in the private note */
    preparedBy: Type.Optional(PersonText()),
    /** who approved it (the workbook's Require approval setting), named after the preparer */
    approvedBy: Type.Optional(PersonText()),
    lines: Type.Array(ApiJournalLineSchema, { minItems: 1, maxItems: 5000 }),
  },
  strict
);
export type PostRequest = Static<typeof PostRequestSchema>;

/** A journal entry in QuickBooks, as a posting answer names it. */
export const EntryRefSchema = Type.Object(
  {
    journalEntryId: Type.String(),
    docNumber: Type.String(),
    txnDate: Type.String(),
    link: Type.String(),
  },
  strict
);
export type EntryRef = Static<typeof EntryRefSchema>;

/** POST /api/journal → 201 (created) or 200 (already there) */
export const PostResultSchema = Type.Object(
  {
    status: Type.Union([Type.Literal("created"), Type.Literal("existing")]),
    docNumber: Type.String(),
    journalEntryId: Type.String(),
    txnDate: Type.String(),
    link: Type.String(),
    /** the QuickBooks requestid used to create the entry ("" when not known) */
    requestId: Type.String(),
    totals: TotalsSchema,
    lineCount: Type.Integer(),
    /**
     * Other RevRec entries QuickBooks has under the same DocNumber (another backend posted the period too): each
     * counts the revenue again. Present only when there are some; `warnings` then says what to do.
     */
    duplicates: Type.Optional(Type.Array(EntryRefSchema)),
    /** `duplicate_entries`, or `duplicates_unchecked` when QuickBooks could not be asked after the create. */
    warnings: Type.Optional(Type.Array(WarningSchema)),
  },
  strict
);
export type PostResult = Static<typeof PostResultSchema>;

/** A line of a posted entry, as QuickBooks has it now. */
export const PostedLineSchema = Type.Object(
  {
    account: RefSchema,
    posting: PostingSideSchema,
    amount: Type.String(),
    customer: Type.Optional(RefSchema),
    class: Type.Optional(RefSchema),
    description: Type.Optional(Type.String()),
  },
  strict
);
export type PostedLine = Static<typeof PostedLineSchema>;

export const PostingSchema = Type.Object(
  {
    docNumber: Type.String(),
    adjustment: Type.Integer(),
    journalEntryId: Type.String(),
    txnDate: Type.String(),
    link: Type.String(),
    totals: TotalsSchema,
    lines: Type.Array(PostedLineSchema),
  },
  strict
);
export type Posting = Static<typeof PostingSchema>;

/** GET /api/postings?period= */
export const PostingsQuerySchema = Type.Object({ period: MonthText() }, strict);

export const PostingsSchema = Type.Object(
  {
    period: Type.String(),
    /** 0 when nothing is posted */
    nextAdjustment: Type.Integer(),
    /** sorted by adjustment */
    postings: Type.Array(PostingSchema),
  },
  strict
);
export type Postings = Static<typeof PostingsSchema>;
