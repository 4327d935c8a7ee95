import { describe, expect, it } from 'vitest';
import { foldText, matchKeywords } from '../../../runtime/src/blocks/keywords.ts';

const matches = (keywords: string[], text: string, match?: 'any' | 'all') => matchKeywords({ keywords, match }, text);

describe('Keyword matching', () => {
  it('ignores case and accents', () => {
    expect(matches(['cafe'], 'Le CAFÉ est froid')).toEqual(['cafe']);
    expect(matches(['crème brûlée'], 'creme brulee')).toEqual(['crème brûlée']);
    expect(matches(['istanbul'], 'İSTANBUL')).toEqual(['istanbul']);
    expect(matches(['strasse'], 'Straße gesperrt')).toEqual(['strasse']);
  });

  it('folds fullwidth and styled letters and curly apostrophes', () => {
    expect(matches(['help'], 'ｈｅｌｐ please')).toEqual(['help']);
    expect(matches(['help'], '𝐡𝐞𝐥𝐩 me')).toEqual(['help']);
    expect(matches(["can't log in"], 'I can’t log in')).toEqual(["can't log in"]);
  });

  it('matches whole words only', () => {
    expect(matches(['help'], 'That was helpful')).toBeUndefined();
    expect(matches(['help'], 'unhelp')).toBeUndefined();
    expect(matches(['help'], 'HELP!!!')).toEqual(['help']);
    expect(matches(['help'], 'help, now')).toEqual(['help']);
  });

  it('keeps word bounds in non-Latin alphabets', () => {
    expect(matches(['помощь'], 'Нужна ПОМОЩЬ срочно')).toEqual(['помощь']);
    expect(matches(['помощь'], 'с помощью друга')).toBeUndefined();
    expect(matches(['βοήθεια'], 'ΧΡΕΙΑΖΟΜΑΙ ΒΟΗΘΕΙΑ')).toEqual(['βοήθεια']);
  });

  it('keeps the vowel signs that make a different word', () => {
    // काम (work) and कम (less) differ only by a combining vowel sign.
    expect(matches(['काम'], 'यह कम है')).toBeUndefined();
    expect(matches(['काम'], 'काम नहीं कर रहा')).toEqual(['काम']);
  });

  it('matches inside text written without spaces between words', () => {
    expect(matches(['返金'], '返金してください')).toEqual(['返金']);
    expect(matches(['iphone'], 'iPhoneが壊れた')).toEqual(['iphone']);
    expect(matches(['환불'], '환불이 필요해요')).toEqual(['환불']);
  });

  it('matches a phrase as consecutive words, across spaces and punctuation', () => {
    expect(matches(['not working'], 'app is NOT   working')).toEqual(['not working']);
    expect(matches(['not working'], 'app is not-working')).toEqual(['not working']);
    expect(matches(['not working'], 'not really working')).toBeUndefined();
  });

  it('matches a #hashtag keyword only as a hashtag, and a plain keyword also as a hashtag', () => {
    expect(matches(['#outage'], 'big outage today')).toBeUndefined();
    expect(matches(['#outage'], 'big #Outage today')).toEqual(['#outage']);
    expect(matches(['#outage'], 'big #outages today')).toBeUndefined();
    expect(matches(['outage'], 'big #outage today')).toEqual(['outage']);
  });

  it('does not take a handle for a word', () => {
    expect(matches(['help'], 'cc @help')).toBeUndefined();
  });

  it('matches keywords made of symbols', () => {
    expect(matches(['c++'], 'I code in C++ daily')).toEqual(['c++']);
    expect(matches(['😡'], 'so 😡😡')).toEqual(['😡']);
    expect(matches(['a.b'], 'aXb')).toBeUndefined();
  });

  it('needs every keyword with "all" and returns them all', () => {
    expect(matches(['refund', 'order'], 'refund my order', 'all')).toEqual(['refund', 'order']);
    expect(matches(['refund', 'order'], 'refund my money', 'all')).toBeUndefined();
  });

  it('never matches with only blank keywords', () => {
    expect(matches(['  '], 'anything')).toBeUndefined();
    expect(matches(['  '], 'anything', 'all')).toBeUndefined();
  });

  it('reuses the compiled matcher for the same config object', () => {
    const spec = { keywords: ['refund'] };
    expect(matchKeywords(spec, 'a refund')).toEqual(['refund']);
    expect(matchKeywords(spec, 'no')).toBeUndefined();
    expect(matchKeywords(spec, 'REFUND')).toEqual(['refund']);
  });

  it('folds text the same whatever the case and accents', () => {
    expect(foldText('ÀÉÎÕÜ Ñandú')).toBe('aeiou nandu');
  });

  it('finds the one matching keyword among a thousand, and none where none is written', () => {
    const rules = Array.from({ length: 20 }, (_, rule) => ({ keywords: Array.from({ length: 50 }, (_, k) => `word${rule}x${k}`) }));
    const texts = Array.from({ length: 200 }, (_, i) => `Hello @acme my order #${i} is not working, word${i % 20}x${i % 50} café`);
    texts.forEach((text, i) => {
      const matched = rules.map((rule) => matchKeywords(rule, text)).filter(Boolean);
      expect(matched).toHaveLength(1);
      expect(matchKeywords(rules[i % 20], text)).toBeTruthy();
    });
    expect(rules.some((rule) => matchKeywords(rule, 'word1x1000 and xword1x1 are not keywords'))).toBe(false);
  });
});
