// The sandbox's figures: `npm run sandbox -- --invoices 10000` time to the URL line (a fresh process, tsx included),
// in-process startSandbox, and a few request latencies against the 10000-invoice company.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { startSandbox } from "../sandbox";

const ROOT = join(__dirname, "..");

async function cliStartup(invoices: number): Promise<number> {
  const t0 = performance.now();
  const child = spawn(
    join(ROOT, "node_modules", ".bin", "tsx"),
    [join(ROOT, "sandbox", "main.ts"), "--port", "0", "--invoices", String(invoices)],
    {
      stdio: ["ignore", "pipe", "ignore"],
    }
  );
  try {
    const lines = createInterface({ input: child.stdout });
    await new Promise<string>((resolve, reject) => {
      lines.once("line", resolve);
      child.once("exit", (code) => reject(new Error(`sandbox exited ${String(code)}`)));
    });
    lines.close();
    return performance.now() - t0;
  } finally {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
}

async function timed<T>(label: string, n: number, f: () => Promise<T>): Promise<void> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await f();
  console.log(`${label}: ${((performance.now() - t0) / n).toFixed(1)} ms/request (n=${n})`);
}

export async function run(): Promise<void> {
  for (let i = 0; i < 3; i++)
    console.log(
      `tsx sandbox/main.ts --port 0 --invoices 10000 (fresh process): URL after ${(await cliStartup(10000)).toFixed(0)} ms`
    );
  const t0 = performance.now();
  const sb = await startSandbox({ invoices: 10000, autoApprove: true, throttle: false });
  console.log(
    `startSandbox({ invoices: 10000 }) in-process: ${(performance.now() - t0).toFixed(0)} ms`
  );
  try {
    const redirect = "https://localhost:3000/auth/qbo/callback";
    const auth = await fetch(
      `${sb.url}/connect/oauth2?client_id=revrec-dev&response_type=code&scope=com.intuit.quickbooks.accounting&state=b&redirect_uri=${encodeURIComponent(redirect)}`,
      { redirect: "manual" }
    );
    const code = new URL(auth.headers.get("location") ?? "").searchParams.get("code") ?? "";
    const tok = (await (
      await fetch(`${sb.url}/oauth2/v1/tokens/bearer`, {
        method: "POST",
        headers: {
          authorization: `Basic ${Buffer.from("revrec-dev:revrec-dev-secret").toString("base64")}`,
          "content-type": "application/x-www-form-urlencoded",
          accept: "application/json",
        },
        body: new URLSearchParams({
          grant_type: "authorization_code",
          code,
          redirect_uri: redirect,
        }).toString(),
      })
    ).json()) as { access_token: string };
    const h = { authorization: `Bearer ${tok.access_token}`, accept: "application/json" };
    const api = `${sb.url}/v3/company/${sb.realmId}`;
    const q = (sql: string): Promise<unknown> =>
      fetch(`${api}/query?query=${encodeURIComponent(sql)}`, { headers: h }).then((r) => r.json());
    await timed("query Invoice page of 1000", 10, () =>
      q("select * from Invoice startposition 1001 maxresults 1000")
    );
    await timed("query Invoice by DocNumber", 20, () =>
      q("select * from Invoice where DocNumber = '5001'")
    );
    await timed("TrialBalance", 10, () =>
      fetch(`${api}/reports/TrialBalance?end_date=2026-06-30`, { headers: h }).then((r) => r.json())
    );
  } finally {
    await sb.close();
  }
}
