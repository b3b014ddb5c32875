// The only import surface of the engine for other folders (docs/architecture.md, "Core API").
export type { Issue, Result } from "./result";
export type { Day, Month } from "./calendar";
export {
  FIRST_YEAR,
  LAST_YEAR,
  daysInMonth,
  firstDay,
  formatDay,
  formatMonth,
  lastDay,
  monthOfDay,
  parseDay,
  parseMonth,
} from "./calendar";
export type { Span } from "./period";
export {
  FIRST_MONTH,
  LAST_MONTH,
  MONTH_PATTERN_SOURCE,
  firstDayOf,
  lastDayOf,
  monthsBetween,
  nextMonth,
  parseSpan,
  previousMonth,
  spanInBookYears,
  termEnd,
} from "./period";
export type { Cents } from "./money";
export { formatAmount, mulDiv, parseAmount } from "./money";
export { allocate, allocateByWeights, parseSsp } from "./allocate";

export type {
  AddChange,
  Billing,
  Discount,
  Book,
  Change,
  Contract,
  CreditChange,
  ManualAmount,
  Method,
  ModifyChange,
  Obligation,
  ProgressPoint,
  Treatment,
} from "./book/model";
export { METHODS } from "./book/model";
export { parseBook } from "./book/parseBook";

export type {
  BilledAmount,
  ContractSchedule,
  ObligationSchedule,
  Schedule,
} from "./schedule/types";
export { buildSchedule } from "./schedule/buildSchedule";

export type { AccountMap, Journal, JournalDetail, JournalLine, Posting } from "./journal/types";
export { JOURNAL_DETAILS } from "./journal/types";
export { parseAccounts } from "./journal/parseAccounts";
export { buildJournal } from "./journal/buildJournal";
export { journalDifference } from "./journal/journalDifference";
export {
  correctionEntry,
  correctionMemo,
  correctionMonth,
  type Correction,
} from "./journal/correction";
export {
  GO_LIVE_MESSAGES,
  cutoverBalances,
  cutoverReconciliation,
  cutoverReport,
  entrySpan,
  openingDocNumber,
  openingTrueUp,
  type CutoverReport,
  type CutoverRole,
  type CutoverRow,
  type OpeningEntry,
} from "./journal/goLive";

export type {
  JournalReport,
  JournalReportLine,
  PeriodTotals,
  ScheduleReport,
} from "./report/types";
export { journalReport, scheduleReport, scheduleTotals } from "./report/reports";
export { endingBalanceWarnings } from "./report/warnings";

export { remainingObligation, type Recognizes } from "./disclosure/rpo";
export {
  ROLL_FORWARD_FIELDS,
  rollForward,
  rollForwardDifference,
  totalRollForward,
  type RollForward,
} from "./disclosure/rollForward";
export {
  DIMENSIONS,
  NO_CLASS,
  NO_ITEM,
  OVER_TIME,
  POINT_IN_TIME,
  categoryRevenue,
  disaggregate,
  groupByCategory,
  groupContracts,
  timingOf,
  type CategoryGroups,
  type CategoryRevenue,
  type Dimension,
  type Selected,
} from "./disclosure/disaggregate";
export { contractDetail, type DetailKind, type DetailLine } from "./disclosure/detail";
export { spanLabel } from "./disclosure/spanLabel";
