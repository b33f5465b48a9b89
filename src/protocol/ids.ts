import { randomUUID } from "node:crypto";

/** Where new ids come from; injected so tests and replays get stable ids. */
export type IdGenerator = () => string;

export const randomId: IdGenerator = () => randomUUID();
