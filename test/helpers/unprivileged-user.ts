/**
 * Root ignores file permissions, so a test about them runs the server as `nobody` when the tests run
 * as root (as in CI); any other user is bound by them already and runs it as itself.
 */
export function unprivilegedUser(): { uid: number; gid: number } | undefined {
  return process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
}
