/**
 * HTTPS certificates for the development server, in order of preference:
 * 1. REVREC_TLS_CERT / REVREC_TLS_KEY files;
 * 2. office-addin-dev-certs' `getHttpsServerOptions()` (works when its CA can be trusted, which needs admin rights);
 * 3. the certificates office-addin-dev-certs generated in ~/.office-addin-dev-certs even though trusting failed;
 * 4. a self-signed CA + localhost certificate generated here (pure JS, via office-addin-dev-certs' generator).
 * Browsers must be told to trust the CA of cases 3 and 4 (`ca.crt` beside the certificate).
 */
import { existsSync, promises as fs, readFileSync } from "node:fs";
import { X509Certificate } from "node:crypto";
import os from "node:os";
import path from "node:path";

import type { TlsConfig } from "./config";

export interface TlsMaterial {
  key: Buffer;
  cert: Buffer;
  ca?: Buffer;
  source: "files" | "office-addin-dev-certs" | "office-addin-dev-certs-untrusted" | "generated";
  caFile?: string;
  /** Why the development CA could not be trusted for this machine (office-addin-dev-certs' own words). */
  untrustedBecause?: string;
}

/**
 * What `npm start` must tell a person whose certificate this machine does not trust: why, and the exact file to
 * trust; without it Excel shows a blank pane and the browser a warning. Undefined when nothing is to be done.
 */
export function trustAdvice(tls: TlsMaterial): string[] | undefined {
  if (tls.source !== "generated" && tls.source !== "office-addin-dev-certs-untrusted")
    return undefined;
  const file =
    tls.caFile === undefined ? "ca.crt next to the certificate" : path.resolve(tls.caFile);
  return [
    `The HTTPS certificate is not trusted by this machine${tls.untrustedBecause === undefined ? "" : `: ${tls.untrustedBecause}`}.`,
    `Trust this CA file, then reload the pane: ${file}`,
    "  Windows: double-click it > Install Certificate > Local Machine > Trusted Root Certification Authorities.",
    `  macOS: sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain "${file}"`,
    `  Linux: sudo cp "${file}" /usr/local/share/ca-certificates/revrec-dev.crt && sudo update-ca-certificates;`,
    "  for Chrome or Edge also: Settings > Privacy and security > Security > Manage certificates > Authorities > Import.",
  ];
}

interface DevCerts {
  getHttpsServerOptions(
    days?: number,
    domains?: string[]
  ): Promise<{ key?: Buffer | string; cert?: Buffer | string; ca?: Buffer | string }>;
  generateCertificates(
    caPath?: string,
    certPath?: string,
    keyPath?: string,
    days?: number,
    domains?: string[]
  ): Promise<void>;
}

function loadDevCerts(): DevCerts {
  // Loaded lazily: it is a development dependency, and only needed when no certificate files are configured.

  return require("office-addin-dev-certs") as DevCerts;
}

function stillValid(certPem: Buffer, minDays = 1): boolean {
  try {
    const c = new X509Certificate(certPem);
    return Date.parse(c.validTo) - Date.now() > minDays * 24 * 3600 * 1000;
  } catch {
    return false;
  }
}

function buf(v: Buffer | string | undefined): Buffer | undefined {
  return v === undefined ? undefined : Buffer.isBuffer(v) ? v : Buffer.from(v);
}

async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let t: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<T>((_, reject) => (t = setTimeout(() => reject(new Error("timed out")), ms))),
    ]);
  } finally {
    if (t !== undefined) clearTimeout(t);
  }
}

/** A CA and a localhost/127.0.0.1 certificate in `dir` (generated once, regenerated when expiring). */
export async function generatedCerts(dir: string): Promise<TlsMaterial> {
  const ca = path.join(dir, "ca.crt");
  const crt = path.join(dir, "localhost.crt");
  const key = path.join(dir, "localhost.key");
  if (!(existsSync(crt) && existsSync(key) && existsSync(ca) && stillValid(readFileSync(crt)))) {
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    await loadDevCerts().generateCertificates(ca, crt, key, 30, ["127.0.0.1", "localhost", "::1"]);
    await fs.chmod(key, 0o600);
  }
  return {
    key: readFileSync(key),
    cert: readFileSync(crt),
    ca: readFileSync(ca),
    source: "generated",
    caFile: ca,
  };
}

export async function loadTls(cfg: TlsConfig, log: (msg: string) => void): Promise<TlsMaterial> {
  let untrustedBecause: string | undefined;
  if (cfg.certFile !== undefined && cfg.keyFile !== undefined) {
    return { key: readFileSync(cfg.keyFile), cert: readFileSync(cfg.certFile), source: "files" };
  }
  if (cfg.useOfficeDevCerts) {
    try {
      const o = await withTimeout(loadDevCerts().getHttpsServerOptions(), 20000);
      const key = buf(o.key);
      const cert = buf(o.cert);
      if (key !== undefined && cert !== undefined) {
        const m: TlsMaterial = { key, cert, source: "office-addin-dev-certs" };
        const ca = buf(o.ca);
        if (ca !== undefined) m.ca = ca;
        return m;
      }
    } catch (e) {
      untrustedBecause = `office-addin-dev-certs could not install its CA (${e instanceof Error ? e.message.split("\n")[0] : String(e)})`;
      log(`${untrustedBecause}; using its certificates untrusted or generating our own.`);
    }
    const dir = path.join(os.homedir(), ".office-addin-dev-certs");
    const crt = path.join(dir, "localhost.crt");
    const key = path.join(dir, "localhost.key");
    if (existsSync(crt) && existsSync(key) && stillValid(readFileSync(crt))) {
      const m: TlsMaterial = {
        key: readFileSync(key),
        cert: readFileSync(crt),
        source: "office-addin-dev-certs-untrusted",
        caFile: path.join(dir, "ca.crt"),
      };
      if (existsSync(path.join(dir, "ca.crt"))) m.ca = readFileSync(path.join(dir, "ca.crt"));
      if (untrustedBecause !== undefined) m.untrustedBecause = untrustedBecause;
      return m;
    }
  }
  const generated = await generatedCerts(cfg.generatedDir);
  if (untrustedBecause !== undefined) generated.untrustedBecause = untrustedBecause;
  return generated;
}
