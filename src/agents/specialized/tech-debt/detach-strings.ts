/**
 * A copy of `value` (plain objects, arrays and primitives; typed arrays are kept as they are) whose
 * strings share no memory with any string outside it. V8 makes a substring of 13 or more characters
 * (a function's name, a to-do's words) a view into the string it was cut from, and a string built
 * from such a view keeps it: so a name kept from a parsed file would keep that file's whole text
 * alive, a megabyte a file. Equal strings in `value` become one copy.
 */
export function detachStrings<T>(value: T): T {
  const copies = new Map<string, string>();
  const copyOf = (text: string): string => {
    let copy = copies.get(text);
    if (copy === undefined) {
      // Through UTF-16 bytes: a new flat string, every code unit kept (lone surrogates too).
      copy = Buffer.from(text, "utf16le").toString("utf16le");
      copies.set(text, copy);
    }
    return copy;
  };
  const detach = (item: unknown): unknown => {
    if (typeof item === "string") return copyOf(item);
    if (Array.isArray(item)) return item.map(detach);
    if (item === null || typeof item !== "object" || ArrayBuffer.isView(item)) return item;
    return Object.fromEntries(Object.entries(item).map(([key, field]) => [key, detach(field)]));
  };
  return detach(value) as T;
}
