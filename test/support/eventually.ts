/** Polls until `probe` returns something truthy (work done out of band, on the queue), or fails. */
export async function eventually<T>(probe: () => Promise<T | null | undefined | false>, what = 'condition', timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
