import { cleanLines, cleanText } from './xml-text';

/**
 * How documents (and any page that writes the same sentences) name a branch,
 * from the name the branch typed and its union. People type "Leeds City",
 * "Leeds City Branch" or "UNISON Leeds City Branch" for the same branch: each
 * phrase here reads right for all three, never "the Leeds City Branch branch"
 * or "UNISON Leeds City Branch of UNISON".
 */
export interface BranchPhrases {
  /** As typed, spaces tidied: "Leeds City Branch". */
  readonly name: string;
  readonly union: string;
  /** The union's short name: "RMT" for "National Union of Rail, Maritime and Transport Workers (RMT)", "Unite" for "Unite the Union". */
  readonly unionShort: string;
  /** After "the" in a sentence: "Leeds City branch of UNISON", "Leeds City Branch of UNISON", "UNISON Leeds City Branch". */
  readonly fullName: string;
  /** A letterhead's first line: "UNISON Leeds City Branch". */
  readonly title: string;
  /** The start of a file name: "UNISON Leeds City". */
  readonly fileStem: string;
}

/** Words that already say what kind of body the branch is: a name holding one needs no "branch" added. */
const KIND_WORDS = ['branch', 'chapel', 'district', 'division', 'region', 'association', 'committee', 'council', 'lodge'];
/** A union named by what it is ("the Musicians' Union", "the Royal College of Nursing") takes "the"; one named by a word or initials (UNISON, Unite, GMB) does not. */
const DESCRIPTIVE_WORDS = ['union', 'association', 'society', 'college', 'institute', 'guild', 'voices', 'federation'];

/** Lower case, accents and punctuation gone, single spaces: what two spellings of one name share. */
function norm(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function hasWords(haystack: string, needle: string): boolean {
  const n = norm(needle);
  return n !== '' && ` ${norm(haystack)} `.includes(` ${n} `);
}

export function unionShortName(union: string): string {
  const name = cleanText(union).replace(/\s+/g, ' ');
  const initials = /\(([\p{Lu}\p{N}&]{2,10})\)\s*$/u.exec(name);
  if (initials) return initials[1]!;
  const withoutAside = name.replace(/\s*\([^()]*\)\s*$/, '').trim() || name;
  const selfNamed = /^(\S+) the union$/i.exec(withoutAside);
  return selfNamed ? selfNamed[1]! : withoutAside;
}

/** "the National Education Union (NEU)", but "UNISON" and "Unite the Union". */
function unionInSentence(union: string): string {
  if (/^\S+ the union\b/i.test(union) || /^the\s/i.test(union)) return union;
  return DESCRIPTIVE_WORDS.some((word) => hasWords(union, word)) ? `the ${union}` : union;
}

export function branchPhrases(branchName: string, unionName: string): BranchPhrases {
  const name = cleanText(branchName).replace(/\s+/g, ' ');
  const union = cleanText(unionName).replace(/\s+/g, ' ');
  const unionShort = unionShortName(union);
  const namesUnion = hasWords(name, unionShort) || hasWords(name, union);
  const namesKind = KIND_WORDS.some((word) => hasWords(name, word));
  const ofUnion = `of ${unionInSentence(union)}`;
  return {
    name,
    union,
    unionShort,
    fullName: namesUnion ? (namesKind ? name : `${name} branch`) : namesKind ? `${name} ${ofUnion}` : `${name} branch ${ofUnion}`,
    title: `${namesUnion ? name : `${unionShort} ${name}`}${namesKind ? '' : ' Branch'}`,
    fileStem: namesUnion ? name : `${unionShort} ${name}`,
  };
}

/**
 * The branch's address without the lines that only repeat its name or union
 * (people often start the address with "UNISON Leeds City Branch", which the
 * letterhead already says).
 */
export function addressWithoutName(address: string, phrases: BranchPhrases): string {
  const repeats = new Set(
    [phrases.name, phrases.union, phrases.unionShort, phrases.fullName, phrases.title, phrases.fileStem, `${phrases.fileStem} branch`, `${phrases.name} branch`].map(norm),
  );
  return cleanLines(address)
    .filter((line) => !repeats.has(norm(line)) && norm(line) !== '')
    .join('\n');
}

/**
 * The placeholders that name a branch, for any kind: its name and union as
 * typed, the phrases made from them, and its address without the lines that
 * repeat them (null when it has none).
 */
export function branchValues(branchName: string, unionName: string, address: string | null) {
  const p = branchPhrases(branchName, unionName);
  return {
    'branch.name': p.name,
    union: p.union,
    'branch.full_name': p.fullName,
    'branch.title': p.title,
    'branch.address': address ? addressWithoutName(address, p) : null,
  };
}
