/** JID helpers (RFC 7622), lenient on input and strict where it matters. */

export interface Jid {
  readonly local: string;
  readonly domain: string;
  readonly resource: string;
}

export function parseJid(jid: string): Jid {
  const slash = jid.indexOf('/');
  const bare = slash >= 0 ? jid.slice(0, slash) : jid;
  const resource = slash >= 0 ? jid.slice(slash + 1) : '';
  const at = bare.indexOf('@');
  return {
    local: at >= 0 ? bare.slice(0, at) : '',
    domain: (at >= 0 ? bare.slice(at + 1) : bare).toLowerCase(),
    resource,
  };
}

export function bareJid(jid: string): string {
  const { local, domain } = parseJid(jid);
  return local ? `${local.toLowerCase()}@${domain}` : domain;
}

export function resourceOf(jid: string): string {
  return parseJid(jid).resource;
}

export function domainOf(jid: string): string {
  return parseJid(jid).domain;
}

export function localOf(jid: string): string {
  return parseJid(jid).local;
}

const FORBIDDEN_LOCAL = /[\s"&'/:<>@]/u;
const DOMAIN = /^(?!-)[\p{L}\p{N}-]{1,63}(?:\.(?!-)[\p{L}\p{N}-]{1,63})*\.?$|^\[[0-9a-f:.]+\]$/iu;

/** True for a syntactically valid bare JID (`domain` or `local@domain`). */
export function isValidBareJid(jid: string): boolean {
  if (!jid || jid.length > 3071 || jid.includes('/')) return false;
  const at = jid.indexOf('@');
  if (at === 0 || jid.indexOf('@', at + 1) >= 0) return false;
  const local = at > 0 ? jid.slice(0, at) : '';
  const domain = at > 0 ? jid.slice(at + 1) : jid;
  if (local && (local.length > 1023 || FORBIDDEN_LOCAL.test(local))) return false;
  return domain.length > 0 && domain.length <= 1023 && DOMAIN.test(domain);
}

/** True for a valid full or bare JID. */
export function isValidJid(jid: string): boolean {
  const slash = jid.indexOf('/');
  if (slash < 0) return isValidBareJid(jid);
  return isValidBareJid(jid.slice(0, slash)) && slash < jid.length - 1 && jid.length - slash <= 1024;
}
