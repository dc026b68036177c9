// Waits until the engine server answers, so windows never load a page from a server that is
// still starting (which would show Chromium's error page, or worse, race the CSP setup).

export interface WaitOptions {
  timeoutMs: number;
  intervalMs: number;
  /** Stops waiting early, e.g. when the engine process already exited. */
  signal?: AbortSignal;
}

export async function waitForHttp(url: string, options: WaitOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (options.signal?.aborted) throw new Error(`stopped waiting for ${url}: ${String(options.signal.reason)}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(Math.max(100, options.intervalMs * 4)) });
      await response.body?.cancel();
      if (response.ok) return;
      lastProblem = `HTTP ${response.status}`;
    } catch (error) {
      lastProblem = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
  }
  throw new Error(`the engine server at ${url} did not answer within ${options.timeoutMs} ms (${lastProblem})`);
}
