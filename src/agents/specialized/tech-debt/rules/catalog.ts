import type { DebtCategory } from "../model.js";

/**
 * Every rule the tracker reports, with the text SARIF consumers and reports show. Rule ids are
 * part of every fingerprint and of code scanning's alert identity: never rename one.
 *
 * Remediation model (minutes per finding). Where SonarJS has the same rule its cost is kept:
 * a constant plus, for the graded complexity rules, one minute per point over the threshold.
 *
 * | rule                  | minutes                                  | origin                       |
 * |-----------------------|------------------------------------------|------------------------------|
 * | cognitive-complexity  | 5 + (value − threshold)                  | SonarJS S3776                |
 * | cyclomatic-complexity | 5 + (value − threshold)                  | same shape as S3776          |
 * | function-length       | 20                                       | SonarJS S138                 |
 * | parameter-count       | 20                                       | SonarJS S107                 |
 * | nesting-depth         | 10                                       | SonarJS S134                 |
 * | file-length           | 60                                       | SonarJS S104                 |
 * | class-methods         | 60                                       | SonarJS S1448                |
 * | explicit-any          | 5                                        | SonarJS S4204                |
 * | empty-catch           | 5                                        | SonarJS S2486                |
 * | duplicated-code       | 10 per copy                              | Sonar "duplicated blocks"    |
 * | todo-comment          | 60 for fixme, 30 for the other markers   | the seed's 1.0 h / 0.5 h     |
 */
export interface RuleDescriptor {
  id: RuleId;
  category: DebtCategory;
  /** One line: what the rule finds. */
  title: string;
  /** Why it matters and what to do, shown as SARIF help. */
  help: string;
}

export const RULE_IDS = [
  "cognitive-complexity",
  "cyclomatic-complexity",
  "function-length",
  "parameter-count",
  "nesting-depth",
  "file-length",
  "class-methods",
  "explicit-any",
  "empty-catch",
  "duplicated-code",
  "todo-comment",
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export const RULES: Readonly<Record<RuleId, RuleDescriptor>> = {
  "cognitive-complexity": {
    id: "cognitive-complexity",
    category: "complexity",
    title: "Function is hard to understand (cognitive complexity)",
    help: "Cognitive complexity counts breaks in linear flow, weighted by nesting (SonarSource's metric). Extract helpers and flatten conditions.",
  },
  "cyclomatic-complexity": {
    id: "cyclomatic-complexity",
    category: "complexity",
    title: "Function has too many paths (cyclomatic complexity)",
    help: "Cyclomatic complexity counts independent paths (ESLint's complexity rule). Each path needs a test; split the function.",
  },
  "function-length": {
    id: "function-length",
    category: "code_smell",
    title: "Function is too long",
    help: "Long functions do several things at once. Split it into smaller functions with one job each.",
  },
  "parameter-count": {
    id: "parameter-count",
    category: "code_smell",
    title: "Function takes too many parameters",
    help: "Many positional parameters are easy to pass in the wrong order. Group them into an options object.",
  },
  "nesting-depth": {
    id: "nesting-depth",
    category: "code_smell",
    title: "Control flow is nested too deeply",
    help: "Deep nesting hides the main path. Return early or extract the inner blocks.",
  },
  "file-length": {
    id: "file-length",
    category: "code_smell",
    title: "File is too long",
    help: "A very long file usually holds several responsibilities. Split it by concern.",
  },
  "class-methods": {
    id: "class-methods",
    category: "code_smell",
    title: "Class has too many methods",
    help: "A class with many methods is doing too much. Extract collaborators.",
  },
  "explicit-any": {
    id: "explicit-any",
    category: "code_smell",
    title: "Explicit any",
    help: "`any` switches type checking off. Use a precise type, a generic or `unknown` with a check.",
  },
  "empty-catch": {
    id: "empty-catch",
    category: "code_smell",
    title: "Empty catch block",
    help: "An empty catch swallows the error silently. Handle it, log it, or say in a comment why it is safe to ignore.",
  },
  "duplicated-code": {
    id: "duplicated-code",
    category: "duplication",
    title: "Duplicated code",
    help: "The same code appears elsewhere; a fix in one copy is easily missed in the other. Extract the shared part.",
  },
  "todo-comment": {
    id: "todo-comment",
    category: "todo_fixme",
    title: "TODO / FIXME comment",
    help: "Work left for later. Do it, or track it in an issue and link the issue from the comment.",
  },
};
