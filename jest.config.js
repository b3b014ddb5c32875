/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  // test/hosted: several backend processes on one PostgreSQL database. They run when one is given
  // (REVREC_TEST_PG_URL), and must run in CI (CI=1 or REVREC_REQUIRE_PG=1: without the URL they fail, never pass).
  testPathIgnorePatterns:
    process.env.REVREC_TEST_PG_URL || process.env.CI === "1" || process.env.REVREC_REQUIRE_PG === "1"
      ? ["/node_modules/"]
      : ["/node_modules/", "<rootDir>/test/hosted/"],
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
