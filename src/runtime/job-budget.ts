/** A job that ran past its time budget; retried or failed like any other error. */
export class JobBudgetError extends Error {
  override readonly name = "JobBudgetError";
  constructor(readonly budgetMs: number) {
    super(`the job did not finish within ${Number((budgetMs / 1000).toFixed(1))} s`);
  }
}

export interface JobBudget {
  /** Aborts with a JobBudgetError once the budget is spent: work that races it stops and cleans up (ends its check neutral, answers its command). */
  signal: AbortSignal;
  /** Aborts `graceMs` later: whatever has not settled by then is abandoned. */
  abandoned: AbortSignal;
  /** Stops the timers once the job has settled. */
  end(): void;
}

export function startJobBudget(budgetMs: number, graceMs: number): JobBudget {
  const spent = new AbortController();
  const abandoned = new AbortController();
  const error = new JobBudgetError(budgetMs);
  const timers = [setTimeout(() => spent.abort(error), budgetMs), setTimeout(() => abandoned.abort(error), budgetMs + graceMs)];
  for (const timer of timers) timer.unref();
  return {
    signal: spent.signal,
    abandoned: abandoned.signal,
    end: () => timers.forEach(clearTimeout),
  };
}
