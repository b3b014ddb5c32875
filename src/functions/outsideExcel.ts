/* global globalThis */
// Imported before ./functions: custom-functions-metadata-plugin appends top-level `CustomFunctions.associate`
// calls to functions.ts. Excel's runtime defines CustomFunctions before the page's scripts run; a browser (the
// pane opened outside Office) does not, and the calls would throw "CustomFunctions is not defined" on every
// load. Outside Excel there is nothing to register the functions with, so associating does nothing there.
if (!Reflect.has(globalThis, "CustomFunctions")) {
  Reflect.set(globalThis, "CustomFunctions", { associate: () => undefined });
}
