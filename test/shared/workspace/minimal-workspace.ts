import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseWorkspace, type WorkspaceFileText } from '../../../shared/workspace/parse';

/** test/fixtures/workspaces/minimal: two roles (PE, QA), one region, a two-step runbook. */
export const MINIMAL = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/workspaces/minimal');
const FILES = ['workspace.yaml', 'regions.yaml', 'rules.yaml', 'releases.yaml', 'runbooks/rollout.yaml'];

/** The minimal workspace with some of its files replaced (or added, as rollback.yaml), loaded as the console loads one. */
export function loadMinimalWith(replaced: Record<string, string>) {
  const texts: WorkspaceFileText[] = FILES.filter((f) => !(f in replaced)).map((file) => ({ path: file, text: readFileSync(path.join(MINIMAL, file), 'utf8') }));
  return parseWorkspace([...texts, ...Object.entries(replaced).map(([file, text]) => ({ path: file, text }))], 'minimal');
}

/** Its load errors as a person reads them: `file:line:column: message`. */
export function minimalErrorsWith(replaced: Record<string, string>): string[] {
  const result = loadMinimalWith(replaced);
  return result.ok ? [] : result.errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`);
}
