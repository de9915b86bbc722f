import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../../../main/host/host';
import { LOG_FILE } from '../../../main/storage/repository';
import { rehearsalDir } from '../../release-log';
import { approveProductionCr, openConsole, PRODUCTION, value } from './console-calls';

const hosts: Host[] = [];

afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
});

/**
 * An export taken while the log is read-only (changed since it was written, not yet acknowledged) is what a PE
 * carries off the machine as evidence. Before, it read exactly like one from an intact log: the changed
 * entry's content ("mallory wrote the CR") with a head, and not a word that the console had found it changed.
 */
describe('exports of a release whose log was found changed', () => {
  it('say what was found, line by line, until it is acknowledged', async () => {
    const { host: first, dataDir } = await openConsole('export-read-only');
    await approveProductionCr(first);
    await first.close();
    const file = path.join(rehearsalDir(dataDir), LOG_FILE);
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    const edited = lines.findIndex((l) => l.includes('"write-prod-cr"') && l.includes('"stepFinished"'));
    lines[edited] = lines[edited]!.replace('"name":"alice"', '"name":"mallory"');
    writeFileSync(file, lines.join('\n') + '\n');

    const { host } = await openConsole('export-read-only', { dataDir });
    hosts.push(host);
    const found = `The release log was changed at line ${edited + 1}`;
    const cr = await value<{ content: string }>(host, 'exportEvidence', { releaseId: PRODUCTION, format: 'cr-markdown' });
    expect(cr.content).toContain('## Release log findings');
    expect(cr.content).toContain('not acknowledged');
    expect(cr.content).toContain(found);
    const log = JSON.parse((await value<{ content: string }>(host, 'exportEvidence', { releaseId: PRODUCTION, format: 'deployment-log' })).content) as { releaseLogFindings: { line: number; message: string; acknowledged: boolean }[] };
    expect(log.releaseLogFindings).toEqual([expect.objectContaining({ line: edited + 1, acknowledged: false, message: expect.stringContaining(found) })]);

    // Acknowledged: the finding is in the log (its acknowledgement entry); the export no longer says it is open.
    await value(host, 'acknowledgeLog', {});
    const after = await value<{ content: string }>(host, 'exportEvidence', { releaseId: PRODUCTION, format: 'cr-markdown' });
    expect(after.content).not.toContain('not acknowledged');
    expect(JSON.parse((await value<{ content: string }>(host, 'exportEvidence', { releaseId: PRODUCTION, format: 'deployment-log' })).content)).not.toHaveProperty('releaseLogFindings');
  }, 60_000);
});
