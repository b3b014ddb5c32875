/** The local QuickBooks Online sandbox, importable from tests and `npm start`. */
import { Sandbox, type SandboxOptions } from "./src/server";

export { Sandbox, DEFAULT_COMPANY_NAME, DEFAULT_REALM_ID, type SandboxOptions } from "./src/server";
export { DEFAULT_CLIENT, type ClientRegistration } from "./src/oauth";
export { DEFAULT_BEHAVIOUR, type Behaviour } from "./src/config";
export { DEFAULT_REFERENCE_DATE } from "./src/seed";

export interface RunningSandbox {
  url: string;
  realmId: string;
  close(): Promise<void>;
  /** in-process access to the running sandbox (clock, company, faults) */
  sandbox: Sandbox;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<RunningSandbox> {
  const sandbox = await Sandbox.start(opts);
  return { url: sandbox.url, realmId: sandbox.realmId, close: () => sandbox.close(), sandbox };
}
