import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoTools } from './run';

const RED = '\x1b[31m';

describe('demo rmht tool', () => {
  let tools: ReturnType<typeof demoTools>;
  afterEach(() => tools.dispose());

  describe('verify-handover', () => {
    beforeEach(() => (tools = demoTools({ colour: true })));

    it('passes a handover whose packages are all deployed to QA, in green', () => {
      const ok = tools.run(['rmht', 'verify-handover', 'HO-1234']);
      expect(ok.code).toBe(0);
      expect(ok.stdout).toContain('\x1b[32mrt-media-gateway');
      expect(ok.stdout).not.toContain(RED);
    });

    it('shows a red row for each package not deployed to QA and fails (seed 000: fails PE review)', () => {
      const failed = tools.run(['rmht', 'verify-handover', 'HO-1242']);
      expect(failed.code).toBe(1);
      // A red row: the SGR for red, then the package, versions and status.
      const red = (row: string) => new RegExp(`${RED.replace('[', '\\[')}${row}`);
      expect(failed.stdout).toMatch(red('sentiment-worker +0\\.3\\.0 +- +NOT DEPLOYED TO QA'));
      expect(failed.stdout).toMatch(red('portal-web +12\\.5\\.0 +12\\.4\\.0 +QA HAS ANOTHER VERSION'));
      expect(failed.stdout).toMatch(red('voicemail-service +\\(missing\\)'));
      expect(failed.stdout).toContain('fails PE review');
    });

    it('rejects an unknown or malformed handover id with exit code 2', () => {
      expect(tools.run(['rmht', 'verify-handover', 'HO-9999']).code).toBe(2);
      expect(tools.run(['rmht', 'verify-handover', '$(id)']).code).toBe(2);
    });
  });

  describe('check-versions', () => {
    beforeEach(() => (tools = demoTools()));

    it('lists the version in every region with its maintenance state', () => {
      const versions = tools.run(['rmht', 'check-versions', 'transcribed']);
      expect(versions.code).toBe(0);
      const rows = versions.stdout.split('\n').filter((l) => /^[A-Z0-9]+ +3\.4\.2 +off$/.test(l));
      expect(rows).toHaveLength(11);
    });

    it('rejects an unknown package with exit code 2', () => {
      expect(tools.run(['rmht', 'check-versions', 'nope']).code).toBe(2);
      expect(tools.run(['rmht']).code).toBe(2);
    });
  });
});
