/** --data FILE: the whole state as JSON, written atomically (temporary file, then rename). */
import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
  unlinkSync,
} from "node:fs";
import { dirname } from "node:path";
import type { CompanySnapshot } from "./company";
import type { StoredResponse } from "./idempotency";
import type { OAuthSnapshot } from "./oauth";

export interface SandboxSnapshot {
  version: 1;
  clockOffsetMs: number;
  /** the first company */
  company: CompanySnapshot;
  /** the others, in order, when the sandbox holds more than one */
  moreCompanies?: CompanySnapshot[];
  oauth: OAuthSnapshot;
  requestIds: [string, StoredResponse][];
}

export function loadSnapshot(file: string): SandboxSnapshot | undefined {
  if (!existsSync(file)) return undefined;
  const data = JSON.parse(readFileSync(file, "utf8")) as SandboxSnapshot;
  if (data.version !== 1) throw new Error(`${file}: unknown sandbox data version`);
  return data;
}

export function saveSnapshot(file: string, snap: SandboxSnapshot): void {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(tmp, JSON.stringify(snap));
    renameSync(tmp, file);
  } catch (e) {
    if (existsSync(tmp)) unlinkSync(tmp);
    throw e;
  }
}
