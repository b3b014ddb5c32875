/**
 * The sign-in dialog's pages: /auth/qbo/start (state bound to the dialog's browser session by an HttpOnly cookie,
 * redirect to Intuit) and /auth/qbo/callback (state verified — intuit-oauth does not — code exchanged, tokens stored,
 * a session token handed to the task pane through messageParent / window.opener.postMessage).
 */
import { randomBytes } from "node:crypto";

import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

import {
  ApiError,
  EmptyBodySchema,
  SignInCallbackQuerySchema,
  SignInStartQuerySchema,
  type AuthFailure,
  type AuthMessage,
  type SignInTicket,
} from "../../wire";
import { QboError } from "../errors";
import { fromAnotherSite, isNavigation } from "../foreignSite";
import { PENDING_LIMITS } from "../pendingSignIns";
import { OAuthFailure, authorizeUrl, exchangeCode, withTokenRetries } from "../qbo/oauth";
import type { Runtime } from "../runtime";

const COOKIE = "revrec_auth";
const BINDING_RE = /^[A-Za-z0-9_-]{32}$/;

function cookies(req: FastifyRequest): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0) out.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  return out;
}

/** JSON safe to put inside a <script> element. */
function scriptJson(v: unknown): string {
  return JSON.stringify(v)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c
  );
}

export function resultPage(msg: AuthMessage): string {
  const text = msg.ok
    ? `Connected to ${escapeHtml(msg.companyName || "QuickBooks")}. You can close this window.`
    : `${escapeHtml(msg.error.message)} ${escapeHtml(msg.error.action)}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>RevRec for Excel - QuickBooks connection</title>
<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>
<script type="application/json" id="revrec-auth-result">${scriptJson(msg)}</script>
<script src="/auth/qbo/result.js"></script>
<style>body{font-family:"Segoe UI",system-ui,sans-serif;margin:2rem;color:#242424}</style>
</head>
<body>
<h1>${msg.ok ? "Connected" : "Not connected"}</h1>
<p id="revrec-auth-text">${text}</p>
</body>
</html>
`;
}

/** Hands the result to the task pane; served as a file so the page needs no inline script (CSP). */
export const RESULT_JS = `(function () {
  var el = document.getElementById("revrec-auth-result");
  if (!el) return;
  var msg = JSON.parse(el.textContent || "{}");
  var sent = false;
  function viaOpener() {
    if (!sent && window.opener && !window.opener.closed) {
      window.opener.postMessage(msg, window.location.origin);
      sent = true;
    }
  }
  function send() {
    try {
      if (window.Office && Office.context && Office.context.ui && Office.context.ui.messageParent) {
        Office.context.ui.messageParent(JSON.stringify(msg));
        sent = true;
        return;
      }
    } catch (e) {
      /* not inside an Office dialog */
    }
    viaOpener();
  }
  if (window.Office && typeof Office.onReady === "function") {
    Office.onReady(send);
  } else {
    send();
  }
})();
`;

function failurePage(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  action: string,
  intuitTid?: string
): FastifyReply {
  const error: AuthFailure["error"] = {
    code,
    message,
    action,
  };
  if (intuitTid !== undefined) error.intuitTid = intuitTid;
  return reply
    .code(status)
    .header("cache-control", "no-store")
    .type("text/html; charset=utf-8")
    .send(resultPage({ type: "revrec-auth", ok: false, error }));
}

function foreignStart(): ApiError {
  return new ApiError(403, {
    code: "forbidden_origin",
    message: "This sign-in was started by a web page that is not RevRec for Excel.",
    action: "Click Connect to QuickBooks in the add-in's task pane.",
  });
}

