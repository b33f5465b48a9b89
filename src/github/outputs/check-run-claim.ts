import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import type { Clock } from "../../ports/clock.js";
import type { GitHubRepo } from "../../ports/github.js";
import { defineKey, type KeyedState } from "../../state/keyed-state.js";
import type { HandlerContext } from "../handler-context.js";
import { upsertCheckRun, type CheckRunInput } from "./check-run.js";

/** Who upserts check runs, and how long to wait for another's. */
export interface CheckRunClaims {
  state: KeyedState;
  clock: Clock;
  /** The delivery asking: a later attempt of the same delivery is the same owner. */
  owner: string;
  /** A claim whose run is still not recorded after this long is taken over (its holder died or hung). Default 60 s. */
  staleMs?: number;
  /** How often a caller waiting for another's run looks again. Default 50 ms. */
  pollMs?: number;
}

const Claim = z.object({
  owner: z.string(),
  at: z.string(),
  /** The run, once its creator has it. */
  id: z.number().optional(),
  /** The delivery that last completed the run. */
  settledBy: z.string().optional(),
});
type Claim = z.infer<typeof Claim>;

interface RunKey {
  repo: string;
  name: string;
  headSha: string;
}

const CHECK_RUN = defineKey<RunKey, Claim>("check-run", Claim, (key) => `${key.repo}@${key.headSha}:${key.name}`);

const DEFAULT_STALE_MS = 60_000;
const DEFAULT_POLL_MS = 50;

/** The claims of a delivery's handlers. */
export function checkRunClaims(ctx: Pick<HandlerContext, "runtime" | "deliveryId">): CheckRunClaims {
  return { state: ctx.runtime.state, clock: ctx.runtime.clock, owner: ctx.deliveryId };
}

/**
 * `upsertCheckRun` with one run per (repository, name, head) whatever asks at once: workers of one
 * process, or processes sharing the store. The first caller claims the key (a compare-and-set),
 * finds or creates the run and records its id; the others wait for the id and update that run.
 */
export async function upsertClaimedCheckRun(claims: CheckRunClaims, repo: GitHubRepo, input: CheckRunInput): Promise<{ id: number; created: boolean }> {
  const run = await ensureClaimedRun(claims, repo, input);
  return run.upserted ?? upsertCheckRun(repo, input, run.id);
}

/**
 * The start of a check's life: the run in progress, one per head as above. A run this delivery
 * completed in an earlier attempt stays as it is: a retry in the background does not turn a settled
 * check back to spinning, and a result it reaches replaces the old one.
 */
export async function startClaimedCheckRun(claims: CheckRunClaims, repo: GitHubRepo, input: CheckRunInput): Promise<{ id: number; settle(): Promise<void> }> {
  const { id, upserted, settledBy } = await ensureClaimedRun(claims, repo, input);
  if (upserted === undefined && settledBy !== claims.owner) await upsertCheckRun(repo, input, id);
  const key = keyOf(repo, input);
  return {
    id,
    async settle() {
      await claims.state.update(CHECK_RUN, key, (claim) => (claim?.id === id && claim.settledBy !== claims.owner ? { ...claim, settledBy: claims.owner } : undefined));
    },
  };
}

/**
 * The run's id, from the claim, or found or created under the claim: then `upserted` says so and the
 * run carries `input` already; otherwise the caller updates it.
 */
async function ensureClaimedRun(
  claims: CheckRunClaims,
  repo: GitHubRepo,
  input: CheckRunInput,
): Promise<{ id: number; upserted?: { id: number; created: boolean }; settledBy?: string }> {
  const key = keyOf(repo, input);
  const staleMs = claims.staleMs ?? DEFAULT_STALE_MS;
  for (;;) {
    const now = claims.clock.now();
    const mine: Claim = { owner: claims.owner, at: now.toISOString() };
    const { value, written } = await claims.state.update(CHECK_RUN, key, (claim) => {
      if (claim === undefined) return mine;
      // Only a claim that never got its run can be taken: by its own delivery again (a retry after a crash), or once it is stale.
      if (claim.id === undefined && (claim.owner === claims.owner || now.getTime() - Date.parse(claim.at) >= staleMs)) return mine;
      return undefined;
    });
    if (written) return createUnderClaim(claims, repo, input, mine);
    if (value?.id !== undefined) return { id: value.id, ...(value.settledBy === undefined ? {} : { settledBy: value.settledBy }) };
    await sleep(claims.pollMs ?? DEFAULT_POLL_MS);
  }
}

async function createUnderClaim(claims: CheckRunClaims, repo: GitHubRepo, input: CheckRunInput, mine: Claim): Promise<{ id: number; upserted: { id: number; created: boolean } }> {
  const key = keyOf(repo, input);
  let run: { id: number; created: boolean };
  try {
    // A run made before the claim existed (or by a holder that died after creating it) is found, not duplicated.
    run = await upsertCheckRun(repo, input);
  } catch (error) {
    // Nobody waits on a claim that cannot produce a run: the next caller claims again at once.
    await claims.state.restore(CHECK_RUN, key, mine, undefined);
    throw error;
  }
  await claims.state.update(CHECK_RUN, key, (claim) => (claim?.owner === mine.owner && claim.at === mine.at && claim.id === undefined ? { ...mine, id: run.id } : undefined));
  return { id: run.id, upserted: run };
}

function keyOf(repo: Pick<GitHubRepo, "fullName">, input: Pick<CheckRunInput, "name" | "headSha">): RunKey {
  return { repo: repo.fullName, name: input.name, headSha: input.headSha };
}
