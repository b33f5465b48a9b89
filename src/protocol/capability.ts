import type { z } from "zod";
import type { AgentCapability } from "./capabilities.js";
import type { TaskType } from "./task.js";

/**
 * One operation an agent offers, declared once and shared by the asker and the agent's host: the
 * registry routes on `routesTo`, the input is checked by the compiler at the asker and by the
 * schema at the host, and the answer is parsed with the output schema where it arrives.
 */
export interface Capability<In extends z.ZodType = z.ZodType, Out extends z.ZodType = z.ZodType> {
  /** Unique across capabilities, e.g. "tech-debt.scan"; travels in the request. */
  readonly id: string;
  readonly routesTo: AgentCapability;
  readonly taskType: TaskType;
  readonly input: In;
  readonly output: Out;
}

export type CapabilityInput<C extends Capability> = z.input<C["input"]>;
export type CapabilityOutput<C extends Capability> = z.output<C["output"]>;

export function defineCapability<In extends z.ZodType, Out extends z.ZodType>(capability: Capability<In, Out>): Capability<In, Out> {
  return capability;
}
