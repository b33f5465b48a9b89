import { z } from "zod";
import { list, wholeNumber } from "./fields.js";
import { MAX_GLOBS, SafeGlob } from "./safe-glob.js";

export const DEBT_SEVERITIES = ["critical", "high", "medium", "low"] as const;
export const TEST_CODE_MODES = ["separate", "include", "exclude"] as const;
/** Where test code usually lives; Code Climate and SonarQube keep it out of the figures the same way. */
export const DEFAULT_TEST_FILES = ["**/test/**", "**/tests/**", "**/__tests__/**", "**/*.test.*", "**/*.spec.*", "**/__mocks__/**", "**/fixtures/**"];

const Thresholds = z
  .object({
    cognitive: wholeNumber(1, 1000, 15).describe("Cognitive complexity above which a function is reported (Sonar's default is 15)."),
    cyclomatic: wholeNumber(1, 1000, 10).describe("Cyclomatic complexity above which a function is reported."),
    functionLines: wholeNumber(1, 10_000, 50).describe("Lines in one function above which it is reported as too long."),
    parameters: wholeNumber(1, 100, 4).describe("Parameters of one function above which it is reported."),
    nesting: wholeNumber(1, 100, 4).describe("Depth of nested blocks above which a function is reported."),
    fileLines: wholeNumber(1, 100_000, 500).describe("Lines in one file above which it is reported as too long."),
    classMethods: wholeNumber(1, 1000, 20).describe("Methods in one class above which it is reported."),
  })
  .strict()
  .prefault({})
  .describe("Limits beyond which code is reported as tech debt.");

const Duplication = z
  .object({
    minTokens: wholeNumber(10, 10_000, 50).describe("Smallest run of identical tokens reported as duplicated code."),
    minLines: wholeNumber(2, 10_000, 5).describe("Smallest number of lines reported as duplicated code."),
  })
  .strict()
  .prefault({})
  .describe("When repeated code counts as duplication.");

const Gate = z
  .object({
    failOn: list(z.enum(DEBT_SEVERITIES, { error: `must be one of ${DEBT_SEVERITIES.join(", ")}` }), DEBT_SEVERITIES.length)
      .default(["critical", "high"])
      .describe("Severities of debt introduced by a pull request that make its check fail; an empty list only reports."),
  })
  .strict()
  .prefault({})
  .describe("The pull-request quality gate.");

export const TechDebtConfig = z
  .object({
    thresholds: Thresholds,
    duplication: Duplication,
    ignore: list(SafeGlob, MAX_GLOBS)
      .default([])
      .describe("Repository-relative globs of files never analysed, e.g. generated or vendored code."),
    tests: z
      .enum(TEST_CODE_MODES, { error: `must be one of ${TEST_CODE_MODES.join(", ")}` })
      .default("separate")
      .describe(
        "Test code: `separate` analyses it apart, with its own figures, and leaves it out of the rating, the gate and the hotspots; `include` treats it like the rest of the code; `exclude` does not analyse it.",
      ),
    testFiles: list(SafeGlob, MAX_GLOBS)
      .default(DEFAULT_TEST_FILES)
      .describe("Repository-relative globs of test files (a pattern without \"/\" matches the file name at any depth)."),
    gate: Gate,
    reportIntervalMinutes: wholeNumber(5, 10_080, 60).describe("Least time between two updates of the tech-debt report issue."),
    todoIssues: z.boolean().default(false).describe("Open one issue per new TODO/FIXME comment found on the default branch."),
  })
  .strict()
  .prefault({})
  .describe("The tech-debt tracker.");
