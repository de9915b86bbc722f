import { describe, expect, it } from 'vitest';
import { CommandTemplate } from '../../../shared/workspace/schema/commands';

const deploy = { id: 'deploy-apply', title: 'Deploy', purpose: 'deploy', argv: ['deploy', 'apply', '{package}'] };

describe('a command template\'s timeout', () => {
  it.each([
    { timeoutSeconds: undefined, parsed: undefined },
    { timeoutSeconds: 1, parsed: 1 },
    { timeoutSeconds: 1800, parsed: 1800 },
    { timeoutSeconds: 86_400, parsed: 86_400 },
  ])('accepts $timeoutSeconds s of wall-clock time', ({ timeoutSeconds, parsed }) => {
    const result = CommandTemplate.parse({ ...deploy, ...(timeoutSeconds === undefined ? {} : { timeoutSeconds }) });
    expect(result.timeoutSeconds).toBe(parsed);
  });

  it.each([0, -5, 1.5, 86_401, '10m'])('refuses %s, naming the field', (timeoutSeconds) => {
    const result = CommandTemplate.safeParse({ ...deploy, timeoutSeconds });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['timeoutSeconds']);
  });
});
