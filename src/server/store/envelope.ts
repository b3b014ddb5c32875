/**
 * Secrets at rest: AES-256-GCM envelopes (the companies' tokens in the database, and the token file of earlier
 * versions), and the key they are sealed with.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";

import { ConfigError } from "../config";

export interface Envelope {
  format: "revrec-token-store";
  version: 1;
  alg: "aes-256-gcm";
  iv: string;
  tag: string;
  data: string;
}

const AAD = Buffer.from("revrec-token-store-v1");

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

export function isEnvelope(v: unknown): v is Envelope {
  if (typeof v !== "object" || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    o["format"] === "revrec-token-store" &&
    typeof o["iv"] === "string" &&
    typeof o["tag"] === "string" &&
    typeof o["data"] === "string"
  );
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
