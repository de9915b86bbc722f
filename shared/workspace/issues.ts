import type { z } from 'zod';
import { describePath } from './source';
import type { SourceFile } from './source';
import type { WorkspaceError } from './workspace';

function hasPath(data: unknown, path: ReadonlyArray<PropertyKey>): boolean {
  let node: unknown = data;
  for (const segment of path) {
    if (node === null || typeof node !== 'object' || !(segment in node)) return false;
    node = (node as Record<PropertyKey, unknown>)[segment];
  }
  return node !== undefined;
}

function expectation(message: string): string {
  if (/^(a|an|at least|the|one of) /i.test(message)) return `it should be ${message}`;
  return message.replace(/^Invalid input: /, '').replace(/^Invalid option: /, '');
}

/** Turns schema issues into sentences that name the file, line and column of the offending value. */
export function schemaErrors(source: SourceFile, error: z.ZodError): WorkspaceError[] {
  return error.issues.map((issue) => {
    const where = `In ${source.file}, ${describePath(issue.path)}`;
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0] ?? '';
      const fields = issue.keys.map((k) => `"${k}"`).join(', ');
      return source.errorAt(issue.path, `${where} has unknown field${issue.keys.length > 1 ? 's' : ''} ${fields}; check the spelling`, { key });
    }
    if (issue.code === 'invalid_union' && 'discriminator' in issue) {
      return source.errorAt(issue.path, `${where} has no valid "${String(issue.discriminator)}": ${issue.message}`);
    }
    if (issue.code === 'invalid_type' && !hasPath(source.data, issue.path)) {
      return source.errorAt(issue.path, `${where} is missing; ${expectation(issue.message)}`);
    }
    return source.errorAt(issue.path, `${where} is invalid; ${expectation(issue.message)}`);
  });
}
