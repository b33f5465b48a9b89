import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { buildJsonSchema, renderJsonSchema } from "../../src/config/json-schema.js";

const committed = readFileSync(new URL("../../schema/concord.schema.json", import.meta.url), "utf8");
const fixture = (name: string): unknown => parse(readFileSync(new URL(`../fixtures/config/${name}.yml`, import.meta.url), "utf8"));

describe("schema/concord.schema.json", () => {
  it("is what `npm run schema` generates from the zod schema (run it after changing the schema)", () => {
    expect(committed).toBe(renderJsonSchema());
  });

  it("agrees with parseConfig on the fixtures", () => {
    const validate = new Ajv2020({ strict: false }).compile(buildJsonSchema());

    expect(validate(fixture("valid"))).toBe(true);
    expect(validate(fixture("minimal"))).toBe(true);
    expect(validate({})).toBe(true);
    expect(validate(fixture("unknown-key"))).toBe(false);
    expect(validate(fixture("wrong-type"))).toBe(false);
    expect(validate({ incident: { autoDeploySev1: true } })).toBe(false);
    expect(validate({ commands: { roles: { deploy: "write" } } })).toBe(false);
  });

  it("documents every setting", () => {
    const undocumented: string[] = [];
    const visit = (node: Record<string, unknown>, where: string) => {
      const properties = (node.properties ?? {}) as Record<string, Record<string, unknown>>;
      for (const [key, child] of Object.entries(properties)) {
        if (typeof child.description !== "string") undocumented.push(`${where}${key}`);
        visit(child, `${where}${key}.`);
      }
    };

    visit(buildJsonSchema(), "");

    expect(undocumented).toEqual([]);
  });
});
