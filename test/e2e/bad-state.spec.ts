// Data from before the release log with a damaged state file: the first start still starts, says on screen
// which file it moved aside, keeps that file's bytes, never rewrites the old audit log, and begins the release
// log with a genesis entry that names the old files.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { rehearsalDir } from '../release-log';
import { systemClock } from '../../shared/clock';
import { AuditLog } from '../../main/storage/audit-log';
import { LOG_FILE } from '../../main/storage/repository';
import { test, expect, startServe, stopServe } from './fixtures';

const REHEARSAL = ['--rehearsal-at', '2026-03-19T10:55:00Z'];

const CASES: { name: string; mode: 'live' | 'rehearsal'; bytes: Buffer; reason: RegExp }[] = [
  { name: 'truncated', mode: 'live', bytes: Buffer.from('{"version":1,"releases":{"2026-03-pro'), reason: /not valid JSON/ },
  { name: 'NUL-filled', mode: 'rehearsal', bytes: Buffer.alloc(4096), reason: /4096 NUL bytes/ },
  { name: 'schema-invalid', mode: 'rehearsal', bytes: Buffer.from('{"version":"seven","releases":[1,2,3]}\n'), reason: /does not match the schema/ },
];

for (const { name, mode, bytes, reason } of CASES) {
  test(`a ${name} ${mode} state file from before the release log is moved aside with its bytes, named on screen, and the old audit log kept`, async ({ page }) => {
    const args = mode === 'rehearsal' ? REHEARSAL : ['--live'];
    // A data folder as the console left it before the release log: an audit log and a state file.
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-e2e-legacy-'));
    const dir = mode === 'rehearsal' ? rehearsalDir(dataDir, REHEARSAL[1]!) : path.join(dataDir, mode);
    mkdirSync(dir, { recursive: true });
    const legacyAudit = new AuditLog({ file: path.join(dir, 'audit.jsonl'), clock: systemClock() });
    await legacyAudit.append({ actor: 'alice', role: 'PE', kind: 'session', data: { started: true } });
    await legacyAudit.close();
    const auditBefore = readFileSync(path.join(dir, 'audit.jsonl'));
    writeFileSync(path.join(dir, 'state.json'), bytes);

    const second = await startServe(args, {}, dataDir);
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
      expect(auditAfter.equals(auditBefore), 'the old audit log is never rewritten').toBe(true);
      // The release log begins with the genesis entry: the old audit log's head, and the state file it could not read.
      const genesis = JSON.parse(readFileSync(path.join(dir, LOG_FILE), 'utf8').split('\n')[0]!) as { kind: string; body: { origin: { auditLog: { entries: number; verified: boolean } } } };
      expect(genesis.kind).toBe('genesis');
      expect(genesis.body.origin.auditLog).toMatchObject({ entries: 1, verified: true });
    } finally {
      await stopServe(second);
    }
  });
}
