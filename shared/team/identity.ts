import type { RoleMapping } from './sharedStore';

/**
 * Who sits at a desk, as AWS and the OS say: never typed by the user. `arn` is STS GetCallerIdentity's
 * answer for the shared store's profile; an IAM Identity Center (SSO) session is an assumed role named
 * AWSReservedSSO_<permission set>_<suffix>, whose session name is the person's SSO user name.
 */
export interface DeskIdentity {
  arn: string;
  account: string;
  /** The assumed-role session name (for SSO, the person), or null for an IAM user or a root identity. */
  sessionName: string | null;
  /** The IAM Identity Center permission set behind an SSO session, or null. */
  permissionSet: string | null;
  osUser: string;
}

export interface ArnParts {
  account: string;
  sessionName: string | null;
  permissionSet: string | null;
  /** What a person recognises: the SSO or session name, else the IAM user name, else the whole ARN. */
  displayName: string;
}

const ASSUMED_ROLE = /^arn:aws[a-z-]*:sts::([0-9]{12}):assumed-role\/(?:[^/]+\/)*([^/]+)\/([^/]+)$/;
const IAM_USER = /^arn:aws[a-z-]*:iam::([0-9]{12}):user\/(?:[^/]+\/)*([^/]+)$/;
const ROOT = /^arn:aws[a-z-]*:iam::([0-9]{12}):root$/;
/** IAM Identity Center names the role it creates per permission set this way (AWS docs, "SSO roles"). */
const SSO_ROLE = /^AWSReservedSSO_(.+)_[0-9a-f]{16}$/;

/** Reads what an STS caller ARN says about who is calling; an ARN of another shape is an error naming it. */
export function parseCallerArn(arn: string): ArnParts | { error: string } {
  const assumed = ASSUMED_ROLE.exec(arn);
  if (assumed) {
    const [, account = '', role = '', session = ''] = assumed;
    const sso = SSO_ROLE.exec(role);
    return { account, sessionName: session, permissionSet: sso ? (sso[1] ?? null) : null, displayName: session };
  }
  const user = IAM_USER.exec(arn);
  if (user) return { account: user[1] ?? '', sessionName: null, permissionSet: null, displayName: user[2] ?? arn };
  const root = ROOT.exec(arn);
  if (root) return { account: root[1] ?? '', sessionName: null, permissionSet: null, displayName: `root of ${root[1] ?? ''}` };
  return { error: `STS returned a caller ARN the console does not understand: "${arn}" (expected an IAM user, an assumed role or an account root)` };
}

/** "*" matches any run of characters, everything else literally: ARNs are full of regex metacharacters. */
function globMatches(pattern: string, arn: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`).test(arn);
}

function mappingMatches(mapping: RoleMapping, identity: Pick<DeskIdentity, 'arn' | 'permissionSet'> & { sessionName?: string | null }): boolean {
  if (mapping.arn !== undefined && !globMatches(mapping.arn, identity.arn)) return false;
  if (mapping.permissionSet !== undefined && mapping.permissionSet !== identity.permissionSet) return false;
  if (mapping.sessionName !== undefined && (identity.sessionName == null || !globMatches(mapping.sessionName, identity.sessionName))) return false;
  return true;
}

/**
 * The workspace's roles for this identity, in the order the mapping lists them, each once. The mapping
 * is the only source: a role is never taken from a name the user typed.
 */
export function rolesOf(identity: Pick<DeskIdentity, 'arn' | 'permissionSet'> & { sessionName?: string | null }, mappings: readonly RoleMapping[]): string[] {
  const roles: string[] = [];
  for (const mapping of mappings) {
    if (mappingMatches(mapping, identity) && !roles.includes(mapping.role)) roles.push(mapping.role);
  }
  return roles;
}

/** Who did or approved something, as the log records it: a display name, and the STS ARN when AWS said who it was. */
export interface Identified {
  name: string;
  arn?: string | undefined;
}

/**
 * Whether two records name one person. When AWS named both, the ARN decides, never the display name:
 * renaming yourself cannot make you the second PE, and two people called "sam" in two accounts stay two.
 * A simulated persona (rehearsal, demo) has no ARN; then, and for records from before identities, the
 * names decide, ignoring case, so a record without an ARN never lets its author approve their own work.
 */
export function isSameIdentity(a: Identified, b: Identified): boolean {
  if (a.arn !== undefined && b.arn !== undefined) return a.arn === b.arn;
  return a.name.trim().toLowerCase() === b.name.trim().toLowerCase();
}
