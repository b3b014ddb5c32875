#!/usr/bin/env node
// The command is written in TypeScript; tsx runs it without a separate build step.
require("tsx/cjs");
require("../src/cli/main.ts");
