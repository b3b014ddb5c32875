import officeAddins from "eslint-plugin-office-addins";
import tseslint from "typescript-eslint";

export default [
  {
    ignores: ["node_modules/**", "dist/**", "coverage/**", "test/golden/**", "test-output/**", "**/*.js", "**/*.mjs"],
  },
  // The preset's TypeScript block matches .ts files only; widen it to the pane's .tsx files too.
  ...officeAddins.configs.react.map((config) =>
    config.files?.includes("**/*.{js,mjs,cjs,ts,cts,mts}")
      ? { ...config, files: ["**/*.{js,mjs,cjs,ts,cts,mts,tsx}"] }
      : config
  ),
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { project: "./tsconfig.json", tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/no-explicit-any": "error",
      // TypeScript resolves globals and types itself; no-undef misreads type-only names, and
      // no-redeclare misreads overload signatures (the compiler reports real redeclarations).
      "no-undef": "off",
      "no-redeclare": "off",
      "react/react-in-jsx-scope": "off",
    },
  },
  {
    // The engine stays pure: no host, network, clock or randomness.
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-globals": [
        "error",
        "window",
        "document",
        "fetch",
        "Office",
        "Excel",
        "CustomFunctions",
        "process",
        "console",
      ],
      "no-restricted-properties": [
        "error",
        { object: "Math", property: "random", message: "src/core is deterministic." },
        { object: "Date", property: "now", message: "src/core takes dates as arguments." },
        { object: "Number", property: "parseFloat", message: "money is never binary floating point." },
      ],
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.name='Date']", message: "src/core takes dates as data, not from the clock." },
      ],
    },
  },
];
