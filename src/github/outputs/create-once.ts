import { mayHaveTakenEffect } from "../../errors.js";

/**
 * Creates something that is found again by its marker (a comment, an issue, a pull request). When
 * the create's answer is lost (no answer in time, a 5xx), GitHub may have created it all the same:
 * it is looked for again before the error goes on, so a retry never makes a second one.
 */
export async function createOnce<T>(create: () => Promise<T>, findAgain: () => Promise<T | undefined>): Promise<T> {
  try {
    return await create();
  } catch (error) {
    if (!mayHaveTakenEffect(error)) throw error;
    const found = await findAgain();
    if (found === undefined) throw error;
    return found;
  }
}
