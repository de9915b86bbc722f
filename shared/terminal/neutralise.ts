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

/** C0 controls but tab and newline, DEL and C1 controls: none has a meaning in plain text. */
// eslint-disable-next-line no-control-regex -- see above
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/** Bidirectional overrides and isolates can make stored text read differently from what ran (Trojan Source). */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/g;

export function neutraliseEscapes(output: string): string {
  return output.replace(ESCAPE_SEQUENCE, '').replace(CARRIAGE_RETURN, '\n').replace(CONTROL, '').replace(BIDI_CONTROL, '');
}
