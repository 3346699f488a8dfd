import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { loadMessages, registerMessages, translate } from '../i18n/localize.js';
import { LocalizeController } from './localize-controller.js';

class LocalizeProbe extends LitElement {
  readonly localize = new LocalizeController(this);
  renders = 0;
  override render() {
    this.renders++;
    return html`<span>${this.localize.t('composer.send')}</span>`;
  }
}
customElements.define('localize-probe', LocalizeProbe);

declare global {
  interface HTMLElementTagNameMap {
    'localize-probe': LocalizeProbe;
  }
}

const shown = (el: LocalizeProbe) => el.shadowRoot!.querySelector('span')!.textContent;
const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
};

describe('LocalizeController', () => {
  afterEach(() => document.documentElement.setAttribute('lang', 'en'));

  it('answers in English at once, then in Chinese once the zh-CN table has loaded', async () => {
    // A language no table was loaded for yet: translate() is synchronous and falls back to English.
    expect(translate('zh-TW', 'composer.send')).to.be.oneOf(['Send', '发送']);
    await loadMessages('zh-TW');
    expect(translate('zh-TW', 'composer.send')).to.equal('发送');
    expect(translate('zh-CN', 'room.occupants', { count: 3 })).to.equal('成员（3）');
  });

  it('follows the nearest lang attribute and <html lang> changes at once', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en"><localize-probe></localize-probe></div>`);
    const el = wrapper.querySelector<LocalizeProbe>('localize-probe')!;
    expect(el.localize.lang).to.equal('en');
    expect(shown(el)).to.equal('Send');
    wrapper.setAttribute('lang', 'zh-CN');
    await until(() => shown(el) === '发送');
    expect(el.localize.lang).to.equal('zh-cn');
    expect(shown(el)).to.equal('发送');

    wrapper.removeAttribute('lang');
    document.documentElement.setAttribute('lang', 'en');
    await until(() => shown(el) === 'Send');
    expect(shown(el)).to.equal('Send');
    document.documentElement.setAttribute('lang', 'zh-CN');
    await until(() => shown(el) === '发送');
    expect(shown(el)).to.equal('发送');
  });

  it('re-renders with strings a page registers, which win over the built-in table', async () => {
    const el = await fixture<LocalizeProbe>(html`<localize-probe lang="de"></localize-probe>`);
    expect(shown(el)).to.equal('Send');
    registerMessages('de', { 'composer.send': 'Senden' });
    await el.updateComplete;
    expect(shown(el)).to.equal('Senden');
    registerMessages('zh-CN', { 'composer.send': '发' });
    expect(translate('zh-CN', 'composer.send')).to.equal('发');
    expect(translate('de-AT', 'composer.send')).to.equal('Senden');
    expect(translate('de', 'composer.label')).to.equal('Message');
  });
});
