/** Name-list entities (Customer, Vendor, Item, Account, Class, Department): unique names, defaults, no delete. */
import { classificationOf, type EntityName } from "../company";
import { Faults } from "../errors";
import { getBool, getStr, type JsonObject } from "../json";
import { copyWritable, type WriteContext } from "./context";
import { resolveRef } from "./refs";

const ACCOUNT_SUBTYPE_DEFAULT: Record<string, string> = {
  Bank: "Checking",
  "Accounts Receivable": "AccountsReceivable",
  "Other Current Asset": "OtherCurrentAssets",
  "Fixed Asset": "OtherFixedAssets",
  "Other Asset": "OtherLongTermAssets",
  "Accounts Payable": "AccountsPayable",
  "Credit Card": "CreditCard",
  "Other Current Liability": "OtherCurrentLiabilities",
  "Long Term Liability": "OtherLongTermLiabilities",
  Equity: "OpeningBalanceEquity",
  Income: "OtherPrimaryIncome",
  "Other Income": "OtherMiscellaneousIncome",
  "Cost of Goods Sold": "SuppliesMaterialsCogs",
  Expense: "OtherMiscellaneousServiceCost",
  "Other Expense": "OtherMiscellaneousExpense",
};

const ITEM_TYPES = ["Service", "Inventory", "NonInventory", "Group", "Category"];

function uniqueName(
  ctx: WriteContext,
  entities: EntityName[],
  field: string,
  name: string,
  id?: string
): void {
  for (const e of entities) {
    for (const o of ctx.co.table(e).values()) {
      const other = (getStr(o, field) ?? "").replace(/ \(deleted\)$/, "");
      if (
        other.toLowerCase() === name.toLowerCase() &&
        !(e === entities[0] && getStr(o, "Id") === id)
      ) {
        throw Faults.duplicateName(name);
      }
    }
  }
}

function requiredName(out: JsonObject, field: string): string {
  const v = out[field];
  if (typeof v !== "string" || v.trim() === "") throw Faults.required(field);
  if (v.length > 100) throw Faults.stringLength(field, 100);
  if (v.includes(":") || v.includes('"'))
    throw Faults.business(`${field} can not contain ':' or '"'.`, field);
  return v.trim();
}

export function normalizeNameList(
  entity: EntityName,
  input: JsonObject,
  ctx: WriteContext,
  previous?: JsonObject
): JsonObject {
  const id = getStr(previous, "Id");
  const out = copyWritable(input, [
    "Balance",
    "BalanceWithJobs",
    "FullyQualifiedName",
    "CurrentBalance",
    "CurrentBalanceWithSubAccounts",
    "Classification",
  ]);
  if (out["Active"] === undefined) out["Active"] = true;
  const active = getBool(out, "Active") !== false;
  switch (entity) {
    case "Customer":
    case "Vendor": {
      if (!out["DisplayName"]) {
        const parts = [getStr(out, "GivenName"), getStr(out, "FamilyName")]
          .filter(Boolean)
          .join(" ");
        out["DisplayName"] = parts || getStr(out, "CompanyName") || "";
      }
      const name = requiredName(out, "DisplayName").replace(/ \(deleted\)$/, "");
      uniqueName(
        ctx,
        entity === "Customer" ? ["Customer", "Vendor"] : ["Vendor", "Customer"],
        "DisplayName",
        name,
        id
      );
      out["DisplayName"] = name;
      out["FullyQualifiedName"] = name;
      out["Balance"] = previous?.["Balance"] ?? 0;
      if (entity === "Customer") out["BalanceWithJobs"] = previous?.["BalanceWithJobs"] ?? 0;
      if (entity === "Customer" && out["Job"] === undefined) out["Job"] = false;
      if (out["Taxable"] === undefined && entity === "Customer") out["Taxable"] = false;
      break;
    }
    case "Item": {
      const name = requiredName(out, "Name");
      uniqueName(ctx, ["Item"], "Name", name, id);
      out["FullyQualifiedName"] = name;
      if (!out["Type"]) out["Type"] = "Service";
      const type = String(out["Type"]);
      if (!ITEM_TYPES.includes(type)) throw Faults.invalidEnum("Type", type);
      if (type !== "Category" && type !== "Group") {
        resolveRef(ctx.co, out, "IncomeAccountRef", "Account", "IncomeAccountRef", true);
      }
      if (out["UnitPrice"] === undefined) out["UnitPrice"] = 0;
      if (out["Taxable"] === undefined) out["Taxable"] = false;
      break;
    }
    case "Account": {
      const name = requiredName(out, "Name").replace(/ \(deleted\)$/, "");
      uniqueName(ctx, ["Account"], "Name", name, id);
      const type = getStr(out, "AccountType");
      if (!type) throw Faults.required("AccountType");
      const cls = classificationOf(type);
      if (!cls) throw Faults.invalidEnum("AccountType", type);
      if (!out["AccountSubType"]) out["AccountSubType"] = ACCOUNT_SUBTYPE_DEFAULT[type] ?? type;
      out["Classification"] = cls;
      out["Name"] = active ? name : `${name} (deleted)`;
      out["FullyQualifiedName"] = out["Name"];
      out["SubAccount"] = out["SubAccount"] ?? false;
      out["CurrencyRef"] = out["CurrencyRef"] ?? { value: "USD", name: "United States Dollar" };
      const bal = previous?.["CurrentBalance"] ?? 0;
      out["CurrentBalance"] = bal;
      out["CurrentBalanceWithSubAccounts"] = bal;
      break;
    }
    case "Class":
    case "Department": {
      const name = requiredName(out, "Name");
      uniqueName(ctx, [entity], "Name", name, id);
      out["FullyQualifiedName"] = name;
      if (entity === "Class") out["SubClass"] = out["SubClass"] ?? false;
      else out["SubDepartment"] = out["SubDepartment"] ?? false;
      break;
    }
    default:
      throw Faults.unsupported(`Operation on ${entity} is not supported.`);
  }
  return out;
}
