import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig(
  { ignores: ["node_modules/**", "dist/**", "data/**", "coverage/**", "test/fixtures/**", ".tmp/**"] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-restricted-syntax": [
        "error",
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: "Read the environment only in src/runtime or src/main.ts." },
      ],
    },
  },
  {
    // Agents are pure: no clock, no environment, no GitHub client.
    files: ["src/agents/**/*.ts", "src/protocol/**/*.ts", "src/registry/**/*.ts", "src/render/**/*.ts", "src/commands/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["probot", "@octokit/*", "octokit"] }],
      "no-restricted-properties": ["error", { object: "Date", property: "now", message: "Use the Clock from the context." }],
    },
  },
  {
    files: ["src/runtime/**/*.ts", "src/main.ts", "src/cli/**/*.ts", "test/**/*.ts", "bench/**/*.ts"],
    rules: { "no-restricted-syntax": "off" },
  },
  {
    files: ["test/**/*.ts", "bench/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
);
