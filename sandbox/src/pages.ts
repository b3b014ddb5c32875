/** The consent page (Intuit's "Connect" screen) and the sandbox's error pages. */
function esc(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

export function consentPage(p: {
  companyName: string;
  realmId: string;
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
<p class="company" id="company">${esc(p.companyName)}</p>
<p>Company ID ${esc(p.realmId)} &middot; local QuickBooks Online sandbox</p>
<p>It will be able to:</p><ul>${scopes}</ul>
<form method="post" action="/connect/oauth2/decision">
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
