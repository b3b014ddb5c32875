/** The consent page (Intuit's "Connect" screen) and the sandbox's error pages. */
import { getArr, getNum, getObj, getStr, isObj, refValue, type JsonObject } from "./json";
function esc(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/**
 * With one company the page names it, as before; with several it offers a picker (Intuit's "Select a company"),
 * whose choice the decision form carries as `realmId`.
 */
export function consentPage(p: {
  companies: { name: string; realmId: string }[];
  clientId: string;
  redirectUri: string;
  scope: string;
  state: string;
}): string {
  const hidden = (name: string, value: string): string =>
    `<input type="hidden" name="${name}" value="${esc(value)}">`;
  const scopes = p.scope
    .split(/\s+/)
    .filter(Boolean)
    .map((s) => `<li>${esc(s)}</li>`)
    .join("");
  const [first] = p.companies;
  const company =
    p.companies.length === 1 && first !== undefined
      ? `<p class="company" id="company">${esc(first.name)}</p>
<p>Company ID ${esc(first.realmId)} &middot; local QuickBooks Online sandbox</p>`
      : `<p><label for="realm">Select a company</label> (local QuickBooks Online sandbox)</p>
<p><select id="realm" name="realmId" form="decision">${p.companies
          .map(
            (c) => `<option value="${esc(c.realmId)}">${esc(c.name)} (${esc(c.realmId)})</option>`
          )
          .join("")}</select></p>`;
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Connect to QuickBooks (sandbox)</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;color:#393a3d}
h1{font-size:1.4rem}.company{font-weight:600;font-size:1.1rem}button{font-size:1rem;padding:.5rem 1.5rem;margin-right:.5rem}
#connect{background:#2ca01c;color:#fff;border:0;border-radius:4px}#cancel{background:#fff;border:1px solid #8d9096;border-radius:4px}</style>
</head>
<body>
<h1>Connect your QuickBooks company</h1>
<p><strong>${esc(p.clientId)}</strong> wants to connect to:</p>
${company}
<p>It will be able to:</p><ul>${scopes}</ul>
<form id="decision" method="post" action="/connect/oauth2/decision">
${hidden("client_id", p.clientId)}${hidden("redirect_uri", p.redirectUri)}${hidden("scope", p.scope)}${hidden("state", p.state)}
<button type="submit" id="connect" name="decision" value="connect">Connect</button>
<button type="submit" id="cancel" name="decision" value="cancel">Cancel</button>
</form>
</body>
</html>`;
}

export function errorPage(message: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>QuickBooks sandbox: error</title></head>
<body><h1>Something went wrong</h1><p id="error">${esc(message)}</p></body></html>`;
}

/**
 * The sandbox's stand-in for QBO's journal entry screen (`/app/journal?txnId=`), so the link the
 * add-in shows after posting leads somewhere a user can check the lines.
 */
export function journalPage(
  companyName: string,
  je: JsonObject | undefined,
  txnId: string
): string {
  const head = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Journal entry ${esc(txnId)} (sandbox)</title>
<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;color:#393a3d}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #d4d7dc;padding:.35rem .5rem;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}</style></head><body>
<p>${esc(companyName)} &middot; local QuickBooks Online sandbox</p>`;
  if (je === undefined) {
    return `${head}<h1>Journal entry not found</h1><p id="error">No journal entry has id ${esc(txnId)}; it may have been deleted.</p></body></html>`;
  }
  let debits = 0;
  let credits = 0;
  const rows = (getArr(je, "Line") ?? []).filter(isObj).map((line) => {
    const d = getObj(line, "JournalEntryLineDetail");
    const cents = Math.round((getNum(line, "Amount") ?? 0) * 100);
    const debit = getStr(d, "PostingType") === "Debit";
    if (debit) debits += cents;
    else credits += cents;
    const name = (k: string): string => esc(getStr(getObj(d, k), "name") ?? refValue(d, k) ?? "");
    const entity = getObj(getObj(d, "Entity"), "EntityRef");
    return `<tr><td>${name("AccountRef")}</td><td class="n">${debit ? money(cents) : ""}</td><td class="n">${debit ? "" : money(cents)}</td><td>${name("ClassRef")}</td><td>${esc(getStr(entity, "name") ?? "")}</td><td>${esc(getStr(line, "Description") ?? "")}</td></tr>`;
  });
  return `${head}<h1>Journal entry no. <span id="doc-number">${esc(getStr(je, "DocNumber") ?? "")}</span></h1>
<p>Date <span id="txn-date">${esc(getStr(je, "TxnDate") ?? "")}</span> &middot; id ${esc(txnId)}</p>
<p>${esc(getStr(je, "PrivateNote") ?? "")}</p>
<table id="lines"><thead><tr><th>Account</th><th>Debits</th><th>Credits</th><th>Class</th><th>Name</th><th>Description</th></tr></thead>
<tbody>${rows.join("\n")}</tbody>
<tfoot><tr><th>Total</th><td class="n">${money(debits)}</td><td class="n">${money(credits)}</td><td colspan="3"></td></tr></tfoot></table>
</body></html>`;
}

function money(cents: number): string {
  const abs = Math.abs(cents);
  return `${cents < 0 ? "-" : ""}${Math.floor(abs / 100).toLocaleString("en-US")}.${String(abs % 100).padStart(2, "0")}`;
}
