/**
 * The token file of earlier versions (`.revrec/tokens.enc.json`: companies, sessions and postings in one encrypted
 * file) moved into the database at the first start that finds it, then renamed `….migrated` so that it is moved
 * once. What the database already has wins.
 */
import { promises as fs } from "node:fs";

import { ConfigError } from "../config";
import type { CompanyRecord } from "./companies";
import { decrypt, isEnvelope } from "./envelope";
import type { PostingRecord } from "./ledger";
import type { SessionRecord } from "./sessions";
import type { Store } from "./index";

interface TokenFile {
  companies?: Record<string, CompanyRecord>;
  sessions?: Record<string, SessionRecord>;
  postings?: Record<string, PostingRecord>;
}

export interface Imported {
  companies: number;
  sessions: number;
  postings: number;
  /** Where the file is now. */
  renamedTo: string;
}

async function readTokenFile(file: string, key: Buffer): Promise<TokenFile | undefined> {
  let raw: string;
  try {
    raw = await fs.readFile(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
  let envelope: unknown;
  try {
    envelope = JSON.parse(raw);
  } catch {
    throw new ConfigError(
      `The token file ${file} is not readable (not JSON). Move it away to start afresh.`
    );
  }
  if (!isEnvelope(envelope))
    throw new ConfigError(`The token file ${file} is not a RevRec token store.`);
  try {
    return JSON.parse(decrypt(key, envelope)) as TokenFile;
  } catch {
    throw new ConfigError(
      `The token file ${file} cannot be decrypted with the configured key (REVREC_ENCRYPTION_KEY or the key file). Use the key it was written with, or move it away and reconnect.`
    );
  }
}

/** Move `file` into the store when it exists; undefined when there is none. */
export async function importTokenFile(
  store: Store,
  file: string,
  key: Buffer
): Promise<Imported | undefined> {
  const data = await readTokenFile(file, key);
  if (data === undefined) return undefined;
  const companies = Object.values(data.companies ?? {});
  const sessions = Object.entries(data.sessions ?? {});
  const postings = Object.values(data.postings ?? {});
  let movedSessions = 0;
  for (const c of companies)
    if ((await store.companies.get(c.key)) === undefined) await store.companies.put(c);
  for (const [hash, s] of sessions) {
    // A session of a company the file no longer holds was already signed out.
    if ((await store.companies.get(s.companyKey)) === undefined) continue;
    if ((await store.sessions.get(hash)) === undefined) await store.sessions.put(hash, s);
    movedSessions++;
  }
  for (const p of postings)
    if ((await store.ledger.get(p.companyKey, p.docNumber)) === undefined)
      await store.ledger.put(p);
  const renamedTo = `${file}.migrated`;
  await fs.rename(file, renamedTo);
  return {
    companies: companies.length,
    sessions: movedSessions,
    postings: postings.length,
    renamedTo,
  };
}
