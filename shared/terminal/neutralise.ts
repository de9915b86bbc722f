/**
 * Turns terminal output into plain text for transcripts and step evidence: whatever a program printed,
 * the stored text cannot move a cursor, set a title, write the clipboard (OSC 52) or hide text when it
 * is later shown in a terminal, a log viewer or a ticket.
 */

/*
 * One alternation, longest forms first:
 *   OSC (7-bit and 8-bit introducer) up to BEL or ST, or to the end when a program died mid-sequence;
 *   DCS, SOS, PM and APC strings up to ST;
 *   CSI with its parameter and intermediate bytes and final byte (optional: a truncated sequence is dropped too);
 *   any other escape sequence (charset selection, save cursor, keypad modes, full reset).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is this file's whole purpose
const ESCAPE_SEQUENCE = /(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|(?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\x1b\x9c]*(?:\x1b\\|\x9c)?|(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?|\x1b[\x20-\x2f]*[\x30-\x7e]?/g;

/** Line endings as a pty writes them (ONLCR turns "\n" into "\r\n"); a lone "\r" (a progress bar redrawing) becomes a line of its own. */
const CARRIAGE_RETURN = /\r\n?/g;

/** C0 controls but tab and newline, and DEL: none has a meaning in plain text. */
// eslint-disable-next-line no-control-regex -- see above
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f]/g;

/**
 * Characters a reader cannot see: C1 controls (U+0085 is a line break to some viewers), every Unicode
 * format character (Cf: bidirectional overrides and isolates such as U+202E, zero-width characters, the
 * BOM, tag characters) and the line and paragraph separators. Several make text read differently from
 * what it is (Trojan Source), so wherever text is shown they are shown escaped, never passed through.
 */
const HIDDEN = '\\u0080-\\u009f\\p{Cf}\\u2028\\u2029';
const HIDDEN_CHARACTERS = new RegExp(`[${HIDDEN}]`, 'gu');
const CONTROL_OR_HIDDEN = new RegExp(`[\\u0000-\\u001f\\u007f${HIDDEN}]`, 'u');

/** "U+202E": how a hidden character is named when it is shown. */
export function codePointLabel(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Whether a character is a control (C0, DEL, C1) or an invisible format character: one rule for values, names and display. */
export function isControlOrHidden(ch: string): boolean {
  return CONTROL_OR_HIDDEN.test(ch);
}

/** The first control or invisible character in a text, named ("U+202E"), or null: for refusing values and names. */
export function firstControlOrHidden(text: string): string | null {
  const found = CONTROL_OR_HIDDEN.exec(text);
  return found ? codePointLabel(found[0]) : null;
}

/** Shows every hidden character as a visible <U+XXXX>, so stored and displayed text reads as what it is. */
export function showHiddenCharacters(text: string): string {
  return text.replace(HIDDEN_CHARACTERS, (ch) => `<${codePointLabel(ch)}>`);
}

export function neutraliseEscapes(output: string): string {
  return showHiddenCharacters(output.replace(ESCAPE_SEQUENCE, '').replace(CARRIAGE_RETURN, '\n').replace(CONTROL, ''));
}
