import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    // Compiles src/ to dist/ once per run: `npm start` and the `concord` bin run the compiled JavaScript.
    globalSetup: ["test/helpers/build-dist.ts"],
    setupFiles: ["test/setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
  },
});
