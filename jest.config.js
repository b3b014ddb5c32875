/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    // Type errors are caught by `npm run typecheck`; tests only transpile, which keeps them fast.
    "^.+\\.tsx?$": ["ts-jest", { isolatedModules: true, diagnostics: false }],
  },
  moduleNameMapper: {
    // office-addin-mock imports only the OfficeApp enum from office-addin-manifest, whose
    // dependencies are ESM-only and cannot be required by jest on Node 20.
    "^office-addin-manifest$": "<rootDir>/test/stubs/office-addin-manifest.ts",
  },
  // A backend opens its embedded database (PGlite) at start: seconds of its own under a loaded machine.
  testTimeout: 60000,
};
