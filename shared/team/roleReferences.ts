import { COMMON_ROLES } from '../api/release';
import type { SourceFile, YamlPath } from '../workspace/source';
import type { Workspace } from '../workspace/workspace';

type Report = (source: SourceFile | undefined, path: YamlPath, message: string) => void;

/**
 * The roles this workspace asks for somewhere: approval steps, override policies, who may roll back,
 * and the console's own common roles. A mapping to any other role gives a desk a role nothing checks,
 * which is almost always a typo ("Q A", "on call PE") that would leave a person unable to approve.
 */
export function rolesAskedFor(ws: Workspace): string[] {
  const roles = new Set<string>(COMMON_ROLES);
  for (const runbook of ws.runbooks) {
    for (const gate of runbook.gates) for (const step of gate.steps) if (step.kind === 'approval') step.approvers.forEach((a) => roles.add(a.role));
  }
  for (const window of ws.windows) window.override?.approvers.forEach((a) => roles.add(a.role));
  for (const freeze of ws.freezes) for (const exception of freeze.exceptions) exception.approvers?.forEach((a) => roles.add(a.role));
  ws.rollbackRoles?.forEach((role) => roles.add(role));
  return [...roles];
}

/** sharedStore.roles in workspace.yaml: each line maps to a role the workspace uses, compared as the engine compares roles (ignoring case). */
export function checkRoleMappings(ws: Workspace, workspaceFile: SourceFile | undefined, report: Report): void {
  const mappings = ws.sharedStore?.roles ?? [];
  if (!mappings.length) return;
  const known = rolesAskedFor(ws);
  mappings.forEach((mapping, i) => {
    if (!known.some((role) => role.toLowerCase() === mapping.role.toLowerCase())) {
      report(workspaceFile, ['sharedStore', 'roles', i, 'role'], `Role mapping gives "${mapping.role}", which no step, rule or rollback of this workspace asks for (it asks for: ${known.join(', ')})`);
    }
  });
}
