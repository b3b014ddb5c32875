/**
 * A migrated embedded database made once and copied for each test that needs a fresh one: PGlite's first start (its
 * initdb) takes seconds, a copy of its files a fraction of one. The template is kept in the temp folder under a name
 * made of PGlite's version and the migrations, so a change to either makes a new one; several test processes making
 * it at once each build their own and the first to finish wins.
 */
import { createHash, randomBytes } from "node:crypto";
import { cpSync, existsSync, readFileSync, renameSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { embeddedDir } from "../../../src/server/db";
import { openEmbedded } from "../../../src/server/db/embedded";
import { migrate } from "../../../src/server/db/migrate";
import { MIGRATIONS } from "../../../src/server/db/migrations";

function templateName(): string {
  const pkg = path.join(
    path.dirname(require.resolve("@electric-sql/pglite")),
    "..",
    "package.json"
  );
  const version = (JSON.parse(readFileSync(pkg, "utf8")) as { version: string }).version;
  const h = createHash("sha256").update(version).update(JSON.stringify(MIGRATIONS)).digest("hex");
  return path.join(os.tmpdir(), `revrec-pglite-template-${h.slice(0, 16)}`);
}

let made: Promise<string> | undefined;

async function build(): Promise<string> {
  const final = templateName();
  if (existsSync(final)) return final;
  const tmp = `${final}.${process.pid}.${randomBytes(4).toString("hex")}`;
  const db = await openEmbedded(tmp);
  await migrate(db, MIGRATIONS);
  await db.close();
  try {
    renameSync(tmp, final);
  } catch {
    // another test process finished first: use its template
    rmSync(tmp, { recursive: true, force: true });
  }
  return final;
}

/** The template's folder (built on first use). */
export function embeddedTemplate(): Promise<string> {
  made ??= build();
  return made;
}

/** Put a copy of the template where a backend with data dir `dataDir` looks for its database. */
export async function seedDataDir(dataDir: string): Promise<void> {
  const target = embeddedDir(dataDir);
  if (!existsSync(target)) cpSync(await embeddedTemplate(), target, { recursive: true });
}
