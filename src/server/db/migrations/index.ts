/**
 * Every migration, in order. A migration is never edited once released: a change to the schema is a new one. Each is
 * SQL in a .ts module, so the compiled server (dist-server) carries it without copying files.
 */
import type { Migration } from "../migrate";
import { migration001 } from "./001_store";
import { migration002 } from "./002_jobs";
import { migration003 } from "./003_sweep";

export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003];
