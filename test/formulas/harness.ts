// A stand-in Excel for tests: HyperFormula (GPLv3, licence key "gpl-v3": a devDependency used by tests and
// scripts only, never bundled) with a FunctionPlugin that registers the same REVREC implementations the
// Excel adapters call (src/functions/impl.ts), under their REVREC.* names.
import {
  ArraySize,
  CellError,
  DetailedCellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
  type CellValue,
  type ImplementedFunctions,
  type RawCellContent,
} from "hyperformula";
import type { InterpreterState } from "hyperformula/typings/interpreter/InterpreterState";
import type { Ast, ProcedureAst } from "hyperformula/typings/parser/Ast";
import { RevRecError } from "../../src/functions/errors";
import * as disclosures from "../../src/functions/disclosures";
import * as impl from "../../src/functions/impl";
import type { Matrix } from "../../src/functions/targets";
import type { BookStore } from "../../src/functions/store";

/** How each REVREC function is called: its parameters (range = a matrix parameter in functions.json). */
interface Spec {
  params: { kind: "range" | "scalar"; optional?: boolean }[];
  call: (store: BookStore, args: unknown[]) => Matrix;
}

const R = { kind: "range" as const };
const S = { kind: "scalar" as const };
const optional = <T extends object>(p: T): T & { optional: true } => ({ ...p, optional: true });

export const SPECS: Record<string, Spec> = {
  RECOGNIZED: { params: [R, S, optional(S)], call: (s, a) => impl.recognized(s, a[0], a[1], a[2]) },
  CUMULATIVE: { params: [R, S], call: (s, a) => impl.cumulative(s, a[0], a[1]) },
  BILLED: { params: [R, S, optional(S)], call: (s, a) => impl.billed(s, a[0], a[1], a[2]) },
  DEFERRED: { params: [R, S], call: (s, a) => impl.deferred(s, a[0], a[1]) },
  UNBILLED: { params: [R, S], call: (s, a) => impl.unbilled(s, a[0], a[1]) },
  REFUND: { params: [R, S], call: (s, a) => impl.refund(s, a[0], a[1]) },
  ALLOCATED: { params: [R], call: (s, a) => impl.allocated(s, a[0]) },
  SCHEDULE: {
    params: [R, optional(S), optional(S)],
    call: (s, a) => impl.schedule(s, a[0], a[1], a[2]),
  },
  WATERFALL: { params: [S, S, optional(R)], call: (s, a) => impl.waterfall(s, a[0], a[1], a[2]) },
  JOURNAL: { params: [S, optional(S)], call: (s, a) => impl.journal(s, a[0], a[1]) },
  ALLOCATE: { params: [R, R], call: (_s, a) => impl.allocate(a[0], a[1]) },
  RPO: { params: [R, S, optional(S)], call: (s, a) => disclosures.rpo(s, a[0], a[1], a[2]) },
  ROLLFORWARD: { params: [R, optional(R)], call: (s, a) => disclosures.rollforward(s, a[0], a[1]) },
  DISAGGREGATE: {
    params: [S, R, optional(R)],
    call: (s, a) => disclosures.disaggregateRevenue(s, a[0], a[1], a[2]),
  },
  DETAIL: { params: [R, S], call: (s, a) => disclosures.detail(s, a[0], a[1]) },
  ASOF: { params: [], call: (s) => disclosures.asOf(s) },
};

let current: BookStore | undefined;

function storeNow(): BookStore {
  if (!current) throw new Error("no store: create the sheet through the harness");
  return current;
}

/** A HyperFormula value as Excel hands it to a custom function. */
function excelValue(v: unknown): unknown {
  if (v === EmptyValue || v === undefined) return null;
  if (v instanceof SimpleRangeValue) return v.rawData().map((row) => row.map(excelCell));
  if (Array.isArray(v))
    return v.map((row: unknown) => (Array.isArray(row) ? row.map(excelCell) : excelCell(row)));
  if (typeof v === "object" && v !== null && "val" in v && typeof v.val === "number") return v.val; // dates, currency
  return v;
}

/** Cells inside a range: an empty cell is "" in Excel's ranges. */
function excelCell(v: unknown): unknown {
  const x = excelValue(v);
  return x === null ? "" : x;
}

function cellError(e: RevRecError): CellError {
  return new CellError(e.kind === "#N/A" ? ErrorType.NA : ErrorType.VALUE, e.message);
}

function toHf(m: Matrix): SimpleRangeValue | CellError | number | string {
  const cells = m.map((row) => row.map((v) => (v instanceof RevRecError ? cellError(v) : v)));
  if (cells.length === 1 && cells[0]?.length === 1) return cells[0][0] ?? "";
  return SimpleRangeValue.onlyValues(cells);
}

/** Arguments Excel-style: matrix parameters always 2-D, omitted optionals null. */
function excelArgs(spec: Spec, raw: unknown[]): unknown[] {
  return spec.params.map((p, i) => {
    const v = excelValue(raw[i]);
    if (p.kind === "range" && v !== null && !Array.isArray(v)) return [[v]];
    return v;
  });
}

