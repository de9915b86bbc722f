// Issue 19 item 5: a workspace names where each Slack channel's webhook URL is kept, never the URL. A URL
// written into workspace.yaml is a load error at its file:line:column that says why, without repeating it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseWorkspace, type WorkspaceFileText } from '../../../shared/workspace/parse';

const minimal = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/workspaces/minimal');
const FILES = ['regions.yaml', 'rules.yaml', 'releases.yaml', 'runbooks/rollout.yaml'];
const HEAD = 'name: m\nroles:\n  - { name: PE }\n  - { name: QA }\nannouncements:\n';
const SECRET = 'https://hooks.slack.com/services/T000/B000/XXXXSECRET';

function load(announcements: string) {
  const texts: WorkspaceFileText[] = FILES.map((file) => ({ path: file, text: readFileSync(path.join(minimal, file), 'utf8') }));
  return parseWorkspace([...texts, { path: 'workspace.yaml', text: HEAD + announcements }], 'slack');
}

function errors(announcements: string): string[] {
  const result = load(announcements);
  return result.ok ? [] : result.errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`);
}

describe('Slack channels in workspace.yaml', () => {
  it('loads a channel whose webhook is in an environment variable and one in the keychain, posted to by PE only', () => {
    const result = load('  slack:\n    - { channel: "#rm-netops", webhook: { env: RC_SLACK_RM_NETOPS } }\n    - { channel: "#deployments", webhook: { keychain: deployments }, roles: [pe] }\n');
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.workspace.announcements?.slack).toEqual([
      { channel: '#rm-netops', webhook: { env: 'RC_SLACK_RM_NETOPS' } },
      // The role is spelled as declared, like every other role reference.
      { channel: '#deployments', webhook: { keychain: 'deployments' }, roles: ['PE'] },
    ]);
  });

  it.each([
    ['a webhook URL as the environment variable', `  slack:\n    - { channel: "#rm-netops", webhook: { env: "${SECRET}" } }\n`, /workspace\.yaml:7:\d+: .*never the URL itself/],
    ['a webhook URL as the keychain entry', `  slack:\n    - { channel: "#rm-netops", webhook: { keychain: "${SECRET}" } }\n`, /workspace\.yaml:7:\d+: .*never the URL itself/],
    ['a webhook path without its scheme', '  slack:\n    - { channel: "#rm-netops", webhook: { env: "services/T000/B000/XXXX" } }\n', /never the URL itself/],
    ['the URL written in place of the source', `  slack:\n    - { channel: "#rm-netops", webhook: "${SECRET}" }\n`, /workspace\.yaml:7:\d+: .*where the webhook URL is kept/],
    ['a channel without its #', '  slack:\n    - { channel: rm-netops, webhook: { env: X } }\n', /workspace\.yaml:7:\d+: .*with its "#"/],
    ['a role workspace.yaml does not declare', '  slack:\n    - { channel: "#rm-netops", webhook: { env: X }, roles: [CCB] }\n', /workspace\.yaml:7:\d+: Posting to #rm-netops is for "CCB", which is not a role/],
    ['a ticket link without {ticket}', '  ticketUrl: https://jira.example.com/browse/\n', /workspace\.yaml:6:\d+: .*"\{ticket\}"/],
  ])('refuses %s, saying where', (_name, yaml, message) => {
    const found = errors(yaml);
    expect(found.join('\n')).toMatch(message);
    // The error never repeats the secret it refused.
    expect(found.join('\n')).not.toContain('XXXX');
  });
});
