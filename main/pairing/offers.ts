// Pairing offers: each QR code / typed code the desktop shows is one offer. An offer is good for
// one device, for a short time (research/security.md §2: 120 s, single use). A token that was
// already used stays remembered until well after it would have expired, so a replayed code is
// refused as "already used" rather than looking unknown.
import { newPairingCode, pairingKeyFromCode, pairingTokenFromCode, constantTimeEqual } from '../contracts/sealed.ts';

export const DEFAULT_OFFER_TTL_MS = 120_000;

export interface PairingOffer {
  code: string;
  token: string;
  key: Uint8Array;
  createdAtMs: number;
  expiresAtMs: number;
}

export type ConsumeResult =
  | { ok: true; offer: PairingOffer }
  | { ok: false; reason: 'unknown' | 'expired' | 'used' };

interface OfferSlot {
  offer: PairingOffer;
  usedAtMs: number | null;
}

export class PairingOffers {
  private readonly slots: OfferSlot[] = [];

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = DEFAULT_OFFER_TTL_MS,
    /** Keeps memory bounded even if someone holds the "new code" button down. */
    private readonly maxOffers = 16,
  ) {}

  create(): PairingOffer {
    this.prune();
    const code = newPairingCode();
    const createdAtMs = this.now();
    const offer = { code, token: pairingTokenFromCode(code), key: pairingKeyFromCode(code), createdAtMs, expiresAtMs: createdAtMs + this.ttlMs };
    this.slots.push({ offer, usedAtMs: null });
    while (this.slots.length > this.maxOffers) this.slots.shift();
    return offer;
  }

  /** Takes the offer for `token`: succeeds once, only before it expires. */
  consume(token: string): ConsumeResult {
    const t = this.now();
    // Compare against every slot so timing does not reveal which tokens exist.
    let found: OfferSlot | undefined;
    for (const slot of this.slots) if (constantTimeEqual(slot.offer.token, token)) found = slot;
    if (!found) return { ok: false, reason: 'unknown' };
    if (found.usedAtMs !== null) return { ok: false, reason: 'used' };
    if (t >= found.offer.expiresAtMs) return { ok: false, reason: 'expired' };
    found.usedAtMs = t;
    return { ok: true, offer: found.offer };
  }

  /** When the last offer that can still be used expires; null when none can. */
  openUntilMs(): number | null {
    const t = this.now();
    const open = this.slots.filter((s) => s.usedAtMs === null && s.offer.expiresAtMs > t).map((s) => s.offer.expiresAtMs);
    return open.length > 0 ? Math.max(...open) : null;
  }

  /** Withdraws every open offer (e.g. the agent closed the pairing dialog). */
  cancelAll(): void {
    for (const slot of this.slots) slot.usedAtMs ??= this.now();
  }

  private prune(): void {
    // Keep used and expired offers for one more TTL so a replay is named as such.
    const horizon = this.now() - this.ttlMs;
    for (let i = this.slots.length - 1; i >= 0; i--) if (this.slots[i]!.offer.expiresAtMs < horizon) this.slots.splice(i, 1);
  }
}

export function describeRefusal(reason: 'unknown' | 'expired' | 'used'): string {
  switch (reason) {
    case 'unknown': return 'pairing code not recognised: check it for typing errors, or ask the agent for a new code';
    case 'expired': return 'pairing code expired: ask the agent for a new code';
    case 'used': return 'pairing code already used: each code pairs one device';
  }
}
