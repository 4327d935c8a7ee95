/**
 * Keyword matching shared by the keyword router and the trigger filters.
 * Both sides are folded the same way (compatibility forms, accents, case),
 * then each keyword becomes a Unicode-aware regular expression with whole-word
 * bounds. Compiled matchers are cached by the config object that lists the
 * keywords, so a flow pays for compilation once, not per message.
 */

// Latin, Greek and Cyrillic accents only: stripping every combining mark would
// erase Devanagari or Thai vowel signs and Japanese voicing marks, which change
// the word rather than decorate it.
const ACCENTS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;

// Scripts written without spaces between words (or, for Hangul, with particles
// glued to the noun): a word boundary there means nothing, so keywords in these
// scripts match anywhere.
const UNSPACED = '\\p{scx=Han}\\p{scx=Hira}\\p{scx=Kana}\\p{scx=Hang}\\p{scx=Thai}\\p{scx=Laoo}\\p{scx=Khmr}\\p{scx=Mymr}';
const WORD = `[\\p{L}\\p{M}\\p{N}_]--[${UNSPACED}]`;
const IS_WORD_CHAR = new RegExp(`^[${WORD}]$`, 'v');
// A plain keyword also matches its hashtag ("#help"), but not a handle ("@help").
const BEFORE_WORD = `(?<![${WORD}]|@)`;
const AFTER_WORD = `(?![${WORD}])`;
// Between the words of a phrase: spaces or punctuation, but not the start of a hashtag or handle.
const BETWEEN_WORDS = '[[\\p{White_Space}\\p{P}]--[#@]]+';

/** Folds text for comparison: compatibility forms (fullwidth, 𝐛𝐨𝐥𝐝), accents and case. */
export function foldText(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(ACCENTS, '')
      .normalize('NFC')
      // toLowerCase, unlike toLocaleLowerCase, gives the same result on every server.
      .toLowerCase()
      // The two lowercase letters that case folding would merge but toLowerCase keeps apart.
      .replace(/ß/g, 'ss')
      .replace(/ς/g, 'σ')
      // Phones type curly apostrophes; analysts type straight ones.
      .replace(/[\u2018\u2019\u02bc]/g, "'")
  );
}

export interface KeywordSpec {
  readonly keywords?: readonly string[];
  readonly match?: 'any' | 'all';
}

/** Keywords keep the spelling of the config, for reasons; `keywords[i]` is capture group i + 1 for `any`. */
type Compiled =
  | { kind: 'never' }
  | { kind: 'any'; regExp: RegExp; keywords: string[] }
  | { kind: 'all'; regExps: RegExp[]; keywords: string[] };

const compiledBySpec = new WeakMap<KeywordSpec, Compiled>();

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

interface KeywordPattern {
  keyword: string;
  /** Lookarounds for the keyword's edges; kept apart so keywords sharing them can share one. */
  before: string;
  after: string;
  body: string;
}

function keywordPattern(keyword: string): KeywordPattern | undefined {
  const words = foldText(keyword).split(/\s+/u).filter(Boolean);
  if (words.length === 0) return undefined;
  const chars = [...words.join(' ')];
  const first = chars[0]!;
  const last = chars.at(-1)!;
  return {
    keyword,
    before: first === '#' ? `(?<![${WORD}])` : IS_WORD_CHAR.test(first) ? BEFORE_WORD : '',
    after: IS_WORD_CHAR.test(last) ? AFTER_WORD : '',
    body: words.map(escapeRegExp).join(BETWEEN_WORDS),
  };
}

/**
 * One alternation for every keyword, one capture group each. Keywords with
 * the same edges share one lookbehind: a lookbehind in front of every
 * alternative makes V8 try each of them at every position (about 80 times
 * slower with a few dozen keywords).
 */
function alternation(patterns: KeywordPattern[]): { regExp: RegExp; keywords: string[] } {
  const groups = new Map<string, KeywordPattern[]>();
  for (const pattern of patterns) {
    const edges = `${pattern.before}\u0000${pattern.after}`;
    groups.set(edges, [...(groups.get(edges) ?? []), pattern]);
  }
  const keywords: string[] = [];
  const sources: string[] = [];
  for (const group of groups.values()) {
    keywords.push(...group.map((pattern) => pattern.keyword));
    sources.push(`${group[0]!.before}(?:${group.map((pattern) => `(${pattern.body})`).join('|')})${group[0]!.after}`);
  }
  return { regExp: new RegExp(sources.join('|'), 'v'), keywords };
}

function compile(spec: KeywordSpec): Compiled {
  const patterns: KeywordPattern[] = [];
  for (const keyword of spec.keywords ?? []) {
    const pattern = keywordPattern(keyword);
    if (pattern) patterns.push(pattern);
  }
  if (patterns.length === 0) return { kind: 'never' };
  if (spec.match === 'all') {
    return {
      kind: 'all',
      keywords: patterns.map((pattern) => pattern.keyword),
      regExps: patterns.map((pattern) => new RegExp(`${pattern.before}${pattern.body}${pattern.after}`, 'v')),
    };
  }
  return { kind: 'any', ...alternation(patterns) };
}

function compiledFor(spec: KeywordSpec): Compiled {
  let compiled = compiledBySpec.get(spec);
  if (!compiled) {
    compiled = compile(spec);
    compiledBySpec.set(spec, compiled);
  }
  return compiled;
}

// The router and a trigger usually look at the same message one after the other.
let lastText: string | undefined;
let lastFolded = '';

function folded(text: string): string {
  if (text !== lastText) {
    lastFolded = foldText(text);
    lastText = text;
  }
  return lastFolded;
}

/**
 * The keywords (as written in the config) that make `text` match `spec`, or
 * undefined when it does not: for `any`, the first keyword found in the text;
 * for `all`, every keyword. A spec with no usable keyword never matches.
 */
export function matchKeywords(spec: KeywordSpec, text: string): string[] | undefined {
  const compiled = compiledFor(spec);
  if (compiled.kind === 'never') return undefined;
  const haystack = folded(text);
  if (compiled.kind === 'all') {
    return compiled.regExps.every((regExp) => regExp.test(haystack)) ? [...compiled.keywords] : undefined;
  }
  const found = compiled.regExp.exec(haystack);
  if (!found) return undefined;
  const group = found.findIndex((value, index) => index > 0 && value !== undefined);
  return [compiled.keywords[group - 1]!];
}

/** "keyword 'down'" or "keywords 'down', 'outage'", for reasons; long lists are cut short. */
export function describeKeywords(keywords: readonly string[], limit = 5): string {
  const shown = keywords.slice(0, limit).map((keyword) => `'${keyword}'`);
  if (keywords.length > limit) shown.push(`and ${keywords.length - limit} more`);
  return `${keywords.length === 1 ? 'keyword' : 'keywords'} ${shown.join(', ')}`;
}

/**
 * A trigger's optional keyword filter: no keywords lets every message through.
 * Returns the keywords that matched, [] when there is no filter, or undefined
 * when the message is filtered out.
 */
export function passesKeywordFilter(config: KeywordSpec, text: string): string[] | undefined {
  if (!config.keywords?.length) return [];
  return matchKeywords(config, text);
}
