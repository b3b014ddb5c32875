/**
 * A transaction's currency: CurrencyRef required when multicurrency is on (6000), a foreign one refused while it is
 * off, the home currency's ExchangeRate always 1, and the names QBO fills into currency refs.
 */
import { Faults } from "../errors";
import { getNum, getObj, getStr, type JsonObject } from "../json";
import { prefFlag, type WriteContext } from "./context";

const NAMES: Record<string, string> = {
  AUD: "Australian Dollar",
  CAD: "Canadian Dollar",
  EUR: "Euro",
  GBP: "British Pound Sterling",
  INR: "Indian Rupee",
  USD: "United States Dollar",
};

export function homeCurrency(ctx: WriteContext): string {
  return (
    getStr(getObj(getObj(ctx.co.preferences(), "CurrencyPrefs"), "HomeCurrency"), "value") ?? "USD"
  );
}

/**
 * Sets CurrencyRef (home currency when left out) and ExchangeRate (1 at home; as sent, else 1, abroad: the sandbox
 * has no rate table). Returns the exchange rate of a foreign-currency transaction, undefined at home.
 */
export function currency(ctx: WriteContext, obj: JsonObject): number | undefined {
  const multi = prefFlag(ctx.co, "CurrencyPrefs", "MultiCurrencyEnabled");
  const home = homeCurrency(ctx);
  const ref = getObj(obj, "CurrencyRef");
  if (multi && !ref)
    throw Faults.business("CurrencyRef is required when multicurrency is enabled.", "CurrencyRef");
  const code = getStr(ref, "value") ?? home;
  obj["CurrencyRef"] = { value: code, name: NAMES[code] ?? code };
  if (code === home) {
    if (multi || obj["ExchangeRate"] !== undefined) obj["ExchangeRate"] = 1;
    return undefined;
  }
  if (!multi && ctx.behaviour.foreignCurrencyWhenOff === "error")
    throw Faults.foreignCurrency(code, home);
  const rate = obj["ExchangeRate"] === undefined ? 1 : getNum(obj, "ExchangeRate");
  if (rate === undefined || !(rate > 0)) throw Faults.invalidProperty("ExchangeRate");
  obj["ExchangeRate"] = rate;
  return rate;
}
