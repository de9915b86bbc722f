/**
 * Issue 16: what a transcript must never keep. A PE pastes credentials into a shell (`export
 * AWS_SECRET_ACCESS_KEY=…`), `aws sts get-session-token` prints them, `curl -v` echoes an
 * `Authorization: Bearer …` header. The live terminal shows what it shows; the file written to disk, and
 * the step output kept in the release log and the CR evidence, hold a marker instead.
 *
 * The rules, one alternation so one pass over the text finds the leftmost secret of any kind:
 *   kv:     a credential variable or JSON field named for a secret key or a session token, then its value;
 *   bearer: `Bearer <token>` (an Authorization header, or a bare JWT after the word);
 *   akid:   an AWS access key id (AKIA… long-term, ASIA… temporary);
 *   bare:   a 40-character base64-ish value after `=` or `:` (a secret access key under another name),
 *           kept when it is not high-entropy (a 40-hex commit hash is not a secret).
 */

/**
 * Readline (bash) echoes a typed line that reaches the right margin with a carriage return in it: the
 * character at the margin, then " \r" (`KEY=w \rJalr…`) or "\r" and that character again
 * (`ACCES\rSS_KEY`, `/bP\rPxRf`). On screen it is one unbroken line, so a secret typed in a narrow
 * terminal arrives cut by these; every rule lets them fall between any two characters.
 */
const SOFT_WRAP = '(?: ?\\r)?';

