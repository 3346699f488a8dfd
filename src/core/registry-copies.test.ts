import { expect } from '@open-wc/testing';

type RegistryModule = typeof import('./registry.js');
// The dev server serves the TypeScript source under its own name; a query string makes it a new module.

/**
 * Two copies of xmpp-elements on one page (a script tag and an npm build) are
 * two module instances: loading the module again under another URL makes one.
 */
describe('the page-wide registry', () => {
  it('is one registry for every copy of the code on the page', async () => {
    const first = (await import('./registry.js'));
    const second = (await import(/* @vite-ignore */ `${new URL('./registry.ts', import.meta.url).href}?copy=2`)) as RegistryModule;
    // Two module instances, so two Registry classes...
    expect(second.Registry).to.not.equal(first.Registry);
    // ...but one registry, found under the page-wide key.
    expect(second.registry).to.equal(first.registry);
    expect((globalThis as Record<symbol, unknown>)[Symbol.for('xmpp-elements.registry.v1')]).to.equal(first.registry);
  });

  it('hands a second copy the connection the first opened for the same account', async () => {
    const first = (await import('./registry.js'));
    const second = (await import(/* @vite-ignore */ `${new URL('./registry.ts', import.meta.url).href}?copy=3`)) as RegistryModule;
    const options = { boshUrl: 'http://127.0.0.1:1/http-bind', jid: 'copies.example.org' };
    const a = first.registry.acquire(options);
    const b = second.registry.acquire({ ...options, jid: ' Copies.Example.org ' });
    try {
      expect(b).to.equal(a);
      expect(first.registry.refCount(a)).to.equal(2);
    } finally {
      first.registry.release(a);
      second.registry.release(b);
    }
  });
});
