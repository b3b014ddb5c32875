/**
 * Sign-in tickets: what lets the Office dialog start a sign-in when its browser says another site opened it. Excel on
 * the web opens the dialog from its own page, so the dialog's first navigation to /auth/qbo/start may carry
 * `Sec-Fetch-Site: cross-site` like a hostile page's would. The pane asks for a ticket with a same-origin fetch (which
 * no other site can make and read) and puts it in the dialog's URL. Tickets are signed, not stored, so nobody can
 * exhaust them; one is good for a couple of minutes, which covers opening a dialog. Every instance signs with the same
key (REVREC_TICKET_KEY, else one kept in the database), so a ticket one issued is good at any other.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const TICKET_TTL_MS = 2 * 60 * 1000;

const TICKET_RE = /^(\d{1,15})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{43})$/;

export class SignInTickets {
  constructor(
    private readonly key: Buffer,
    private readonly now: () => number = Date.now
  ) {}

  issue(): string {
    const body = `${this.now() + TICKET_TTL_MS}.${randomBytes(12).toString("base64url")}`;
    return `${body}.${this.sign(body)}`;
  }

  /** Whether `ticket` was issued by this server and has not expired. */
  valid(ticket: string): boolean {
    const m = TICKET_RE.exec(ticket);
    if (m === null) return false;
    const body = `${m[1]}.${m[2]}`;
    const given = Buffer.from(m[3] ?? "", "base64url");
    const expected = Buffer.from(this.sign(body), "base64url");
    return (
      given.length === expected.length &&
      timingSafeEqual(given, expected) &&
      Number(m[1]) > this.now()
    );
  }

  private sign(body: string): string {
    return createHmac("sha256", this.key).update(body).digest("base64url");
  }
}
