import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["lib/**/*.test.ts", "inngest/**/*.test.ts", "scripts/**/*.test.ts", "app/**/*.test.ts", "prisma/**/*.test.ts"],
    exclude: ["node_modules/**", ".next/**", "lib/db/generated/**"],
    globalSetup: ["scripts/test/global-setup.ts"],
    setupFiles: ["scripts/test/setup-env.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
