import { describe, expect, it } from "vitest";
import { isPackageName } from "../../src/commands/package-name.js";
import { isVersionSpec } from "../../src/commands/version-spec.js";

describe("isVersionSpec", () => {
  it.each(["18", "18.2", "18.2.0", "v5.0.0", "5.0.0-beta.1", "1.0.0+build.5", "^18", "~4.17", ">=4 <5", "1.x", "1.2.*", "*", "1.2.3 - 2.0.0", "^17 || ^18", "9007199254740991"])(
    "accepts %s",
    (text) => expect(isVersionSpec(text)).toBe(true),
  );

  it.each(["", "latest", "next", "99999999999999999999", "9007199254740993", "018", "1.2.3.4", "18-beta", ">>1", "^", "||", "1 ||", "1.0.0-", `1.0.0-${"a".repeat(60)}`, "18; rm -rf /", "$(id)"])(
    "refuses %j",
    (text) => expect(isVersionSpec(text)).toBe(false),
  );
});

describe("isPackageName", () => {
  it.each(["react", "@types/node", "lodash.merge", "left-pad", "JSONStream", "@scope/a_b~c", "a".repeat(214)])("accepts %s", (name) =>
    expect(isPackageName(name)).toBe(true),
  );

  it.each(["", ".hidden", "_private", "has space", "@scope", "@/x", "a/b", "../x", "node_modules", "react!", "é", "a".repeat(215), "@scope/.x"])(
    "refuses %j",
    (name) => expect(isPackageName(name)).toBe(false),
  );
});
