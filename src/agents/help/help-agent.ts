import { renderHelp } from "../../commands/index.js";
import type { Agent, AgentContext, Task, TaskResult } from "../agent.js";
import { LIST_COMMANDS } from "./help-capability.js";

/** Answers /help: the command catalog with each command's usage and the role it needs here. */
export class HelpAgent implements Agent {
  readonly id = "help";

  execute(task: Task, ctx: AgentContext): Promise<TaskResult> {
    const started = ctx.clock.now().getTime();
    const { available, roles } = LIST_COMMANDS.input.parse(task.inputData);
    return Promise.resolve({
      taskId: task.id,
      agentId: this.id,
      success: true,
      output: { markdown: renderHelp(available, roles) },
      evidence: [],
      metrics: { durationMs: ctx.clock.now().getTime() - started, cost: 0 },
    });
  }
}
