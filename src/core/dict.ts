// Plain objects used as dictionaries keyed by user data (item names, settings). A `{}` literal
// inherits "constructor", "toString", ... from Object.prototype, and assigning "__proto__" changes
// its prototype instead of adding a key; these helpers make such names ordinary keys.

/** An empty dictionary with no prototype: every key, "__proto__" included, is an own data key. */
export function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** The value stored under `key` itself, never one inherited from Object.prototype. */
export function own<T>(d: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(d, key) ? d[key] : undefined;
}
