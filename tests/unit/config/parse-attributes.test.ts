import {expect} from '@open-wc/testing';
import {
  matchUiLang,
  parseAgentId,
  parseHttpUrl,
  parseLang,
  parseQueue,
  parseTheme,
} from '../../../src/config/parse-attributes.js';

describe('parseTheme', () => {
  it('should default to auto when absent', () => {
    expect(parseTheme(null)).to.deep.equal({value: 'auto'});
  });
  it('should accept the three themes, in any case', () => {
    expect(parseTheme('light').value).to.equal('light');
    expect(parseTheme(' DARK ').value).to.equal('dark');
    expect(parseTheme('auto').problem).to.equal(undefined);
  });
  it('should fall back to auto and name the allowed values for anything else', () => {
    const parsed = parseTheme('purple');
    expect(parsed.value).to.equal('auto');
    expect(parsed.problem).to.deep.equal({
      attribute: 'theme',
      value: 'purple',
      message:
        'agent-assist: theme="purple" is not valid; expected one of "light", "dark", "auto". Using "auto".',
    });
  });
});

describe('parseLang', () => {
  it('should take the browser language when absent', () => {
    expect(parseLang(null, ['zh-CN', 'en']).value).to.equal('zh-CN');
    expect(parseLang(null, ['fr-FR', 'en-GB']).value).to.equal('en');
  });
  it('should default to English when no browser language is supported', () => {
    expect(parseLang(null, ['fr-FR', 'de']).value).to.equal('en');
  });
  it('should accept regional variants of supported languages', () => {
    expect(parseLang('en-GB', []).value).to.equal('en');
    expect(parseLang('zh-Hans', []).value).to.equal('zh-CN');
    expect(parseLang('zh', []).value).to.equal('zh-CN');
  });
  it('should not map traditional Chinese onto simplified', () => {
    expect(matchUiLang('zh-TW')).to.equal(null);
    expect(matchUiLang('zh-Hant-HK')).to.equal(null);
  });
  it('should fall back to the browser language and name the allowed values', () => {
    const parsed = parseLang('fr', ['zh-CN']);
    expect(parsed.value).to.equal('zh-CN');
    expect(parsed.problem?.message).to.equal(
      'agent-assist: lang="fr" is not valid; expected one of "en", "zh-CN". Using "zh-CN".'
    );
  });
});

describe('parseAgentId', () => {
  it('should default to anonymous', () => {
    expect(parseAgentId(null)).to.deep.equal({value: 'anonymous'});
  });
  it('should trim a valid id', () => {
    expect(parseAgentId('  a-1024 ')).to.deep.equal({value: 'a-1024'});
  });
  it('should reject empty, control-character and over-long ids', () => {
    for (const bad of ['', '   ', 'a\u0000b', 'x'.repeat(129)]) {
      const parsed = parseAgentId(bad);
      expect(parsed.value, bad).to.equal('anonymous');
      expect(parsed.problem?.message, bad).to.contain(
        'expected a non-empty id of at most 128 printable characters'
      );
    }
  });
});

describe('parseQueue', () => {
  it('should treat blank as no queue', () => {
    expect(parseQueue(null).value).to.equal(null);
    expect(parseQueue('  ').value).to.equal(null);
    expect(parseQueue(' billing ').value).to.equal('billing');
  });
});

describe('parseHttpUrl', () => {
  const base = 'https://crm.example/app/page.html';
  it('should resolve relative URLs against the base', () => {
    expect(parseHttpUrl('pack-url', '../kb/manifest.json', base).value).to.equal(
      'https://crm.example/kb/manifest.json'
    );
  });
  it('should keep absolute http(s) URLs', () => {
    expect(parseHttpUrl('sync-url', 'http://127.0.0.1:9/events', base).value).to.equal(
      'http://127.0.0.1:9/events'
    );
  });
  it('should treat absent or blank as none', () => {
    expect(parseHttpUrl('pack-url', null, base)).to.deep.equal({value: null});
    expect(parseHttpUrl('pack-url', ' ', base)).to.deep.equal({value: null});
  });
  it('should refuse other schemes and unparseable URLs, naming what was expected', () => {
    for (const bad of [
      'javascript:alert(1)',
      'data:application/json,{}',
      'file:///etc/passwd',
      'http://[::1',
    ]) {
      const parsed = parseHttpUrl('sync-url', bad, base);
      expect(parsed.value, bad).to.equal(null);
      expect(parsed.problem?.message, bad).to.equal(
        `agent-assist: sync-url="${bad}" is not valid; expected an http(s) URL, absolute or relative. Using no upload.`
      );
    }
  });
});
