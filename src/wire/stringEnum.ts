import { Type } from "@sinclair/typebox";

/**
 * A string from a fixed set, as a plain JSON-schema `enum` (for request schemas): a union of literals would be an
 * `anyOf`, and a wrong value would be reported once per choice instead of once.
 */
export const StringEnum = <T extends string[]>(values: [...T]) =>
  Type.Unsafe<T[number]>({ type: "string", enum: values });
