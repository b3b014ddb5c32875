import { MissingColumnError } from "../../src/workbook";
import { toPaneError } from "../../src/taskpane/paneError";

/** An error as Office.js rejects a batch with: a message and Excel's error code. */
function excelError(code: string): Error {
  return Object.assign(new Error(`Office.js says ${code}`), { code, name: "RichApi.Error" });
}

describe("the pane's error messages", () => {
  it("say what was being done and what Excel's error means, with the next step", () => {
    expect(
      toPaneError(excelError("InvalidOperationInCellEditMode"), "Could not write the tables")
    ).toEqual({
      message: "Could not write the tables: Excel is busy editing a cell (cell-edit mode).",
      action: "Press Enter or Esc in Excel to finish editing the cell, then try again.",
      details:
        "Excel error InvalidOperationInCellEditMode: Office.js says InvalidOperationInCellEditMode",
    });
    expect(toPaneError(excelError("ItemNotFound"), "Could not read the tables").message).toBe(
      "Could not read the tables: a RevRec table or sheet is no longer in the workbook (deleted or renamed meanwhile)."
    );
    expect(toPaneError(excelError("ItemNotFound"), "Could not read the tables").action).toContain(
      "run a full sync to create them again"
    );
    expect(
      toPaneError(excelError("AccessDenied"), "Could not add the waterfall sheet")
    ).toMatchObject({
      message:
        "Could not add the waterfall sheet: the workbook or the sheet is protected, or the workbook is open read-only.",
      action: expect.stringContaining("Unprotect") as unknown,
    });
    expect(toPaneError(excelError("GeneralException"), "Could not write the tables")).toMatchObject(
      {
        message: "Could not write the tables: Excel reported an internal error.",
        action: expect.stringContaining("close and reopen it") as unknown,
      }
    );
  });

  it("explain a table whose key column is gone", () => {
    expect(
      toPaneError(
        new MissingColumnError("RevRecContracts", "Obligation"),
        "Could not write the tables"
      )
    ).toEqual({
      message:
        "Could not write the tables: the RevRecContracts table has no Obligation column (renamed or deleted?).",
      action:
        "Put the column back with the header Obligation, or delete the RevRecContracts table and sync again, then try again.",
    });
  });

  it("still say what was being done for an error nobody expected", () => {
    expect(toPaneError(new Error("boom"), "Could not write the tables")).toEqual({
      message: "Could not write the tables: boom",
      action: "Try again.",
    });
    expect(toPaneError(excelError("SomethingNew"), "Could not read the tables")).toEqual({
      message: "Could not read the tables: Office.js says SomethingNew",
      action: "Try again.",
      details: "Excel error SomethingNew",
    });
  });
});
