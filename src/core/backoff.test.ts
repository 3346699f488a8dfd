import { expect } from '@open-wc/testing';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  it('doubles from the base up to the cap when there is no jitter', () => {
    const schedule = [0, 1, 2, 3, 4, 5, 6, 10].map((n) => backoffDelay(n, { jitter: 0 }));
    expect(schedule).to.deep.equal([500, 1000, 2000, 4000, 8000, 15000, 15000, 15000]);
  });

  it('takes off at most the jitter share, at random', () => {
    expect(backoffDelay(2, { jitter: 0.5 }, () => 0)).to.equal(2000);
    expect(backoffDelay(2, { jitter: 0.5 }, () => 0.5)).to.equal(1500);
    expect(backoffDelay(2, { jitter: 0.5 }, () => 0.999)).to.equal(1001);
    for (let i = 0; i < 50; i++) {
      const delay = backoffDelay(8);
      expect(delay).to.be.within(7500, 15000);
    }
  });

  it('follows its options', () => {
    const schedule = [0, 1, 2, 3].map((n) => backoffDelay(n, { base: 100, factor: 3, max: 1000, jitter: 0 }));
    expect(schedule).to.deep.equal([100, 300, 900, 1000]);
  });
});
