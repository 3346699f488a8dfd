/**
 * What a message may carry beyond its text (corrections, retractions,
 * reactions, replies, files, spoilers, encryption, references) is read by
 * extras.ts, which few pages need at first: it loads when the first stanza
 * that carries any of it arrives. The connection holds that stanza, and every
 * one after it, until extras.ts is there, so they are handled in order.
 */
/** extras.ts (with edits.ts, which applies what it reads), once it is loaded. */
export let extras: typeof import('./extras.js') | undefined;

/** The namespaces extras.ts reads. */
const EXTRA =
  /^(urn:xmpp:(message-(correct|retract|moderate)|fasten|reactions|reply|fallback|spoiler|omemo|eme|reference|styling|openpgp)|jabber:x:(oob|encrypted)|eu\.siacs\.conversations\.axolotl)/;

let loading: Promise<void> | undefined;

/** Code that imports extras.ts itself (the message actions, which build edits) hands it over here. */
export function provideExtras(module: typeof import('./extras.js')): void {
  extras = module;
}

/** Loads extras.ts (once; again after a failure). */
export function loadExtras(): Promise<void> {
  return (loading ??= import('./extras.js').then(
    (module) => {
      extras = module;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  ));
}

/** Undefined when this stanza can be handled now, else a promise that settles when it can. */
export function extrasFor(stanza: Element): Promise<void> | undefined {
  if (extras) return undefined;
  for (const el of Array.from(stanza.getElementsByTagName('*'))) {
    if (EXTRA.test(el.namespaceURI ?? '')) return loadExtras();
  }
  return undefined;
}
