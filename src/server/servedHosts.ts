/**
 * The host names a loopback backend answers to. A page on any other name that reaches it got there by DNS rebinding
 * (its name re-pointed at 127.0.0.1), and must not be served: it would be same-origin with everything it read.
 */
const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]"];
/** A Host header: a name or an IPv4 address, or an IPv6 address in brackets, then an optional port. */
const HOST_RE = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::\d{1,5})?$/;

/** A check of the `Host` header against loopback's names and the public URL's host, whatever the port. */
export function servedHosts(publicUrl: string): (host: string | undefined) => boolean {
  const names = new Set([...LOOPBACK_NAMES, new URL(publicUrl).hostname]);
  return (host) => {
    const m = HOST_RE.exec((host ?? "").toLowerCase());
    return m !== null && names.has(m[1] ?? "");
  };
}
