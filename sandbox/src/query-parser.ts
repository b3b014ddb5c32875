/**
 * The QBO query language: SELECT * | COUNT(*) FROM Entity [WHERE c AND c ...] [ORDERBY f [ASC|DESC], ...]
 * [STARTPOSITION n] [MAXRESULTS n]. OR, joins, projections and the rest are parse errors (4000).
 */
import { Faults } from "./errors";

export type Value = string | number | boolean;
/** QBO's operators (reference §2.4); `!=` and `<>` are tokens only so that the parse error names them. */
export type Op = "=" | "<" | ">" | "<=" | ">=" | "IN" | "LIKE";

export interface Condition {
  field: string;
  op: Op;
  values: Value[];
}

export interface Query {
  count: boolean;
  entity: string;
  where: Condition[];
  orderBy: { field: string; desc: boolean }[];
  startPosition?: number;
  maxResults?: number;
}

interface Token {
  kind: "word" | "string" | "number" | "punct";
  text: string;
  col: number;
}

function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql.charAt(i);
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const col = i + 1;
    if (c === "'") {
      let s = "";
      i++;
      for (;;) {
        if (i >= sql.length)
          throw Faults.queryParse(`Lexical error at line 1, column ${col}. Unterminated string`);
        const ch = sql.charAt(i);
        if (ch === "\\" && i + 1 < sql.length) {
          s += sql.charAt(i + 1);
          i += 2;
        } else if (ch === "'") {
          i++;
          break;
        } else {
          s += ch;
          i++;
        }
      }
      out.push({ kind: "string", text: s, col });
    } else if (/[0-9-]/.test(c) && /^-?\d/.test(sql.slice(i, i + 2))) {
      const m = /^-?\d+(\.\d+)?/.exec(sql.slice(i));
      const t = m ? m[0] : c;
      out.push({ kind: "number", text: t, col });
      i += t.length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(sql.slice(i));
      const t = m ? m[0] : c;
      out.push({ kind: "word", text: t, col });
      i += t.length;
    } else {
      const two = sql.slice(i, i + 2);
      if (two === "<=" || two === ">=" || two === "!=" || two === "<>") {
        out.push({ kind: "punct", text: two, col });
        i += 2;
      } else if ("*(),=<>".includes(c)) {
        out.push({ kind: "punct", text: c, col });
        i++;
      } else {
        throw Faults.queryParse(`Lexical error at line 1, column ${col}.  Encountered: "${c}"`);
      }
    }
  }
  return out;
}

class Parser {
  private pos = 0;
  constructor(private readonly toks: Token[]) {}

  private peek(): Token | undefined {
    return this.toks[this.pos];
  }

  private fail(t: Token | undefined): never {
    if (!t) throw Faults.queryParse('Encountered "<EOF>" at line 1.');
    throw Faults.queryParse(
      `Encountered " ${t.text.toUpperCase()} "${t.text} "" at line 1, column ${t.col}.`
    );
  }

  private isWord(w: string): boolean {
    const t = this.peek();
    return t?.kind === "word" && t.text.toUpperCase() === w;
  }

  private expectWord(w: string): void {
    if (!this.isWord(w)) this.fail(this.peek());
    this.pos++;
  }

  private expectPunct(p: string): void {
    const t = this.peek();
    if (t?.kind !== "punct" || t.text !== p) this.fail(t);
    this.pos++;
  }

  private word(): string {
    const t = this.peek();
    if (t?.kind !== "word") this.fail(t);
    this.pos++;
    return t.text;
  }

  private integer(): number {
    const t = this.peek();
    if (t?.kind !== "number" || !/^\d+$/.test(t.text)) this.fail(t);
    this.pos++;
    return Number(t.text);
  }

  private value(): Value {
    const t = this.peek();
    if (!t) this.fail(t);
    this.pos++;
    if (t.kind === "string") return t.text;
    if (t.kind === "number") return Number(t.text);
    if (t.kind === "word" && /^(true|false)$/i.test(t.text)) return t.text.toLowerCase() === "true";
    return this.fail(t);
  }

  parse(): Query {
    this.expectWord("SELECT");
    let count = false;
    const t = this.peek();
    if (t?.kind === "punct" && t.text === "*") this.pos++;
    else if (this.isWord("COUNT")) {
      this.pos++;
      this.expectPunct("(");
      this.expectPunct("*");
      this.expectPunct(")");
      count = true;
    } else this.fail(t);
    this.expectWord("FROM");
    const entity = this.word();
    const q: Query = { count, entity, where: [], orderBy: [] };
    if (this.isWord("WHERE")) {
      this.pos++;
      q.where.push(this.condition());
      while (this.isWord("AND")) {
        this.pos++;
        q.where.push(this.condition());
      }
    }
    if (this.isWord("ORDERBY") || this.isWord("ORDER")) {
      if (this.isWord("ORDER")) {
        this.pos++;
        this.expectWord("BY");
      } else this.pos++;
      for (;;) {
        const field = this.word();
        let desc = false;
        if (this.isWord("DESC")) {
          desc = true;
          this.pos++;
        } else if (this.isWord("ASC")) this.pos++;
        q.orderBy.push({ field, desc });
        const c = this.peek();
        if (c?.kind === "punct" && c.text === ",") this.pos++;
        else break;
      }
    }
    for (;;) {
      if (this.isWord("STARTPOSITION")) {
        this.pos++;
        q.startPosition = this.integer();
      } else if (this.isWord("MAXRESULTS")) {
        this.pos++;
        q.maxResults = this.integer();
      } else break;
    }
    if (this.pos < this.toks.length) this.fail(this.peek());
    return q;
  }

  private condition(): Condition {
    const field = this.word();
    const t = this.peek();
    if (t?.kind === "punct" && ["=", "<", ">", "<=", ">="].includes(t.text)) {
      this.pos++;
      return { field, op: t.text as Op, values: [this.value()] };
    }
    if (this.isWord("IN")) {
      this.pos++;
      this.expectPunct("(");
      const values = [this.value()];
      for (;;) {
        const c = this.peek();
        if (c?.kind === "punct" && c.text === ",") {
          this.pos++;
          values.push(this.value());
        } else break;
      }
      this.expectPunct(")");
      return { field, op: "IN", values };
    }
    if (this.isWord("LIKE")) {
      this.pos++;
      const v = this.value();
      if (typeof v !== "string") this.fail(this.toks[this.pos - 1]);
      return { field, op: "LIKE", values: [v] };
    }
    return this.fail(t);
  }
}

export function parseQuery(sql: string): Query {
  return new Parser(tokenize(sql.trim().replace(/;$/, ""))).parse();
}
