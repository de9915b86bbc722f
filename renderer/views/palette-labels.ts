/**
 * The command palette's words for opening a release or a region. A label reads once through: the demo's
 * "CAI release — …" was "Open release CAI release — …", and "SDC S01" was "Open region S01 (SDC S01)".
 */

function hasWord(text: string, word: string): boolean {
  return new RegExp(`(^|[^\\p{L}\\p{N}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}])`, 'iu').test(text);
}

/** "Open release Emergency — SIP proxy crash fix"; a title that says "release" itself: "Open CAI release — …". */
export function openReleaseLabel(title: string): string {
  return hasWord(title, 'release') ? `Open ${title}` : `Open release ${title}`;
}

/**
 * "Open region APSE2, Asia Pacific (Sydney)", as the notices name a region: the demo's names carry their own
 * parentheses. A name that holds the id ("SDC S01") says it once: "Open region SDC S01".
 */
export function openRegionLabel(id: string, name: string): string {
  if (name === id || hasWord(name, id)) return `Open region ${name}`;
  return `Open region ${id}, ${name}`;
}