function escaped(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `literal` with a soft wrap allowed after each character, in either of readline's forms. */
function wrappable(literal: string): string {
  return [...literal].map((c) => `${escaped(c)}(?:\\r${escaped(c)}| \\r)?`).join('');
}

/** `min` to `max` (open when absent) characters of `chars` (a class), soft wraps allowed between them. */
function run(chars: string, min: number, max?: number): string {
  return `${chars}(?:${SOFT_WRAP}${chars}){${min - 1},${max === undefined ? '' : max - 1}}`;
}

const SECRET_KEY_NAMES = ['aws_secret_access_key', 'aws_session_token', 'aws_security_token', 'secret_access_key', 'secretaccesskey', 'session_token', 'sessiontoken'];
const SEPARATOR = `["']?[ \\t]{0,4}${SOFT_WRAP}[:=](?:\\r[:=]| \\r)?[ \\t]{0,4}["']?`;
const KV_RULE = `(?<kv>(?:${SECRET_KEY_NAMES.map(wrappable).join('|')})${SEPARATOR})(?<kvValue>${run('[A-Za-z0-9/+=]', 16)})`;
const BEARER_RULE = `(?<bearer>\\b${wrappable('Bearer')}[ \\t]{1,4}${SOFT_WRAP})(?<bearerValue>${run('[A-Za-z0-9._~+/-]', 8)}=*)`;
// A soft wrap's repeated character makes a wrapped 20-character key id 21 characters long.
const AKID_RULE = `(?<akid>\\b(?:${wrappable('AKIA')}|${wrappable('ASIA')})${run('[A-Z0-9]', 16, 17)})(?!${SOFT_WRAP}[A-Za-z0-9])`;
const BARE_RULE = `(?<bare>[:=][ \\t]{0,4}["']?)(?<bareValue>${run('[A-Za-z0-9/+]', 40, 41)})(?!${SOFT_WRAP}[A-Za-z0-9/+=])`;
const SECRET_RULES = new RegExp([KV_RULE, BEARER_RULE, AKID_RULE, BARE_RULE].join('|'), 'gi');

/**
 * Most output holds no `:` or `=` for long stretches (a `cat` of base64, a build's progress), and the kv
 * and bare rules cannot match without one: kv's separator and bare's first character are `[:=]`. There only
 * the two rules that start at a word are tried, in a much cheaper pass (issue 18: redaction was half of
 * main's CPU during a flood). A kv match starts at most this far before its separator: the longest key
 * name with a soft wrap after every character (3 chars each), then a quote, 4 blanks and a soft wrap.
 */
const WORD_RULES = new RegExp([BEARER_RULE, AKID_RULE].join('|'), 'gi');
const KV_REACH = 3 * Math.max(...SECRET_KEY_NAMES.map((name) => name.length)) + 1 + 4 + 2;
const SEPARATORS = /[:=]/g;
/** Output with a separator every line or so (logs, `key: value`) goes straight to the whole alternation. */
const WORD_SCAN_MIN_CHARS = 1024;

/** Every redaction reads `[REDACTED:<kind>]`, so a reader (and a test) sees that something was there. */
export const REDACTION_MARKER = '[REDACTED:';
export type SecretKind = 'aws-secret' | 'bearer-token' | 'aws-access-key-id';

function marker(kind: SecretKind): string {
  return `${REDACTION_MARKER}${kind}]`;
}

/** What may follow a secret at a chunk's end when it goes on past a soft wrap in the next chunk. */
const UNFINISHED_TAILS: ReadonlySet<string> = new Set(['', ' ', ' \r', '\r']);

/** The characters a redacted value may go on with: what is swallowed after a secret cut short (below). */
const SECRET_CONTINUATION = /^(?:[A-Za-z0-9._~+/=-]| ?\r)*/;

/**
 * Longest stretch of text that is not a secret yet but may become one with the next chunk: a key name,
 * its separators and fewer value characters than a rule needs (kv: 30 + 10 + 15; bare: 45). Held back,
 * never written, until the next chunk says what it is.
 */
const HOLD_CHARS = 256;
/**
 * A secret still running at a chunk's end is held whole until it ends, up to this long (a session token
 * is about 1,000 characters; a JWT a few thousand). Past it, what is there is redacted and the rest is
 * swallowed as it comes, so a flood of token characters is never rescanned: the work stays linear.
 */
const MAX_HELD_SECRET_CHARS = 8192;

/** A 40-character value is a secret when it mixes upper case, lower case, and digits or base64 symbols. */
function isHighEntropy(value: string): boolean {
  return /[A-Z]/.test(value) && /[a-z]/.test(value) && /[0-9/+]/.test(value);
}

interface Found {
  start: number;
  end: number;
  replacement: string;
}

function secretAt(m: RegExpExecArray): Found | null {
  const g = m.groups!;
  const start = m.index;
  const end = start + m[0].length;
  if (g.kv !== undefined) return { start, end, replacement: g.kv + marker('aws-secret') };
  if (g.bearer !== undefined) return { start, end, replacement: g.bearer + marker('bearer-token') };
  if (g.akid !== undefined) return { start, end, replacement: marker('aws-access-key-id') };
  if (g.bare !== undefined && isHighEntropy(g.bareValue!.replace(/ ?\r/g, ''))) return { start, end, replacement: g.bare + marker('aws-secret') };
  // A low-entropy 40-character value: not a secret.
  return null;
}

/** The leftmost secret `rules` find at or after `from`, or null. */
function scan(rules: RegExp, text: string, from: number): Found | null {
  rules.lastIndex = from;
  for (let m = rules.exec(text); m !== null; m = rules.exec(text)) {
    const found = secretAt(m);
    if (found !== null) return found;
    // Not a secret; look again one character on.
    rules.lastIndex = m.index + 1;
  }
  return null;
}

/**
 * The secrets in one text, leftmost first, as one pass of SECRET_RULES would find them. Before
 * KV_REACH of the next separator only WORD_RULES can match, so only they are tried there; their next
 * match is kept, so a text with many separators and no word secret is not rescanned by them.
 */
class SecretScan {
  /** WORD_RULES' next match at or after `wordFrom` (null: none up to the end). */
  private word: Found | null = null;
  private wordFrom = Infinity;

  constructor(private readonly text: string) {}

  next(from: number): Found | null {
    const { text } = this;
    SEPARATORS.lastIndex = from;
    const separator = SEPARATORS.exec(text);
    const allFrom = separator === null ? text.length : Math.max(from, separator.index - KV_REACH);
    // A short stretch is not worth a second pass: the whole alternation from `from` finds the same.
    if (allFrom - from < WORD_SCAN_MIN_CHARS) return scan(SECRET_RULES, text, from);
    if (from < this.wordFrom || (this.word !== null && this.word.start < from)) {
      this.word = scan(WORD_RULES, text, from);
      this.wordFrom = from;
    }
    // At a start before allFrom the kv and bare rules cannot match: what the word rules find there is what one pass finds.
    if (this.word !== null && this.word.start < allFrom) return this.word;
    return separator === null ? null : scan(SECRET_RULES, text, allFrom);
  }
}

/** Redacts a whole text at once (a step's finished output). */
export function redactSecrets(text: string): string {
  const redactor = new SecretRedactor();
  return redactor.push(text) + redactor.end();
}

/**
 * Redacts a stream chunk by chunk, as a pty delivers it: a secret split over two reads is redacted as
 * if it had come in one. What `push` returns is safe to write; the last characters are held back until
 * the next chunk (or `end`) shows whether they start a secret. Each character is scanned a bounded
 * number of times, so a long stream costs time in proportion to its length.
 */
export class SecretRedactor {
  private held = '';
  /** A secret was cut short at MAX_HELD_SECRET_CHARS: its remaining characters are dropped as they come. */
  private swallowing = false;

  push(chunk: string): string {
    let text = chunk;
    if (this.swallowing) {
      const rest = SECRET_CONTINUATION.exec(text)![0].length;
      if (rest === text.length) return '';
      this.swallowing = false;
      text = text.slice(rest);
    }
    return this.redact(this.held + text, false);
  }

  /** The stream ended: everything held is written, redacted. */
  end(): string {
    const text = this.held;
    this.held = '';
    this.swallowing = false;
    return this.redact(text, true);
  }

  private redact(text: string, isFinal: boolean): string {
    let out = '';
    let pos = 0;
    const secrets = new SecretScan(text);
    for (let found = secrets.next(0); found !== null; found = secrets.next(pos)) {
      // A secret that reaches the end (or a soft wrap cut at the end) may go on in the next chunk: held whole, unless it is already huge.
      if (!isFinal && UNFINISHED_TAILS.has(text.slice(found.end))) {
        if (found.end - found.start <= MAX_HELD_SECRET_CHARS) {
          this.held = text.slice(found.start);
          return out + text.slice(pos, found.start);
        }
        this.swallowing = true;
      }
      out += text.slice(pos, found.start) + found.replacement;
      pos = found.end;
    }
    const cut = isFinal || this.swallowing ? text.length : Math.max(pos, text.length - HOLD_CHARS);
    this.held = text.slice(cut);
    return out + text.slice(pos, cut);
  }
}
