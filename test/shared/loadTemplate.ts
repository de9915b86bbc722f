import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadWorkspace } from '../../main/workspace/load';
import type { Workspace } from '../../shared/workspace/workspace';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function loadTemplate(name: string): Promise<Workspace> {
  const result = await loadWorkspace(path.join(root, 'workspaces', name));
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`).join('\n'));
  return result.workspace;
}

export const at = (iso: string): number => {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`bad test time ${iso}`);
  return t;
};

export const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString().replace('.000Z', 'Z'));
