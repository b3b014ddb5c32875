// GET /api/accounts, /api/items, /api/customers, /api/classes: the company's lists.
import { Type, type Static } from "@sinclair/typebox";
import { RefSchema } from "./ref";
import { StringEnum } from "./stringEnum";

const strict = { additionalProperties: false } as const;

export const AccountSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    fullyQualifiedName: Type.String(),
    acctNum: Type.Optional(Type.String()),
    accountType: Type.String(),
    accountSubType: Type.Optional(Type.String()),
    classification: Type.String(),
    active: Type.Boolean(),
  },
  strict
);
export type Account = Static<typeof AccountSchema>;

export const ItemSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    fullyQualifiedName: Type.String(),
    type: Type.String(),
    active: Type.Boolean(),
    incomeAccount: Type.Optional(RefSchema),
    deferredRevenue: Type.Optional(Type.Boolean()),
  },
  strict
);
export type Item = Static<typeof ItemSchema>;

export const CustomerSchema = Type.Object(
  {
    id: Type.String(),
    displayName: Type.String(),
    fullyQualifiedName: Type.String(),
    active: Type.Boolean(),
  },
  strict
);
export type Customer = Static<typeof CustomerSchema>;

export const ClassInfoSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    fullyQualifiedName: Type.String(),
    active: Type.Boolean(),
  },
  strict
);
export type ClassInfo = Static<typeof ClassInfoSchema>;

export const AccountsSchema = Type.Object({ accounts: Type.Array(AccountSchema) }, strict);
export type Accounts = Static<typeof AccountsSchema>;
export const ItemsSchema = Type.Object({ items: Type.Array(ItemSchema) }, strict);
export type Items = Static<typeof ItemsSchema>;
export const CustomersSchema = Type.Object({ customers: Type.Array(CustomerSchema) }, strict);
export type Customers = Static<typeof CustomersSchema>;
export const ClassesSchema = Type.Object({ classes: Type.Array(ClassInfoSchema) }, strict);
export type Classes = Static<typeof ClassesSchema>;

/** GET /api/accounts, /api/items, /api/customers, /api/classes?includeInactive= */
export const ListQuerySchema = Type.Object(
  { includeInactive: Type.Optional(StringEnum(["true", "false"])) },
  strict
);
