import { closablePeriods } from "../../src/taskpane/logic/dates";

describe("the periods the Close tab offers", () => {
  it("are the months that have ended, latest first: never the month under way", () => {
    expect(closablePeriods("2026-11-26", 3)).toEqual(["2026-10", "2026-09", "2026-08"]);
    expect(closablePeriods("2026-01-01", 2)).toEqual(["2025-12", "2025-11"]);
  });
});
