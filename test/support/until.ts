/** Polls `probe` until it returns something truthy (and returns that), or fails naming `what`. */
export async function until<T>(
  what: string,
  probe: () => Promise<T> | T,
  timeoutMs = 30_000,
  intervalMs = 25,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
