/** GitHub's contents API answer for a file. */
export function fileContents(text: string) {
  return { type: "file", encoding: "base64", content: Buffer.from(text).toString("base64") };
}

/** The patch GitHub sends for a file added whole. */
export function addedPatch(text: string): string {
  const lines = text.split("\n").filter((_, i, all) => i < all.length - 1 || all[i] !== "");
  return [`@@ -0,0 +1,${lines.length} @@`, ...lines.map((line) => `+${line}`)].join("\n");
}
