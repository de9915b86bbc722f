import { describe, expect, test } from 'vitest';
import { WorkspaceMeta } from '../../../shared/workspace/schema/workspaceMeta';

describe("workspace.yaml's id and docs link", () => {
  test('accepts an id for the data folder and an https docs link', () => {
    expect(WorkspaceMeta.parse({ name: 'RT', id: 'rt-platform', docs: 'https://confluence.example.com/display/RT' })).toMatchObject({ id: 'rt-platform', docs: 'https://confluence.example.com/display/RT' });
  });

  test.each([
    ['an id with a slash', { name: 'RT', id: '../rt' }, /lower-case letters, digits and dashes/],
    ['an id in capitals', { name: 'RT', id: 'RT' }, /lower-case letters, digits and dashes/],
    ['a javascript: docs link', { name: 'RT', docs: 'javascript:alert(1)' }, /docs/],
    ['a file: docs link', { name: 'RT', docs: 'file:///etc/passwd' }, /docs/],
  ])('refuses %s', (_name, meta, message) => {
    const parsed = WorkspaceMeta.safeParse(meta);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error!.issues)).toMatch(message);
  });
});
