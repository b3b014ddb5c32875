import { ACCOUNTS, CONTRACTS, accountsFromTable, accountsToRows, header } from "../../core/tables";
import type { TableChanges } from "../../workbook";
import { fromAccountsJson, toAccountsJson } from "../logic/book";
import { parseSettings, SETTINGS_KEY, suggestSettings, validateSettings } from "../logic/rules";
import type { Settings } from "../logic/rules";
import { BASELINE_KEY, parseBaseline } from "../logic/baseline";
import { planRules } from "../logic/tableRows";
import { confirmedItems, invoiceMonthsByItem } from "../logic/ruleConfirmation";
import { suggestRule } from "../logic/suggestRules";
import type { RuleSuggestion } from "../logic/suggestRules";
import type { PaneContext } from "../state/context";

/** The Rules tab: the recognition rules by item and the account mapping, kept in the workbook. */
export class RulesController {
  /** True when the Rules tab holds edits not saved in the workbook. */
  private edited = false;

  constructor(private readonly ctx: PaneContext) {}

  get hasUnsavedEdits(): boolean {
    return this.edited;
  }

  /** Shows the rules the workbook holds, dropping edits on screen. */
  async load(): Promise<void> {
    const { settings, suggestions } = await this.saved();
    this.edited = false;
    this.ctx.store.set({
      settings,
      ruleSuggestions: suggestions,
      // "Saved" answers a click on Save rules; a workbook that holds rules says nothing of who chose them.
      settingsSaved: false,
      settingsIssues: validateSettings(settings, this.ctx.store.get().accounts ?? []),
    });
  }

  /**
   * The rules and accounts the workbook holds, not the Rules tab's edits: the confirmed rules as saved, and for
   * the other items what their evidence suggests (the item's name, QuickBooks' setting, its invoices), with why.
   */
  async saved(): Promise<{
    settings: Settings;
    saved: boolean;
    suggestions: Record<string, RuleSuggestion>;
  }> {
    const state = this.ctx.store.get();
    const accounts = state.accounts ?? [];
    const items = state.items ?? [];
    const suggested = suggestSettings(accounts, items);
    const saved = parseSettings(await this.ctx.workbook.readSetting(SETTINGS_KEY));
    const tables = await this.ctx.workbook.readTables([ACCOUNTS.name, CONTRACTS.name]);
    const fromTable = accountsFromTable(tables.get(ACCOUNTS.name)).accounts;
    const invoices = invoiceMonthsByItem(tables.get(CONTRACTS.name));
    const suggestions: Record<string, RuleSuggestion> = {};
    for (const item of items) {
      const s = suggestRule(item, invoices.get(item.name) ?? []);
      if (s) suggestions[item.id] = s;
    }
    const confirmed = saved ? confirmedItems(saved) : new Set<string>();
    const rules = { ...suggested.rules };
    for (const [id, s] of Object.entries(suggestions)) rules[id] = s.rule;
    for (const [id, rule] of Object.entries(saved?.rules ?? {}))
      if (confirmed.has(id) || suggestions[id] === undefined) rules[id] = rule;
    const settings: Settings = {
      rules,
      confirmed: [...confirmed],
      defaultRule: saved?.defaultRule ?? suggested.defaultRule,
      accounts: fromTable
        ? fromAccountsJson(fromTable, accounts, items)
        : (saved?.accounts ?? suggested.accounts),
      ...(saved?.grouping === undefined ? {} : { grouping: saved.grouping }),
    };
    return { settings, saved: saved !== undefined && fromTable !== undefined, suggestions };
  }

  edit(settings: Settings): void {
    this.edited = true;
    this.ctx.store.set({
      settings,
      settingsSaved: false,
      settingsIssues: validateSettings(settings, this.ctx.store.get().accounts ?? []),
    });
  }

  /** Saves the rules and account mapping into the workbook, and re-applies the rules to synced rows. */
  async save(): Promise<boolean> {
    const { store, workbook } = this.ctx;
    const shown = store.get().settings;
    if (!shown) return false;
    // Saving the Rules tab confirms the rule of every item it shows.
    const settings: Settings = {
      ...shown,
      confirmed: (store.get().items ?? []).filter((i) => i.active).map((i) => i.id),
    };
    const issues = validateSettings(settings, store.get().accounts ?? []);
    store.set({ settingsIssues: issues });
    if (issues.length > 0) {
      store.set({
        error: {
          message: "Some choices on the Rules tab need attention before they can be saved.",
          action: issues.map((i) => i.message).join(" "),
        },
      });
      return false;
    }
    try {
      // The account mapping, the rules applied to synced rows and the baseline go to Excel in one batch.
      const accounts = await this.accountsChange(settings);
      const tables = await workbook.readTables([CONTRACTS.name]);
      const baseline = parseBaseline(await workbook.readSetting(BASELINE_KEY));
      const plan = planRules(tables, baseline, settings);
      await workbook.applyChanges([accounts, ...plan.changes.filter((c) => tables.has(c.table))], {
        [SETTINGS_KEY]: JSON.stringify(settings),
        [BASELINE_KEY]: JSON.stringify(plan.baseline),
      });
      const s = plan.summary[0];
      const applied =
        s && s.updated > 0 ? ` The rules were applied to ${s.updated} contract rows.` : "";
      const kept = s && s.keptEdits > 0 ? ` ${s.keptEdits} cells you edited were kept.` : "";
      this.edited = false;
      store.set({
        settings,
        settingsSaved: true,
        notice: `Rules and accounts saved in this workbook.${applied}${kept}`,
      });
      return true;
    } catch (e) {
      this.ctx.fail(e, "Could not save the rules");
      return false;
    }
  }

  /** The RevRecAccounts rows for these settings, as a change to that table. */
  async accountsChange(settings: Settings): Promise<TableChanges> {
    const state = this.ctx.store.get();
    const json = toAccountsJson(settings.accounts, state.accounts ?? [], state.items ?? []);
    const rows = accountsToRows(json).rows;
    const existing = await this.ctx.workbook.readTables([ACCOUNTS.name]);
    const have = existing.get(ACCOUNTS.name);
    const keys = new Set(rows.map((r) => String(r[0])));
    const old = (have?.rows ?? [])
      .map((r) => String(r[0] ?? ""))
      .filter((k) => k !== "" && !keys.has(k));
    return {
      table: ACCOUNTS.name,
      sheet: ACCOUNTS.sheet,
      header: header(ACCOUNTS),
      key: "Setting",
      insert: rows.filter((r) => !have?.rows.some((h) => String(h[0]) === String(r[0]))),
      update: rows.map((r) => ({ key: String(r[0]), values: { Value: r[1] ?? "" } })),
      remove: old.filter((k) => k.startsWith("revenueByItem[") || k.startsWith("billingsPostTo[")),
    };
  }
}
