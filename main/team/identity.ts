import os from 'node:os';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { parseCallerArn, type DeskIdentity } from '../../shared/team/identity';

/**
 * The desk's identity: STS GetCallerIdentity of the shared store's profile (the ARN and, for an SSO
 * session, its session name and permission set) plus the OS user. Asked of AWS, never typed: renaming
 * yourself cannot make you the second PE.
 */
export async function callerIdentity(sts: STSClient, osUser: string = os.userInfo().username): Promise<DeskIdentity> {
  const answer = await sts.send(new GetCallerIdentityCommand({}));
  const arn = answer.Arn;
  if (!arn) throw new Error('STS GetCallerIdentity answered without an ARN');
  const parts = parseCallerArn(arn);
  if ('error' in parts) throw new Error(parts.error);
  return { arn, account: answer.Account ?? parts.account, sessionName: parts.sessionName, permissionSet: parts.permissionSet, osUser };
}
