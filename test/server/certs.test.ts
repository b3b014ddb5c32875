// What npm start says about an untrusted development certificate: the reason and the exact file to trust.
import os from "node:os";
import path from "node:path";
import { generatedCerts, loadTls, trustAdvice } from "../../src/server/certs";

const DIR = path.join(os.tmpdir(), "revrec-certs-test");

describe("trustAdvice", () => {
  it("names the reason trusting failed and the CA file by its full path", async () => {
    const generated = await generatedCerts(DIR);
    generated.untrustedBecause =
      "office-addin-dev-certs could not install its CA (Command failed: sudo)";
    const advice = trustAdvice(generated) ?? [];
    expect(advice[0]).toBe(
      "The HTTPS certificate is not trusted by this machine: office-addin-dev-certs could not install its CA (Command failed: sudo)."
    );
    expect(advice[1]).toBe(`Trust this CA file, then reload the pane: ${path.join(DIR, "ca.crt")}`);
    expect(path.isAbsolute(advice[1]?.split(": ")[1] ?? "")).toBe(true);
    expect(advice.join("\n")).toMatch(/update-ca-certificates/);
  });

  it("says nothing for certificate files the operator configured", async () => {
    const generated = await generatedCerts(DIR);
    const files = await loadTls(
      {
        certFile: path.join(DIR, "localhost.crt"),
        keyFile: path.join(DIR, "localhost.key"),
        useOfficeDevCerts: false,
        generatedDir: DIR,
      },
      () => undefined
    );
    expect(files.source).toBe("files");
    expect(trustAdvice(files)).toBeUndefined();
    expect(trustAdvice({ ...generated, source: "office-addin-dev-certs" })).toBeUndefined();
  });
});
