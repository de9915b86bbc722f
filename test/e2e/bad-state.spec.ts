// A damaged state file at start: the console still starts, says on screen which file it moved aside, keeps
// that file's bytes, and never rewrites the audit log (it only appends its session entry).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect, startServe, stopServe } from './fixtures';

const REHEARSAL = ['--rehearsal-at', '2026-03-19T10:55:00Z'];

const CASES: { name: string; mode: 'live' | 'rehearsal'; bytes: Buffer; reason: RegExp }[] = [
  { name: 'truncated', mode: 'live', bytes: Buffer.from('{"version":1,"releases":{"2026-03-pro'), reason: /not valid JSON/ },
  { name: 'NUL-filled', mode: 'rehearsal', bytes: Buffer.alloc(4096), reason: /4096 NUL bytes/ },
  { name: 'schema-invalid', mode: 'rehearsal', bytes: Buffer.from('{"version":"seven","releases":[1,2,3]}\n'), reason: /does not match the schema/ },
];

for (const { name, mode, bytes, reason } of CASES) {
  test(`a ${name} ${mode} state file is moved aside with its bytes, named on screen, and the audit log kept`, async ({ page }) => {
    const args = mode === 'rehearsal' ? REHEARSAL : ['--live'];
    // A first run leaves a real audit log (its session entry) in the data dir.
    const first = await startServe(args);
    await stopServe(first);
    const dir = path.join(first.dataDir, mode);
    const auditBefore = readFileSync(path.join(dir, 'audit.jsonl'));
    expect(auditBefore.length).toBeGreaterThan(0);
    writeFileSync(path.join(dir, 'state.json'), bytes);

    const second = await startServe(args, {}, first.dataDir);
    try {
      await page.goto(second.url);
      await expect(page.getByRole('status')).toHaveText('Connected');
      const aside = readdirSync(dir).filter((f) => f.startsWith('state.corrupt-'));
      expect(aside).toHaveLength(1);
      expect(aside[0]).toMatch(/^state\.corrupt-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.json$/);
      expect(readFileSync(path.join(dir, aside[0]!)).equals(bytes)).toBe(true);

      const alert = page.getByRole('alert').filter({ hasText: 'The saved state could not be read' });
      await expect(alert).toContainText(path.join(dir, aside[0]!));
      await expect(alert).toContainText(reason);
      await expect(alert).toContainText('Nothing was deleted.');
      // The app still works: the seed 000 regions are on screen.
      await expect(page.getByRole('button', { name: /EUW2/ }).first()).toBeVisible();

      const auditAfter = readFileSync(path.join(dir, 'audit.jsonl'));
      expect(auditAfter.subarray(0, auditBefore.length).equals(auditBefore), 'the audit log is only appended to').toBe(true);
    } finally {
      await stopServe(second);
    }
  });
}
