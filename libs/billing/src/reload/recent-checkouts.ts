/** How long one pack link keeps sending the owner to the same Stripe Checkout (Stripe keeps it open 24 h). */
export const CHECKOUT_REUSE_MS = 30 * 60_000;
const MAX_ENTRIES = 10_000;

/**
 * The Checkout a pack link started lately, per business and pack. A pack button is a plain link (a GET
 * from a text message), so link scanners and repeated taps follow it again and again; each would
 * otherwise create a new Stripe session and spend our Stripe API quota. Per process and bounded:
 * another replica may start one more session, which is harmless.
 */
export class RecentCheckouts {
  private readonly entries = new Map<string, { url: string; until: number }>();

  get(clientId: number, dollars: number, now: number): string | null {
    const key = `${clientId}:${dollars}`;
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.until <= now) {
      this.entries.delete(key);
      return null;
    }
    return entry.url;
  }

  remember(clientId: number, dollars: number, url: string, now: number): void {
    const key = `${clientId}:${dollars}`;
    this.entries.delete(key);
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { url, until: now + CHECKOUT_REUSE_MS });
  }
}
