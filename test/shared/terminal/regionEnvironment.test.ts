import { describe, expect, it } from 'vitest';
import { regionEnvironment } from '../../../shared/terminal/regionEnvironment';

const EUW2 = { id: 'EUW2', profile: 'prod-eu', awsRegion: 'eu-west-2' };

describe('regionEnvironment', () => {
  it.each([
    {
      when: 'a live release',
      isRehearsal: false,
      env: { RELEASE_CONSOLE_REGION: 'EUW2', AWS_PROFILE: 'prod-eu', AWS_REGION: 'eu-west-2', AWS_DEFAULT_REGION: 'eu-west-2' },
    },
    { when: 'a rehearsal', isRehearsal: true, env: { RELEASE_CONSOLE_REGION: 'EUW2' } },
  ])('gives a region terminal in $when exactly $env', ({ isRehearsal, env }) => {
    expect(regionEnvironment(EUW2, isRehearsal)).toEqual(env);
  });
});
