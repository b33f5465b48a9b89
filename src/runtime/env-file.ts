import { readFileSync } from "node:fs";
import path from "node:path";
import { parseEnv } from "node:util";

/** Where the setup page writes credentials and `npm start` reads them: CONCORD_ENV_FILE, else ./.env. */
export function envFilePath(env: NodeJS.ProcessEnv, cwd: string): string {
  return path.resolve(cwd, env.CONCORD_ENV_FILE || ".env");
}

/** The variables in an env file; a missing file has none. */
export function readEnvFile(file: string): NodeJS.Dict<string> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new Error(`Cannot read the env file ${file} (${reason}). Fix its permissions, or point CONCORD_ENV_FILE at another file.`, { cause: error });
  }
  return parseEnv(text);
}

/**
 * The environment Concord runs with: the env file underneath, the real environment on top, so a
 * variable set by the shell or the container always beats a stale value in the file.
 */
export function loadEnvironment(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): NodeJS.ProcessEnv {
  return { ...readEnvFile(envFilePath(env, cwd)), ...env };
}
