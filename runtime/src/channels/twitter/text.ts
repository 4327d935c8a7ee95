const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

/** X escapes `&`, `<` and `>` in tweet and DM text; one pass, so `&amp;lt;` stays the literal `&lt;`. */
export function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ENTITIES[name]);
}

export const TWEET_MAX_WEIGHT = 280;
export const DM_MAX_CHARACTERS = 10_000;
/** t.co wraps every link: each counts as 23 whatever its length. */
const URL_WEIGHT = 23;
const URL = /https?:\/\/[^\s]+/g;

/**
 * The length X counts for a post, after twitter-text v3 roughly: text is
 * NFC-normalized, code points in Latin-1, general punctuation and similar
 * ranges weigh 1, everything else (CJK, Hangul, emoji) weighs 2, an emoji
 * sequence (ZWJ, skin tones, flags) counts as one emoji, and each URL as 23.
 * Not modelled: bare domains without a scheme, which X also links.
 */
export function tweetWeight(text: string): number {
  let weight = 0;
  const withoutUrls = text.normalize('NFC').replace(URL, () => {
    weight += URL_WEIGHT;
    return '';
  });
  const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(withoutUrls);
  for (const { segment } of graphemes) {
    if (/\p{Extended_Pictographic}|\p{Regional_Indicator}/u.test(segment)) {
      weight += 2;
      continue;
    }
    for (const char of segment) weight += lightWeight(char.codePointAt(0)!) ? 1 : 2;
  }
  return weight;
}

function lightWeight(code: number): boolean {
  return code <= 0x10ff || (code >= 0x2000 && code <= 0x200d) || (code >= 0x2010 && code <= 0x201f) || (code >= 0x2032 && code <= 0x2037);
}

/** Characters as the platforms mostly count them: code points, not UTF-16 units. */
export function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
