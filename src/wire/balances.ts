// GET /api/balances: QuickBooks' balances of the accounts the reconciliation compares with the workbook.
import { Type, type Static } from "@sinclair/typebox";
import { MonthText, Text } from "./text";

const strict = { additionalProperties: false } as const;

/** GET /api/balances?period=&accounts= (accounts: ids or names, comma-separated) */
export const BalancesQuerySchema = Type.Object(
  {
    period: MonthText(),
    accounts: Text(5000, 1),
  },
  strict
);

export const BalanceSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    classification: Type.String(),
    debit: Type.String(),
    credit: Type.String(),
    /** debit − credit */
    balance: Type.String(),
  },
  strict
);
export type Balance = Static<typeof BalanceSchema>;

export const BalancesSchema = Type.Object(
  {
    period: Type.String(),
    /** the last day of `period` */
    asOf: Type.String(),
    basis: Type.Literal("Accrual"),
    accounts: Type.Array(BalanceSchema),
  },
  strict
);
export type Balances = Static<typeof BalancesSchema>;
