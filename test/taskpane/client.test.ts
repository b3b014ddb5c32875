import { ApiError } from "../../src/wire";
import { ApiClient } from "../../src/taskpane/api/client";
import { toPaneError } from "../../src/taskpane/controller";

function respond(status: number, body: unknown) {
  return async () =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

describe("the backend client", () => {
  it("sends the session token and turns error bodies into what the pane shows", async () => {
    const seen: (string | undefined)[] = [];
    const client = new ApiClient(
      "https://localhost:3000",
      () => "rrs_abc",
      async (url, init) => {
        seen.push(url, new Headers(init?.headers).get("authorization") ?? undefined);
        return respond(409, {
          error: {
            code: "period_closed",
            message: "QuickBooks books are closed through 2026-02-28.",
            action: "Post to a later period.",
            intuitTid: "1-abc",
          },
        })();
      }
    );
    const err = await client
      .postJournal({ period: "2026-02", adjustment: 0, lines: [] })
      .catch((e: unknown) => e);
    expect(seen).toEqual(["https://localhost:3000/api/journal", "Bearer rrs_abc"]);
    expect(err).toBeInstanceOf(ApiError);
    expect(toPaneError(err)).toEqual({
      message: "QuickBooks books are closed through 2026-02-28.",
      action: "Post to a later period.",
      details: "code period_closed · Intuit transaction id 1-abc",
    });
  });

  it("explains an unreachable service and an unexpected answer in plain language", async () => {
    const down = new ApiClient(
      "https://localhost:3000",
      () => undefined,
      async () => {
        throw new TypeError("Failed to fetch");
      }
    );
    expect(toPaneError(await down.status().catch((e: unknown) => e))).toMatchObject({
      message: "The RevRec service could not be reached.",
      action:
        "Check your connection and that the RevRec service is running (npm start), then try again.",
    });
    const odd = new ApiClient(
      "https://localhost:3000",
      () => undefined,
      respond(502, "<html>bad gateway</html>")
    );
    expect(toPaneError(await odd.status().catch((e: unknown) => e)).message).toBe(
      "The RevRec service answered with an unexpected error (502)."
    );
  });
});
