import { z } from 'zod';

/**
 * Where a team's desks share one release log: a DynamoDB table reached with one AWS profile. Declared in
 * workspace.yaml so every desk of a workspace names the same table; the profile is the desk's own
 * credentials for it, and its STS caller identity is the actor of every event the desk writes.
 */

/** DynamoDB's own rule for table names: 3 to 255 of letters, digits, "_", "-" and ".". */
const TableName = z
  .string({ error: 'a DynamoDB table name' })
  .regex(/^[A-Za-z0-9_.-]{3,255}$/, 'a DynamoDB table name: 3 to 255 letters, digits, "_", "-" or "."');

const AwsRegion = z.string({ error: 'an AWS region such as us-east-1' }).regex(/^[a-z]{2}(-[a-z]+)+-[0-9]+$/, 'an AWS region such as us-east-1 or eu-west-2');

const ProfileName = z
  .string({ error: 'an AWS profile name from ~/.aws/config' })
  .regex(/^[A-Za-z0-9_.+@=,-]+$/, 'an AWS profile name (letters, digits and _ . + @ = , -)');

/** Loopback or private endpoints (moto, DynamoDB Local, a VPC endpoint): plain http is allowed only on loopback. */
const Endpoint = z
  .url({ error: 'an endpoint URL such as https://dynamodb.us-east-1.amazonaws.com' })
  .refine((url) => url.startsWith('https://') || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:[0-9]+)?(\/|$)/.test(url), {
    error: 'an https URL (plain http only for a loopback endpoint such as http://127.0.0.1:5000)',
  });

/**
 * One line of the identity → role mapping. `arn` is a glob on the caller ARN ("*" matches any run of
 * characters), `permissionSet` names an IAM Identity Center permission set, as it appears in an SSO
 * session's assumed-role ARN (AWSReservedSSO_<permission set>_<suffix>), and `sessionName` is a glob on
 * the session name (for SSO, the person: "*@example.com"). A line may give several: then all must match.
 */
export const RoleMapping = z
  .strictObject({
    role: z.string({ error: 'a role name as the workspace uses it, such as "on-call PE"' }).min(1),
    arn: z
      .string()
      .regex(/^arn:(\*|aws[a-z-]*):/, 'an ARN pattern starting "arn:aws:" (such as "arn:aws:iam::123456789012:user/pe-*"); "*" matches any run of characters')
      .optional(),
    permissionSet: z
      .string()
      .regex(/^[A-Za-z0-9+=,.@_-]{1,32}$/, 'a permission set name (1 to 32 letters, digits and + = , . @ _ -)')
      .optional(),
    sessionName: z
      .string()
      .regex(/^[A-Za-z0-9+=,.@_*-]{1,64}$/, 'a session name pattern (letters, digits and + = , . @ _ -, with "*" for any run of them)')
      .optional(),
  })
  .refine((mapping) => mapping.arn !== undefined || mapping.permissionSet !== undefined || mapping.sessionName !== undefined, {
    error: 'a role mapping needs an arn pattern, a permissionSet or a sessionName pattern',
  });
export type RoleMapping = z.infer<typeof RoleMapping>;

export const SharedStore = z.strictObject({
  table: TableName,
  profile: ProfileName,
  region: AwsRegion,
  endpoint: Endpoint.optional(),
  roles: z.array(RoleMapping).default([]),
});
export type SharedStore = z.infer<typeof SharedStore>;
