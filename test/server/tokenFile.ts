/** The token file of earlier versions (`tokens.enc.json`), written as they wrote it, for the start to move in. */
import { writeFileSync } from "node:fs";

import { hashSession } from "../../src/server/connections";
import type { CompanyRecord, PostingRecord, SessionRecord } from "../../src/server/store";
import { encrypt } from "../../src/server/store/envelope";

export interface TokenFileData {
  companies: CompanyRecord[];
  /** session token → its record */
  sessions?: Record<string, SessionRecord>;
  postings?: PostingRecord[];
}

export function writeTokenFile(file: string, key: Buffer, data: TokenFileData): void {
  const plain = {
    version: 1,
    companies: Object.fromEntries(data.companies.map((c) => [c.key, c])),
    sessions: Object.fromEntries(
      Object.entries(data.sessions ?? {}).map(([token, s]) => [hashSession(token), s])
    ),
    postings: Object.fromEntries(
      (data.postings ?? []).map((p) => [`${p.companyKey}|${p.docNumber}`, p])
    ),
  };
  writeFileSync(file, JSON.stringify(encrypt(key, JSON.stringify(plain))), { mode: 0o600 });
}
