import { placeholder } from "../../src/core";
test("placeholder", () => expect(placeholder).toBe(1));
