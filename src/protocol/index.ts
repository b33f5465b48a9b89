export * from "./evidence.js";
export * from "./ids.js";
export * from "./message.js";
export * from "./parse-message.js";
export * from "./create-message.js";
export * from "./handoff.js";
export * from "./escalation.js";
