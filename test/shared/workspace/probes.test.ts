// Issue 14, point 4: a region's probes are validated at load like every other reference, with the file,
// line and column of the probe and a sentence saying what is wrong.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseWorkspace, type WorkspaceFileText } from '../../../shared/workspace/parse';

const minimal = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/workspaces/minimal');

const COMMANDS = `patterns:
  region: "^(EUW2)$"
  package: "^[a-z-]+$"
commands:
  - { id: status-json, title: Status, purpose: check, argv: [maintenance, status, --region, "{region}", --json] }
  - { id: enable, title: Enable, purpose: maintenance, effect: maintenance-on, argv: [maintenance, enable, --region, "{region}"] }
  - { id: versions-of, title: Versions, purpose: check, argv: [rmht, check-versions, --json, "{package}"] }
`;

function load(probes: string): string[] {
  const texts: WorkspaceFileText[] = ['workspace.yaml', 'rules.yaml', 'releases.yaml', 'runbooks/rollout.yaml'].map((file) => ({ path: file, text: readFileSync(path.join(minimal, file), 'utf8') }));
  const regions = `regions:\n  - id: EUW2\n    name: Europe (London)\n    awsRegion: eu-west-2\n    profile: test\n    zone: Europe/London\n    timing: eu-after-18\n${probes}`;
  const result = parseWorkspace([...texts, { path: 'regions.yaml', text: regions }, { path: 'commands.yaml', text: COMMANDS }], 'probes');
  return result.ok ? [] : result.errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`);
}

describe('region probes in regions.yaml', () => {
  it('accepts read-only check commands that take only {region}, and no probes at all', () => {
    expect(load('    probes: { maintenance: status-json }\n')).toEqual([]);
    expect(load('')).toEqual([]);
  });

  it.each([
    ['a command that does not exist', '    probes: { maintenance: status-jsn }\n', 'regions.yaml:8:28: Region EUW2 probes maintenance with command "status-jsn", which is not in commands.yaml.'],
    [
      'a command that changes the region',
      '    probes:\n      maintenance: enable\n',
      'regions.yaml:9:20: Region EUW2 probes maintenance with command enable, whose purpose is maintenance (effect maintenance-on); a probe must be a read-only check command with no effect.',
    ],
    ['a command needing a value other than {region}', '    probes: { versions: versions-of }\n', 'regions.yaml:8:25: Region EUW2 probes versions with command versions-of, which needs {package}; a probe is given only {region}.'],
    ['empty probes', '    probes: {}\n', 'regions.yaml:8:13: In regions.yaml, regions[0].probes is invalid; name a maintenance command, a versions command or both.'],
    ['an unknown kind of probe', '    probes: { maintenance: status-json, health: status-json }\n', 'regions.yaml:8:41: In regions.yaml, regions[0].probes has unknown field "health"; check the spelling.'],
  ])('refuses %s with file:line:column and a sentence', (_name, probes, message) => {
    expect(load(probes)).toEqual([message]);
  });
});
