import { pino, type Logger } from "pino";

const captured: string[] = [];

/**
 * A logger for the app under test whose lines are kept instead of printed: tests that expect
 * errors (a 500 from GitHub, a bad signature) log them, and test/setup.ts prints a test's lines
 * only when that test fails.
 */
export function capturedLogger(): Logger {
  return pino({ level: "debug" }, { write: (line: string) => void captured.push(line) });
}

/** The lines logged since the last call. */
export function takeCapturedLog(): string[] {
  return captured.splice(0);
}
