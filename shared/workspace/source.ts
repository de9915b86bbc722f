import { LineCounter, isMap, isNode, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';
import type { WorkspaceError } from './workspace';

export type YamlPath = ReadonlyArray<string | number | symbol | PropertyKey>;

/** One parsed YAML file that can say where any path in it is written. */
export interface SourceFile {
  file: string;
  data: unknown;
  errorAt(path: YamlPath, message: string, options?: { key?: string }): WorkspaceError;
}

/** Aliases a workspace file may expand; far above any real workspace, far below a resource-exhaustion attack. */
const MAX_ALIAS_COUNT = 1_000;

/** The YAML library's messages that speak to a programmer, said for the person editing the file. */
function yamlMessage(error: { code: string; message: string }): string {
  if (error.code === 'MULTIPLE_DOCS') return 'it holds more than one document (a second `---`); a workspace file is one document';
  if (error.code === 'TAG_RESOLVE_FAILED') return `${error.message.replace(/^Unresolved tag: /, 'the tag ')} is not one a workspace file may use`;
  return error.message.split('\n')[0] ?? error.code;
}

function toSentence(message: string): string {
  const trimmed = message.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** The deepest node that exists along the path (a missing key points at the map that should hold it). */
function nodeAt(doc: Document, path: YamlPath): Node | null {
  let node: unknown = doc.contents;
  let found: Node | null = isNode(node) ? node : null;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
    } else {
      break;
    }
    if (isNode(node)) found = node;
    else break;
  }
  return found;
}

function keyNodeOf(node: Node | null, key: string): Node | null {
  if (!isMap(node)) return null;
  const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === key);
  return pair && isNode(pair.key) ? pair.key : null;
}

export function parseSource(file: string, text: string): { source: SourceFile; errors: WorkspaceError[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  // An unknown tag (`!!js/function`, `!include`) is only a warning to the YAML library; here it is an
  // error, so nothing a workspace says is silently read as a plain string.
  const problems = [...doc.errors, ...doc.warnings.filter((warning) => warning.code === 'TAG_RESOLVE_FAILED')];
  const errors: WorkspaceError[] = problems.map((error) => ({
    file,
    ...position(error.pos[0]),
    message: toSentence(`The file ${file} is not valid YAML: ${yamlMessage(error)}`),
  }));
  let data: unknown = null;
  if (!errors.length) {
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch {
      // "Billion laughs": aliases that would expand to an enormous document are refused, not expanded.
      const message = `The file ${file} cannot be read: its aliases (*name) would expand to more than ${MAX_ALIAS_COUNT} copies; write the values out instead`;
      errors.push({ file, line: 1, column: 1, message: toSentence(message) });
    }
  }
  const source: SourceFile = {
    file,
    data,
    errorAt(path, message, options) {
      const node = nodeAt(doc, path);
      const target = (options?.key ? keyNodeOf(node, options.key) : null) ?? node;
      const offset = target?.range?.[0] ?? 0;
      return { file, ...position(offset), message: toSentence(message) };
    },
  };
  return { source, errors };
}

export function describePath(path: YamlPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text ? `.${String(segment)}` : String(segment);
  }
  return text || 'the file';
}
