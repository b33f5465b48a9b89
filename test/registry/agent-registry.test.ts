import { AgentRegistry } from "../../src/registry/agent-registry.js";
import { describeRegistryContract } from "./registry-contract.js";

describeRegistryContract("in-memory AgentRegistry", (clock, options) => Promise.resolve(new AgentRegistry(clock, options)));
