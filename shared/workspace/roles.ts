import type { SourceFile, YamlPath } from './source';
import type { WorkspaceSources } from './parse';
import type { ApproverRequirement, RoleDeclaration, Workspace } from './workspace';

/**
 * The workspace's roles (issue 17): declared once in workspace.yaml, named everywhere else. Roles are
 * compared ignoring case, as people write them ("release manager" in a step, "Release Manager" in a
 * release type); once loaded, every reference carries the declared spelling, so a refusal says
 * "Only QA may …" in the workspace's own words.
 */

export function sameRole(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

export function declaredRole(workspace: Pick<Workspace, 'roles'>, role: string): RoleDeclaration | undefined {
  return workspace.roles.find((declared) => sameRole(declared.name, role));
}

/** Whether someone in `actorRole` may do a step `owner` owns: the owner itself, or a role declared to act as it. */
export function mayDoStepsOf(workspace: Pick<Workspace, 'roles'>, actorRole: string, owner: string): boolean {
  if (sameRole(actorRole, owner)) return true;
  return declaredRole(workspace, actorRole)?.actsAs.some((role) => sameRole(role, owner)) ?? false;
}

/** Who a desk without a team store acts as, and the first persona of a rehearsal: the first role declared. */
export function firstRole(workspace: Pick<Workspace, 'roles'>): string | undefined {
  return workspace.roles[0]?.name;
}

type RoleFile = 'workspace.yaml' | 'rules.yaml' | 'releases.yaml' | 'rollback.yaml';

interface RoleReference {
  /** A top-level file, or the index of a runbook among the workspace's runbooks. */
  file: RoleFile | number;
  path: YamlPath;
  role: string;
  /** Who names the role, as the error says it: `Step deploy-canary is owned by`. */
  what: string;
  /** Writes the declared spelling back into the loaded workspace. */
  set: (role: string) => void;
}

function approverReferences(approvers: readonly ApproverRequirement[] | undefined, file: RoleFile | number, path: YamlPath, what: string): RoleReference[] {
  return (approvers ?? []).map((approver, i) => ({ file, path: [...path, i, 'role'], role: approver.role, what, set: (role) => (approver.role = role) }));
}

/** Every place a workspace names a role, with its YAML position. */
function roleReferences(ws: Workspace): RoleReference[] {
  const refs: RoleReference[] = [];
  ws.runbooks.forEach((runbook, r) =>
    runbook.gates.forEach((gate, g) =>
      gate.steps.forEach((step, s) => {
        const at: YamlPath = ['gates', g, 'steps', s];
        refs.push({ file: r, path: [...at, 'owner'], role: step.owner, what: `Step ${step.id} is owned by`, set: (role) => (step.owner = role) });
        if (step.kind === 'approval') refs.push(...approverReferences(step.approvers, r, [...at, 'approvers'], `Step ${step.id} asks for approval from`));
      }),
    ),
  );
  ws.windows.forEach((window, i) => refs.push(...approverReferences(window.override?.approvers, 'rules.yaml', ['windows', i, 'override', 'approvers'], `Window ${window.id} is overridden by`)));
  ws.freezes.forEach((freeze, i) =>
    freeze.exceptions.forEach((exception, j) => refs.push(...approverReferences(exception.approvers, 'rules.yaml', ['freezes', i, 'exceptions', j, 'approvers'], `Freeze ${freeze.id}'s exception for ${exception.releaseType} is approved by`))),
  );
  ws.releaseTypes.forEach((type, i) => {
    const at: YamlPath = ['releaseTypes', i];
    type.deploymentWindows?.forEach((ref, j) => refs.push(...approverReferences(ref.approvers, 'releases.yaml', [...at, 'deploymentWindows', j, 'approvers'], `Release type ${type.id}'s ${ref.window} window is approved by`)));
    refs.push(...approverReferences(type.override?.approvers, 'releases.yaml', [...at, 'override', 'approvers'], `Release type ${type.id}'s override is approved by`));
    refs.push(...approverReferences(type.approvals, 'releases.yaml', [...at, 'approvals'], `Release type ${type.id} is approved by`));
  });
  ws.handoverMoves?.forEach((move, i) =>
    move.by.forEach((role, j) => refs.push({ file: 'releases.yaml', path: ['handoverMoves', i, 'by', j], role, what: `Moving a handover to "${move.to}" is for`, set: (name) => (move.by[j] = name) })),
  );
  const rollbackRoles = ws.rollbackRoles;
  rollbackRoles?.forEach((role, i) => refs.push({ file: 'rollback.yaml', path: ['roles', i], role, what: 'A rollback is run by', set: (name) => (rollbackRoles[i] = name) }));
  ws.sharedStore?.roles.forEach((mapping, i) =>
    refs.push({ file: 'workspace.yaml', path: ['sharedStore', 'roles', i, 'role'], role: mapping.role, what: 'The identity mapping gives', set: (role) => (mapping.role = role) }),
  );
  ws.announcements?.slack.forEach((channel, i) =>
    channel.roles?.forEach((role, j) => refs.push({ file: 'workspace.yaml', path: ['announcements', 'slack', i, 'roles', j], role, what: `Posting to ${channel.channel} is for`, set: (name) => (channel.roles![j] = name) })),
  );
  return refs;
}

type Report = (source: SourceFile | undefined, path: YamlPath, message: string) => void;

/**
 * Each role declared once, and every reference naming a declared role: a typo ("Q A", "on call PE")
 * would otherwise leave a step nobody can complete or an approval nobody can give.
 */
export function checkRoles(ws: Workspace, sources: WorkspaceSources, report: Report): void {
  const workspaceFile = sources.files.get('workspace.yaml');
  ws.roles.forEach((role, i) => {
    const first = ws.roles.findIndex((other) => sameRole(other.name, role.name));
    if (first !== i) report(workspaceFile, ['roles', i, 'name'], `Role "${role.name}" is declared twice (also roles[${first}]); declare each role once`);
  });
  const declared = ws.roles.map((role) => role.name);
  ws.roles.forEach((role, i) =>
    role.actsAs.forEach((other, j) => {
      if (!declaredRole(ws, other)) report(workspaceFile, ['roles', i, 'actsAs', j], `Role "${role.name}" acts as "${other}", which is not a role workspace.yaml declares (it declares: ${declared.join(', ')})`);
      else if (sameRole(other, role.name)) report(workspaceFile, ['roles', i, 'actsAs', j], `Role "${role.name}" cannot act as itself; list the other roles whose steps it may do`);
    }),
  );
  for (const ref of roleReferences(ws)) {
    if (declaredRole(ws, ref.role)) continue;
    const source = typeof ref.file === 'number' ? sources.runbooks[ref.file] : sources.files.get(ref.file);
    const known = declared.length ? `which is not a role workspace.yaml declares (it declares: ${declared.join(', ')})` : 'but workspace.yaml declares no roles; list each role under roles:';
    report(source, ref.path, `${ref.what} "${ref.role}", ${known}`);
  }
}

/** After checkRoles passed: every reference takes its declaration's spelling. */
export function spellRolesAsDeclared(ws: Workspace): void {
  for (const role of ws.roles) role.actsAs = role.actsAs.map((other) => declaredRole(ws, other)?.name ?? other);
  for (const ref of roleReferences(ws)) {
    const declared = declaredRole(ws, ref.role);
    if (declared && declared.name !== ref.role) ref.set(declared.name);
  }
}
