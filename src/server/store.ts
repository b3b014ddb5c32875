/**
 * The token store: companies' OAuth tokens, session-token hashes and posting records (the requestid of each
 * journal entry), in one file encrypted at rest with AES-256-GCM, written atomically (temp file, fsync, rename),
 * surviving restarts, holding several companies side by side.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";

import { ConfigError } from "./config";
import { alive } from "./fileLock";

export interface CompanyRecord {
  /** `${environment}:${realmId}` */
  key: string;
  environment: string;
  realmId: string;
  companyName: string;
  accessToken: string;
  /** epoch ms */
  accessExpiresAt: number;
  refreshToken: string;
  refreshExpiresAt: number;
  connectedAt: number;
  updatedAt: number;
}

export interface SessionRecord {
  companyKey: string;
  createdAt: number;
  lastUsedAt: number;
}

export interface PostingRecord {
  companyKey: string;
  docNumber: string;
  requestId: string;
  /** Hash of the request's content; a different content for the same DocNumber gets a new requestid. */
  bodyHash: string;
  createdAt: number;
  attempts: number;
  journalEntryId?: string;
  /**
   * When QuickBooks refused a create with this requestid unambiguously (a validation fault). QuickBooks replays the
   * answer stored for a requestid, so the next attempt, made after the cause is fixed, needs a new one.
   */
  refusedAt?: number;
  /** Written into the entry's private note: tells this backend's entry from one another backend made. */
  runId?: string;
}

interface StoreData {
  version: 1;
  companies: Record<string, CompanyRecord>;
  sessions: Record<string, SessionRecord>;
  postings: Record<string, PostingRecord>;
}

interface Envelope {
  format: "revrec-token-store";
  version: 1;
  alg: "aes-256-gcm";
  iv: string;
  tag: string;
  data: string;
}

const AAD = Buffer.from("revrec-token-store-v1");

function emptyData(): StoreData {
  return { version: 1, companies: {}, sessions: {}, postings: {} };
}

export function encrypt(key: Buffer, plaintext: string): Envelope {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(AAD);
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return {
    format: "revrec-token-store",
    version: 1,
    alg: "aes-256-gcm",
    iv: iv.toString("base64"),
    tag: cipher.getAuthTag().toString("base64"),
    data: data.toString("base64"),
  };
}

export function decrypt(key: Buffer, env: Envelope): string {
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(env.iv, "base64"));
  decipher.setAAD(AAD);
  decipher.setAuthTag(Buffer.from(env.tag, "base64"));
  return Buffer.concat([
    decipher.update(Buffer.from(env.data, "base64")),
    decipher.final(),
  ]).toString("utf8");
}

function isEnvelope(v: unknown): v is Envelope {
  if (typeof v !== "object" || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    o["format"] === "revrec-token-store" &&
    typeof o["iv"] === "string" &&
    typeof o["tag"] === "string" &&
    typeof o["data"] === "string"
  );
}

/** `<file>.<pid>.<12 hex>.tmp`: the temp file writeFileAtomic writes before renaming it over `<file>`. */
const TEMP_TAIL_RE = /^\.(\d+)\.[0-9a-f]{12}\.tmp$/;

/** Write a file atomically: a temp file in the same folder (mode 0600), fsync, then rename over the target. */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  const handle = await fs.open(tmp, "wx", 0o600);
  try {
    await handle.writeFile(content, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}

/**
 * Remove the temp files of writes to `file` that were killed before their rename. Only our own pattern, and only
 * when the process that wrote it has gone: another backend on the same folder may be writing right now.
 */
async function removeLeftoverTemps(file: string): Promise<void> {
  const dir = path.dirname(file);
  const base = path.basename(file);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return;
    throw e;
  }
  for (const name of names) {
    const m = name.startsWith(base) ? TEMP_TAIL_RE.exec(name.slice(base.length)) : null;
    if (m !== null && !alive(Number(m[1]))) await fs.rm(path.join(dir, name), { force: true });
  }
}

