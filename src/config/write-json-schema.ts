import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { renderJsonSchema } from "./json-schema.js";

// `npm run schema`: regenerate schema/concord.schema.json after changing the config schema.
const target = fileURLToPath(new URL("../../schema/concord.schema.json", import.meta.url));
writeFileSync(target, renderJsonSchema());
console.log(`wrote ${target}`);
