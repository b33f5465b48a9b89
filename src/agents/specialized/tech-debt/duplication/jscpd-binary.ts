import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

interface PlatformMap {
  PLATFORM_MAP: Record<string, { packageName: string }>;
  getPlatformKey(): string | undefined;
  describeHost(): string;
}

/** The duplication engine cannot run on this machine; the scan goes on without duplication figures. */
export class JscpdUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JscpdUnavailableError";
  }
}

/**
 * The jscpd 5 engine binary installed for this platform. The `jscpd` npm package is a thin
 * launcher whose binary comes in an optional per-platform package; resolving that package from
 * the launcher's own folder finds the version the launcher was published with, even when several
 * versions are installed (the differential test runs a second one under an alias).
 */
export function findJscpdBinary(launcherPackage = "jscpd"): string {
  let launcherDir: string;
  try {
    launcherDir = path.dirname(require.resolve(`${launcherPackage}/package.json`));
  } catch {
    throw new JscpdUnavailableError(`the ${launcherPackage} package is not installed`);
  }
  const platforms = require(path.join(launcherDir, "platform-map.js")) as PlatformMap;
  const key = platforms.getPlatformKey();
  const entry = key === undefined ? undefined : platforms.PLATFORM_MAP[key];
  if (entry === undefined) throw new JscpdUnavailableError(`jscpd has no binary for ${platforms.describeHost()}`);
  let binaryDir: string;
  try {
    binaryDir = path.dirname(require.resolve(`${entry.packageName}/package.json`, { paths: [launcherDir] }));
  } catch {
    throw new JscpdUnavailableError(`${entry.packageName} is not installed (was npm told to omit optional dependencies?)`);
  }
  return path.join(binaryDir, "bin", process.platform === "win32" ? "jscpd.exe" : "jscpd");
}