/** The key from configuration, else the key file (created with mode 0600 when missing). */
export async function resolveKey(configured: Buffer | undefined, keyFile: string): Promise<Buffer> {
  if (configured !== undefined) return configured;
  try {
    const raw = (await fs.readFile(keyFile, "utf8")).trim();
    const key = Buffer.from(raw, "base64");
    if (key.length !== 32)
      throw new ConfigError(`The key file ${keyFile} does not hold a 32-byte base64 key.`);
    const mode = (await fs.stat(keyFile)).mode & 0o777;
    if ((mode & 0o077) !== 0) await fs.chmod(keyFile, 0o600);
    return key;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  const key = randomBytes(32);
  await fs.mkdir(path.dirname(keyFile), { recursive: true, mode: 0o700 });
  try {
    await fs.writeFile(keyFile, `${key.toString("base64")}\n`, { flag: "wx", mode: 0o600 });
    return key;
  } catch (e) {
    // Another process created it first: use theirs.
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return resolveKey(undefined, keyFile);
    throw e;
  }
}

export class TokenStore {
  private data: StoreData = emptyData();
  private queue: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string,
    private readonly key: Buffer
  ) {}

  static async open(file: string, key: Buffer): Promise<TokenStore> {
    const store = new TokenStore(file, key);
    await removeLeftoverTemps(file);
    await store.load();
    return store;
  }

  private async load(): Promise<void> {
    let raw: string;
    try {
      raw = await fs.readFile(this.file, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return;
      throw e;
    }
    let env: unknown;
    try {
      env = JSON.parse(raw);
    } catch {
      throw new ConfigError(
        `The token store ${this.file} is not readable (not JSON). Move it away to start afresh.`
      );
    }
    if (!isEnvelope(env))
      throw new ConfigError(`The token store ${this.file} is not a RevRec token store.`);
    let plain: string;
    try {
      plain = decrypt(this.key, env);
    } catch {
      throw new ConfigError(
        `The token store ${this.file} cannot be decrypted with the configured key (REVREC_ENCRYPTION_KEY or the key file). Use the key it was written with, or move the store away and reconnect.`
      );
    }
    const parsed = JSON.parse(plain) as Partial<StoreData>;
    this.data = {
      version: 1,
      companies: parsed.companies ?? {},
      sessions: parsed.sessions ?? {},
      postings: parsed.postings ?? {},
    };
  }

  /** Persist the current state; writes are serialized, each writes the latest state. */
  private persist(): Promise<void> {
    const next = this.queue.then(() =>
      writeFileAtomic(this.file, JSON.stringify(encrypt(this.key, JSON.stringify(this.data))))
    );
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Wait for pending writes. */
  flush(): Promise<void> {
    return this.queue;
  }

  company(key: string): CompanyRecord | undefined {
    const c = this.data.companies[key];
    return c === undefined ? undefined : { ...c };
  }

  companies(): CompanyRecord[] {
    return Object.values(this.data.companies).map((c) => ({ ...c }));
  }

  async putCompany(c: CompanyRecord): Promise<void> {
    this.data.companies[c.key] = { ...c };
    await this.persist();
  }

  async removeCompany(key: string): Promise<void> {
    delete this.data.companies[key];
    for (const [h, s] of Object.entries(this.data.sessions))
      if (s.companyKey === key) delete this.data.sessions[h];
    await this.persist();
  }

  session(hash: string): SessionRecord | undefined {
    const s = this.data.sessions[hash];
    return s === undefined ? undefined : { ...s };
  }

  async putSession(hash: string, s: SessionRecord): Promise<void> {
    this.data.sessions[hash] = { ...s };
    await this.persist();
  }

  async removeSession(hash: string): Promise<void> {
    delete this.data.sessions[hash];
    await this.persist();
  }

  /** Drop sessions idle longer than `idleMs`. */
  async pruneSessions(now: number, idleMs: number): Promise<void> {
    let changed = false;
    for (const [h, s] of Object.entries(this.data.sessions)) {
      if (now - s.lastUsedAt > idleMs) {
        delete this.data.sessions[h];
        changed = true;
      }
    }
    if (changed) await this.persist();
  }

  posting(companyKey: string, docNumber: string): PostingRecord | undefined {
    const p = this.data.postings[`${companyKey}|${docNumber}`];
    return p === undefined ? undefined : { ...p };
  }

  async putPosting(p: PostingRecord): Promise<void> {
    this.data.postings[`${p.companyKey}|${p.docNumber}`] = { ...p };
    await this.persist();
  }
}