export function registerAuthRoutes(untyped: FastifyInstance, rt: Runtime): void {
  const app = untyped.withTypeProvider<TypeBoxTypeProvider>();
  app.get("/auth/qbo/result.js", async (_req, reply) =>
    reply.type("text/javascript; charset=utf-8").header("cache-control", "no-cache").send(RESULT_JS)
  );

  // The pane's same-origin ask for a ticket (signInTickets.ts); another site can neither make it nor read it.
  app.post("/auth/qbo/ticket", { schema: { body: EmptyBodySchema } }, async (req) => {
    if (fromAnotherSite(req.headers, rt.allowedOrigins)) throw foreignStart();
    const ticket: SignInTicket = { ticket: rt.signInTickets.issue() };
    return ticket;
  });

  app.get(
    "/auth/qbo/start",
    { schema: { querystring: SignInStartQuerySchema } },
    async (req, reply) => {
      // Another site may not start (and so crowd out) anyone's sign-in. The dialog's own navigation is `none` or
      // `same-origin`, or, in Excel on the web, cross-site with the ticket the pane obtained.
      const { ticket } = req.query;
      const ticketed = ticket !== undefined && rt.signInTickets.valid(ticket);
      if (!ticketed && fromAnotherSite(req.headers, rt.allowedOrigins)) {
        req.log.warn({ origin: req.headers.origin }, "sign-in started by another site refused");
        const refused = foreignStart();
        if (isNavigation(req.headers))
          return failurePage(
            reply,
            403,
            refused.body.code,
            refused.body.message,
            refused.body.action
          );
        throw refused;
      }
      const existing = cookies(req).get(COOKIE);
      const binding =
        existing !== undefined && BINDING_RE.test(existing)
          ? existing
          : randomBytes(24).toString("base64url");
      const state = await rt.store.signIns.issue(binding);
      if (state === undefined) {
        return failurePage(
          reply,
          503,
          "busy",
          "Too many sign-ins are in progress.",
          "Wait a few minutes and try again."
        );
      }
      return reply
        .header(
          "set-cookie",
          `${COOKIE}=${binding}; Path=/auth/qbo; HttpOnly; Secure; SameSite=Lax; Max-Age=${PENDING_LIMITS.ttlMs / 1000}`
        )
        .header("cache-control", "no-store")
        .redirect(authorizeUrl(rt.oauth, state), 302);
    }
  );

  app.get(
    "/auth/qbo/callback",
    { schema: { querystring: SignInCallbackQuerySchema } },
    async (req, reply) => {
      const q = req.query;
      const str = (k: keyof typeof q): string => q[k] ?? "";
      const state = str("state");
      // Used up here (single use); a state from another browser is neither accepted nor used up.
      if (!(await rt.store.signIns.take(state, cookies(req).get(COOKIE)))) {
        req.log.warn({ hasState: state !== "" }, "OAuth callback with an invalid state refused");
        return failurePage(
          reply,
          400,
          "invalid_state",
          "This sign-in could not be verified (it expired, was already used, or was started in another window).",
          "Close this window and click Connect to QuickBooks again."
        );
      }
      const error = str("error");
      if (error !== "") {
        return error === "access_denied"
          ? failurePage(
              reply,
              200,
              "access_denied",
              "You cancelled the connection to QuickBooks.",
              "Click Connect to QuickBooks to try again."
            )
          : failurePage(
              reply,
              400,
              "authorization_failed",
              `QuickBooks did not authorize the connection (${error}).`,
              "Click Connect to QuickBooks to try again."
            );
      }
      const code = str("code");
      const realmId = str("realmId");
      if (
        code === "" ||
        realmId === "" ||
        code.length > 2048 ||
        !/^[0-9A-Za-z_-]{1,64}$/.test(realmId)
      ) {
        return failurePage(
          reply,
          400,
          "authorization_failed",
          "QuickBooks' answer was incomplete (no code or company id).",
          "Click Connect to QuickBooks to try again."
        );
      }
      let tokens;
      try {
        const qs = new URLSearchParams({ code, state, realmId }).toString();
        tokens = await withTokenRetries(
          () => exchangeCode(rt.oauth, `${rt.oauth.redirectUri}?${qs}`, realmId),
          rt.config.qbo
        );
      } catch (e) {
        const f = e instanceof OAuthFailure ? e : undefined;
        req.log.warn(
          { error: f?.error, status: f?.status, intuitTid: f?.intuitTid },
          "authorization code exchange failed"
        );
        if (f?.refused === true)
          return failurePage(
            reply,
            502,
            "token_exchange_failed",
            "QuickBooks refused to complete the connection.",
            "Close this window and click Connect to QuickBooks again.",
            f.intuitTid
          );
        if (f?.kind === "throttled")
          return failurePage(
            reply,
            429,
            "qbo_throttled",
            "QuickBooks is handling too many sign-ins right now.",
            "Wait a minute, then close this window and click Connect to QuickBooks again.",
            f.intuitTid
          );
        return failurePage(
          reply,
          503,
          "qbo_unavailable",
          "QuickBooks' sign-in service could not be reached.",
          "Check your connection, then click Connect to QuickBooks again.",
          f?.intuitTid
        );
      }
      const session = await rt.connections.connect(tokens, "");
      let companyName = "";
      const company = await rt.connections.company(session.key);
      if (company !== undefined) {
        try {
          const prefs = await rt.data(company).preferences(true);
          companyName = prefs.companyName;
          await rt.connections.setCompanyName(session.key, companyName);
        } catch (e) {
          req.log.warn(
            { error: e instanceof QboError ? e.code : String(e) },
            "company name could not be read"
          );
        }
      }
      req.log.info({ realmId, environment: rt.environment }, "company connected");
      return reply
        .header("cache-control", "no-store")
        .header(
          "set-cookie",
          `${COOKIE}=; Path=/auth/qbo; HttpOnly; Secure; SameSite=Lax; Max-Age=0`
        )
        .type("text/html; charset=utf-8")
        .send(
          resultPage({
            type: "revrec-auth",
            ok: true,
            sessionToken: session.sessionToken,
            realmId,
            companyName,
            environment: rt.environment,
            expiresAt: new Date(session.expiresAt).toISOString(),
          })
        );
    }
  );
}
