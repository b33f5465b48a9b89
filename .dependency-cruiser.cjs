// The layer rules of docs/architecture.md (and shared/docs/architecture.md), checked in CI by
// `npm run lint:deps`. Paths are matched anywhere under a `src/` folder, so the same rules also
// judge the deliberately wrong fixture in test/fixtures/boundaries.
const layer = (name) => `(^|/)src/${name}/`;
const anyOf = (...names) => `(^|/)src/(${names.join("|")})/`;

/** Folders that do I/O or wire the process: pure layers never reach into them. */
const OUTER = ["github", "adapters", "bus", "runtime", "agent-runtime", "web", "server", "setup", "app", "cli"];

module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      severity: "error",
      comment: "An import cycle makes load order matter and layers meaningless; split the shared part out.",
      from: {},
      to: { circular: true },
    },
    {
      name: "protocol-is-a-leaf",
      severity: "error",
      comment: "protocol/ is the shared language of every process: it depends on zod alone.",
      from: { path: layer("protocol") },
      to: { path: "(^|/)src/", pathNot: layer("protocol") },
    },
    {
      name: "ports-are-interfaces",
      severity: "error",
      comment: "ports/ declares what the core needs; it knows only the protocol.",
      from: { path: layer("ports") },
      to: { path: "(^|/)src/", pathNot: anyOf("ports", "protocol") },
    },
    {
      name: "pure-core-stays-pure",
      severity: "error",
      comment: "agents, render, commands, config, registry and state take data and return data: no GitHub, store, bus, server or process wiring.",
      from: { path: anyOf("agents", "render", "commands", "config", "registry", "state") },
      to: { path: anyOf(...OUTER) },
    },
    {
      name: "only-github-speaks-github",
      severity: "error",
      comment: "Probot and Octokit live behind the GitHub ports: only github/ (and the composition root and setup page) import them.",
      from: { pathNot: anyOf("github", "app", "setup") + "|(^|/)src/main\\.ts$" },
      to: { path: "node_modules/(probot|@octokit)/" },
    },
    {
      name: "core-uses-no-database-driver",
      severity: "error",
      comment: "Storage goes through ports; drivers are the adapters' business.",
      from: { pathNot: layer("adapters") },
      to: { path: "node_modules/(kysely|better-sqlite3|pg|ioredis|bullmq)/" },
    },
    {
      name: "adapters-serve-ports",
      severity: "error",
      comment: "Adapters implement ports; they never call features or the GitHub layer.",
      from: { path: layer("adapters") },
      to: { path: anyOf("github", "agent-runtime", "runtime", "render", "web", "server", "setup", "app", "cli", "bus") },
    },
    {
      name: "adapters-implement-feature-ports",
      severity: "error",
      comment: "A feature's repository interface lives beside the feature; its adapter may name those types, never run feature code.",
      from: { path: layer("adapters") },
      to: { path: layer("agents"), dependencyTypesNot: ["type-only"] },
    },
    {
      name: "bus-knows-messages-only",
      severity: "error",
      comment: "The bus carries protocol messages through a store port; it knows no agent and no GitHub.",
      from: { path: layer("bus") },
      to: { path: "(^|/)src/", pathNot: anyOf("bus", "protocol", "ports") + "|(^|/)src/errors\\.ts$" },
    },
    {
      name: "agent-runtime-knows-no-github",
      severity: "error",
      comment: "Hosts and clients run agents in any process: no GitHub layer, no server, no composition root.",
      from: { path: layer("agent-runtime") },
      to: { path: anyOf("github", "web", "server", "setup", "app", "cli", "runtime") },
    },
    {
      name: "github-is-not-the-root",
      severity: "error",
      comment: "The GitHub layer is wired by the composition root (app/); it does not build the runtime, the server or the CLI.",
      from: { path: layer("github") },
      to: { path: anyOf("app", "cli", "server", "setup", "web") },
    },
    {
      name: "runtime-is-built-by-the-root",
      severity: "error",
      comment: "Only the composition root (app/, main.ts) and the CLI build the runtime; everyone else may name its type.",
      from: { pathNot: anyOf("app", "cli", "runtime") + "|(^|/)src/main\\.ts$" },
      to: { path: "(^|/)src/runtime/create-runtime\\.ts$", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "nobody-imports-the-root",
      severity: "error",
      comment: "app/ wires everything; depending on it from inside makes a cycle of layers.",
      from: { path: "(^|/)src/", pathNot: layer("app") + "|(^|/)src/main\\.ts$" },
      to: { path: layer("app") },
    },
    {
      name: "cli-is-not-the-app",
      severity: "error",
      comment: "The CLI runs the same agents through the same client, on local sources: it needs no GitHub layer or server.",
      from: { path: layer("cli") },
      to: { path: anyOf("github", "web", "server", "setup", "app") },
    },
    {
      name: "cli-asks-agents",
      severity: "error",
      comment: "The CLI asks agents through the AgentClient like the app does; it never runs an agent's analysis itself.",
      from: { path: layer("cli") },
      to: { path: "(^|/)src/agents/(catalog\\.ts$|.*/(scan-repository|compare-scans|[a-z-]+-agent)\\.ts$)" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(dist|coverage)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".js", ".json"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
