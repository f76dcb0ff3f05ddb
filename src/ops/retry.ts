// One retry after a pause, for engines that can fail transiently (recogniser, synthesiser, knowledge
// base, LLM). An abort is never retried: the caller hung up or interrupted, nobody wants the answer.
export class AbortedError extends Error {}

export function abortableDelay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortedError("aborted"));
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      reject(new AbortedError("aborted"));
    }
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Runs `attempt`; if it throws (and the signal is not aborted), waits backoffMs and tries once more. */
export async function retryOnce<T>(attempt: () => Promise<T>, backoffMs: number, signal?: AbortSignal, onRetry?: (err: Error) => void): Promise<T> {
  try {
    return await attempt();
  } catch (err) {
    if (signal?.aborted) throw err;
    onRetry?.(err as Error);
    await abortableDelay(backoffMs, signal);
    return attempt();
  }
}
