/**
 * Secrets every instance must share, kept in the database: the first instance to need one makes it, the others
 * read it. Also the check that the token key in use is the one the database's tokens were sealed with.
 */
import { randomBytes } from "node:crypto";

import { ConfigError } from "../config";
import type { Db } from "../db";
import { decrypt, encrypt, isEnvelope } from "./envelope";

const KEY_CHECK = "revrec-key-check";

/** The secret `name`: made (32 random bytes, base64) by whichever instance asks first. */
export async function sharedSecret(db: Db, name: string): Promise<Buffer> {
  await db.query(
    "INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
    [name, randomBytes(32).toString("base64")]
  );
  const [row] = await db.query<{ value: string }>(
    "SELECT value FROM server_secrets WHERE name = $1",
    [name]
  );
  if (row === undefined) throw new Error(`The shared secret ${name} is missing.`);
  return Buffer.from(row.value, "base64");
}

/**
 * Refuse to start with a key other than the one the database's tokens were sealed with, rather than fail on each
 * company later. The first start records a sample sealed with its key.
 */
export async function checkTokenKey(db: Db, key: Buffer): Promise<void> {
  await db.query(
    "INSERT INTO server_secrets (name, value) VALUES ('key_check', $1) ON CONFLICT (name) DO NOTHING",
    [JSON.stringify(encrypt(key, KEY_CHECK))]
  );
  const [row] = await db.query<{ value: string }>(
    "SELECT value FROM server_secrets WHERE name = 'key_check'"
  );
  let plain: string | undefined;
  try {
    const envelope: unknown = JSON.parse(row?.value ?? "");
    if (isEnvelope(envelope)) plain = decrypt(key, envelope);
  } catch {
    plain = undefined;
  }
  if (plain !== KEY_CHECK)
    throw new ConfigError(
      "The database's tokens were sealed with another key than the configured one (REVREC_ENCRYPTION_KEY or the key file). Start with the key they were written with."
    );
}