function run(spec: Spec, args: unknown[]): SimpleRangeValue | CellError | number | string {
  const bad = args.find((a): a is CellError => a instanceof CellError);
  if (bad) return bad; // an error argument propagates, as in Excel
  try {
    return toHf(spec.call(storeNow(), excelArgs(spec, args)));
  } catch (e) {
    if (e instanceof RevRecError) return cellError(e);
    throw e;
  }
}

class RevRecPlugin extends FunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = Object.fromEntries(
    Object.entries(SPECS).map(([name, spec]) => [
      `REVREC.${name}`,
      {
        method: "evaluate",
        sizeOfResultArrayMethod: "size",
        vectorizationForbidden: true,
        parameters: spec.params.map((p) => ({
          argumentType: p.kind === "range" ? FunctionArgumentType.ANY : FunctionArgumentType.SCALAR,
          ...(p.optional ? { optionalArg: true } : {}),
        })),
      },
    ])
  );

  evaluate(ast: ProcedureAst, state: InterpreterState) {
    const name = ast.procedureName.replace(/^REVREC\./, "");
    const spec = SPECS[name];
    if (!spec) return new CellError(ErrorType.NAME, ast.procedureName);
    return this.runFunction(
      ast.args,
      state,
      this.metadata(ast.procedureName),
      (...args: unknown[]) => run(spec, args)
    );
  }

  /**
   * The spill size, which HyperFormula needs before evaluation: the function is run on the arguments' current
   * values. Cell references are read through the dependency graph (not public API; fine for tests).
   */
  size(ast: ProcedureAst, state: InterpreterState): ArraySize {
    const spec = SPECS[ast.procedureName.replace(/^REVREC\./, "")];
    if (!spec) return ArraySize.scalar();
    try {
      const result = run(
        spec,
        ast.args.map((a) => this.peek(a, state))
      );
      if (result instanceof SimpleRangeValue) return new ArraySize(result.width(), result.height());
    } catch {
      // fall through: a scalar cell shows the error when evaluated
    }
    return ArraySize.scalar();
  }

  private peek(a: Ast, state: InterpreterState): unknown {
    switch (a.type) {
      case "NUMBER":
      case "STRING":
        return a.value;
      case "EMPTY":
        return undefined;
      case "MINUS_UNARY_OP": {
        const v = this.peek(a.value, state);
        return typeof v === "number" ? -v : v;
      }
      case "CELL_REFERENCE":
        return this.dependencyGraph.getCellValue(
          a.reference.toSimpleCellAddress(state.formulaAddress)
        );
      case "CELL_RANGE": {
        const start = a.start.toSimpleCellAddress(state.formulaAddress);
        const end = a.end.toSimpleCellAddress(state.formulaAddress);
        const rows: unknown[][] = [];
        for (let row = start.row; row <= end.row; row++) {
          const line: unknown[] = [];
          for (let col = start.col; col <= end.col; col++) {
            line.push(this.dependencyGraph.getCellValue({ sheet: start.sheet, row, col }));
          }
          rows.push(line);
        }
        return rows;
      }
      default:
        return this.evaluateAst(a, state);
    }
  }
}

const translations = {
  enGB: Object.fromEntries(Object.keys(SPECS).map((n) => [`REVREC.${n}`, `REVREC.${n}`])),
};
let registered = false;

/** A HyperFormula sheet whose REVREC.* functions read `store`. */
export function createSheet(store: BookStore, cells: RawCellContent[][]): HyperFormula {
  if (!registered) {
    HyperFormula.registerFunctionPlugin(RevRecPlugin, translations);
    registered = true;
  }
  current = store;
  // Values first, then the formulas: a spill's size is worked out when its formula is added, from the cells
  // it reads, so those must be there already (a formula above its period cells would otherwise see blanks).
  const values = cells.map((row) =>
    row.map((v) => (typeof v === "string" && v.startsWith("=") ? null : v))
  );
  const hf = HyperFormula.buildFromArray(values, {
    licenseKey: "gpl-v3",
    useArrayArithmetic: true,
  });
  hf.setCellContents({ sheet: 0, row: 0, col: 0 }, cells);
  return hf;
}

/** What the sheet shows: numbers, text, and errors as "#VALUE!: message" (the message when Excel has one). */
export function shown(v: CellValue): string | number | boolean | null {
  if (v instanceof DetailedCellError) return v.message ? `${v.value}: ${v.message}` : v.value;
  if (typeof v === "number") return Number(v.toFixed(10));
  return v;
}

/** The evaluated sheet as shown values, rows of columns. */
export function evaluate(
  store: BookStore,
  cells: RawCellContent[][]
): (string | number | boolean | null)[][] {
  const hf = createSheet(store, cells);
  const values = hf.getSheetValues(0);
  hf.destroy();
  const width = Math.max(0, ...values.map((r) => r.length));
  return values.map((row) => Array.from({ length: width }, (_, i) => shown(row[i] ?? null)));
}
