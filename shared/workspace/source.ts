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
  const errors: WorkspaceError[] = doc.errors.map((error) => ({
    file,
    ...position(error.pos[0]),
    message: toSentence(`The file ${file} is not valid YAML: ${error.message.split('\n')[0] ?? error.code}`),
  }));
  const source: SourceFile = {
    file,
    data: errors.length ? null : doc.toJS(),
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
