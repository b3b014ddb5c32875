// The wire contract (README.md beside this file): schemas and the types derived from them.
export * from "./apiError";
export * from "./auth";
export * from "./balances";
export * from "./disconnect";
export * from "./empty";
export * from "./errors";
export * from "./health";
export * from "./journal";
export * from "./lists";
export * from "./ref";
export * from "./status";
export * from "./sync";
export * from "./text";
export * from "./webhooks";
