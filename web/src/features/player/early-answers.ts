/**
 * API answers a page asked for before the app existed (the /watch boot script, watch-boot.ts),
 * held for the player's endpoints to take instead of asking again. Each answer is taken once (a
 * later refetch, such as a re-authorization, asks the API afresh) and only while it is young.
 */

/** How old an early answer may be when the player takes it: the one asked for while this page loaded. */
export const EARLY_ANSWER_MAX_AGE_MS = 15_000;

interface Held {
  readonly response: Promise<Response>;
  readonly askedAt: number;
}

const held = new Map<string, Held>();

/** Holds the answer to `apiPath` (`/api/…`, as asked), asked now. */
export function holdEarlyAnswer(apiPath: string, response: Promise<Response>, now: number = Date.now()): void {
  // An early request that fails is the player's to report when it takes it; never unhandled here.
  response.catch(() => undefined);
  held.set(apiPath, { response, askedAt: now });
}

/** The held answer to `apiPath`, once, if it is young enough; undefined otherwise (ask the API). */
export function takeEarlyAnswer(apiPath: string, now: number = Date.now()): Promise<Response> | undefined {
  const answer = held.get(apiPath);
  held.delete(apiPath);
  return answer && now - answer.askedAt <= EARLY_ANSWER_MAX_AGE_MS ? answer.response : undefined;
}

/** Tests: nothing held. */
export function forgetEarlyAnswers(): void {
  held.clear();
}
