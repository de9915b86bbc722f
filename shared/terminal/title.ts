/**
 * A window title set by a program (OSC 0/2) is untrusted text: the console shows it as plain text only,
 * on one line and short enough not to push the region name out of the tab.
 */

/** Long enough for "user@host: ~/releases/2026-03" style titles, short enough for a tab. */
export const TITLE_MAX_CHARS = 80;

// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\x00-\x1f\x7f-\x9f]/g;
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069\u200e\u200f]/g;
const WHITESPACE_RUN = /\s+/g;

export function sanitiseTitle(raw: string, maxChars: number = TITLE_MAX_CHARS): string {
  const text = raw.replace(CONTROL, ' ').replace(BIDI_CONTROL, '').replace(WHITESPACE_RUN, ' ').trim();
  // Count code points, not UTF-16 units, so an emoji is never cut in half.
  const codePoints = Array.from(text);
  if (codePoints.length <= maxChars) return text;
  return codePoints.slice(0, Math.max(0, maxChars - 1)).join('').trimEnd() + '…';
}
