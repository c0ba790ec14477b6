// No secret in client bundles: the browser's JavaScript must not carry connection strings, the
// session secret, or server-only modules. Runs against the last `next build` (CI builds first).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const STATIC = path.resolve(".next/static");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".js") ? [p] : [];
  });
}

describe.skipIf(!existsSync(STATIC))("client bundle", () => {
  it("contains no database URL, session secret or server-only code", () => {
    const forbidden = [/postgres(ql)?:\/\//, /NEXTAUTH_SECRET/, /APP_DB_PASSWORD/, /password_hash/, /@node-rs\/argon2/, /set_config\('app\.tenant_id'/];
    const offenders: string[] = [];
    for (const file of files(STATIC)) {
      const text = readFileSync(file, "utf8");
      for (const pattern of forbidden) if (pattern.test(text)) offenders.push(`${path.relative(STATIC, file)}: ${pattern}`);
    }
    expect(offenders).toEqual([]);
  });
});
