/** How reconnect attempts are spaced: capped exponential backoff with jitter. */
export interface BackoffOptions {
  /** Delay before the first retry, in ms. */
  readonly base?: number;
  /** No delay is longer than this, in ms. */
  readonly max?: number;
  /** Each attempt waits this many times longer than the one before. */
  readonly factor?: number;
  /** Share of each delay that is random (0: none, 1: anywhere from 0 to the delay). */
  readonly jitter?: number;
}

export const DEFAULT_BACKOFF: Required<BackoffOptions> = { base: 500, max: 15000, factor: 2, jitter: 0.5 };

/**
 * The delay before retry number `attempt` (0 for the first): `base × factor^attempt`,
 * capped at `max`, of which the `jitter` share is random so that many clients
 * cut off together do not all come back in the same instant.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}, random: () => number = Math.random): number {
  const { base, max, factor, jitter } = { ...DEFAULT_BACKOFF, ...options };
  const ceiling = Math.min(max, base * factor ** Math.max(0, attempt));
  const spread = Math.min(1, Math.max(0, jitter));
  return Math.round(ceiling * (1 - spread * random()));
}
