// issue 8, bad input: a corpus of broken workspace files (test/workspaces/bad/). Each case is one file laid
// over the minimal workspace; its first line names the file it stands for (`# file: regions.yaml`) and the
// table below holds the exact `file:line:column: message` a person must see for it.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseWorkspace, type WorkspaceFileText } from '../../shared/workspace/parse';

const here = path.dirname(fileURLToPath(import.meta.url));
const corpus = path.join(here, 'bad');
const minimal = path.join(here, '..', 'fixtures', 'workspaces', 'minimal');

const EXPECTED: Record<string, string> = {
  'command-hidden-character.yaml': 'commands.yaml:5:66: Command deploy argv entry 1 contains the control or invisible character U+202E; write it out visibly.',
  'not-a-workspace-file.yaml': "notes.yaml:1:1: notes.yaml is not a workspace file; expected one of workspace.yaml, regions.yaml, packages.yaml, rules.yaml, commands.yaml, metrics.yaml, rollback.yaml, releases.yaml or runbooks/*.yaml.",
  'pattern-backreference.yaml': 'commands.yaml:4:12: Pattern "version" is not a regular expression RE2 can match in linear time (invalid escape sequence: `\\1`); backreferences and lookaround are not supported.',
  'pattern-lookahead.yaml': 'commands.yaml:3:11: Pattern "region" is not a regular expression RE2 can match in linear time (invalid or unsupported Perl syntax: `(?!`); backreferences and lookaround are not supported.',
  'reference-handover-move-twice.yaml': 'releases.yaml:6:11: Who may move a handover to "Rollout Complete" is declared twice; declare each status once.',
  'reference-unknown-handover-move-role.yaml': 'releases.yaml:6:32: Moving a handover to "HO Peer Review" is for "Q.A.", which is not a role workspace.yaml declares (it declares: PE, QA).',
  'reference-rollback-move-without-rollback-roles.yaml': 'releases.yaml:6:42: A rollback moves a handover to "Failed Production Rollout", which releases.yaml gives only to PE, but rollback.yaml names no roles, so anyone may start one; list who may roll back in rollback.yaml (roles: [PE]).',
  'reference-step-after-unknown.yaml': "runbooks/rollout.yaml:18:17: Step verify waits for \"deploi\", which is not a step of runbook rollout.",
  'reference-unknown-role.yaml': 'runbooks/rollout.yaml:17:16: Step verify is owned by "Q A", which is not a role workspace.yaml declares (it declares: PE, QA).',
  'reference-unknown-rollback-role.yaml': 'rollback.yaml:3:13: A rollback is run by "on-call engineer", which is not a role workspace.yaml declares (it declares: PE, QA).',
  'reference-unknown-window.yaml': "regions.yaml:3:106: Region EUW2 uses timing \"eu-after-19\", which is not a window in rules.yaml.",
  'schema-bad-time.yaml': "rules.yaml:6:12: In rules.yaml, windows[0].start is invalid; it should be a local time \"HH:MM\" between 00:00 and 24:00.",
  'schema-bad-zone.yaml': "rules.yaml:5:11: In rules.yaml, windows[0].zone is invalid; it should be a valid IANA zone such as Europe/London or America/New_York.",
  'schema-command-rehearsal-safe-not-boolean.yaml': "commands.yaml:5:66: In commands.yaml, commands[0].rehearsalSafe is invalid; expected boolean, received string.",
  'schema-command-spliced-placeholder.yaml': "commands.yaml:6:66: Command deploy argv entry \"--region={region}\" mixes a placeholder with text; a placeholder must be a whole argv entry.",
  'schema-command-unknown-placeholder.yaml': "commands.yaml:5:88: Command deploy uses {nope}, but patterns has no \"nope\" to validate its values.",
  'schema-empty-file.yaml': "regions.yaml:1:1: In regions.yaml, regions is missing; expected array, received undefined.",
  'schema-external-link-with-scheme.yaml': "workspace.yaml:3:35: In workspace.yaml, externalLinks[1] is invalid; must be a bare host name in lower case, like jira.example.com (no scheme, port or path).",
  'schema-missing-field.yaml': "regions.yaml:3:5: In regions.yaml, regions[0].awsRegion is missing; expected string, received undefined.",
  'schema-unknown-field.yaml': "rules.yaml:7:5: In rules.yaml, windows[0] has unknown field \"ends\"; check the spelling.",
  'schema-wrong-type.yaml': "regions.yaml:2:10: In regions.yaml, regions is invalid; expected array, received string.",
  'yaml-alias-bomb.yaml': "releases.yaml:1:1: The file releases.yaml cannot be read: its aliases (*name) would expand to more than 1000 copies; write the values out instead.",
  'yaml-duplicate-key.yaml': "rules.yaml:7:5: The file rules.yaml is not valid YAML: Map keys must be unique.",
  'yaml-tab-indent.yaml': "regions.yaml:3:1: The file regions.yaml is not valid YAML: Tabs are not allowed as indentation.",
  'yaml-top-level-list.yaml': "regions.yaml:2:1: In regions.yaml, the file is invalid; expected object, received array.",
  'yaml-two-documents.yaml': "releases.yaml:4:1: The file releases.yaml is not valid YAML: it holds more than one document (a second `---`); a workspace file is one document.",
  'yaml-unclosed-quote.yaml': "rules.yaml:4:35: The file rules.yaml is not valid YAML: Missing closing \"quote.",
  'yaml-unknown-tag.yaml': "releases.yaml:3:27: The file releases.yaml is not valid YAML: the tag tag:yaml.org,2002:js/function is not one a workspace file may use.",
};

function minimalTexts(): WorkspaceFileText[] {
  const files = ['workspace.yaml', 'regions.yaml', 'rules.yaml', 'releases.yaml', 'runbooks/rollout.yaml'];
  return files.map((file) => ({ path: file, text: readFileSync(path.join(minimal, file), 'utf8') }));
}

function errorsFor(caseFile: string): string[] {
  const text = readFileSync(path.join(corpus, caseFile), 'utf8');
  const target = /^# file: (\S+)\n/.exec(text)?.[1];
  if (!target) throw new Error(`${caseFile} must start with "# file: <workspace file>"`);
  const texts = minimalTexts().filter((t) => t.path !== target);
  const result = parseWorkspace([...texts, { path: target, text }], 'minimal');
  return result.ok ? [] : result.errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`);
}

describe('the bad-workspace corpus', () => {
  const cases = readdirSync(corpus).filter((f) => f.endsWith('.yaml')).sort();

  it('has an expected message for every case and a case for every expected message', () => {
    expect(cases).toEqual(Object.keys(EXPECTED).sort());
  });

  it('loads the minimal workspace it lays the cases over', () => {
    expect(parseWorkspace(minimalTexts(), 'minimal').ok).toBe(true);
  });

  it.each(cases)('%s', (caseFile) => {
    const errors = errorsFor(caseFile);
    expect(errors).toEqual([EXPECTED[caseFile]]);
  });
});
