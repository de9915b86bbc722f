import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NEW_IMAGE, RELEASE_COMMANDS, clusterTools } from './run';

describe("seed 001's simulated kubectl and scripts", () => {
  let tools: ReturnType<typeof clusterTools>;
  beforeEach(() => (tools = clusterTools()));
  afterEach(() => tools.dispose());

  it('runs the default release in prod-use1 as the runbook does, each command printing what kubectl prints', () => {
    const outputs = RELEASE_COMMANDS.map((argv) => tools.run(argv));
    expect(outputs.map((o) => o.code)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(outputs[0]!.stdout).toBe('deployment.apps/api-server-canary image updated\n');
    expect(outputs[1]!.stdout).toContain('deployment "api-server-canary" successfully rolled out');
    expect(outputs[2]!.stdout).toBe('deployment.apps/api-server-canary scaled\n');
    expect(outputs[4]!.stdout).toMatch(/Waiting for deployment "api-server" rollout to finish: 0 of 10 updated replicas are available\.\.\.\n[\s\S]*deployment "api-server" successfully rolled out\n$/);
    expect(outputs[6]!.stdout).toContain('✔ deployment/api-server-canary: scaled down to 0');
    expect(outputs[6]!.stdout).toContain('✔ Deployment verified in prod-use1: api-server v1.2.3');
    expect(tools.state()).toEqual([
      `image prod-use1 api-server-canary ${NEW_IMAGE.split('=')[1]}`,
      'replicas prod-use1 api-server-canary 3',
      `image prod-use1 api-server ${NEW_IMAGE.split('=')[1]}`,
      'replicas prod-use1 api-server-canary 0',
    ]);
  });

  it('keeps each region its own cluster: prod-euw1 still runs v1.2.2 after prod-use1 took v1.2.3', () => {
    for (const argv of RELEASE_COMMANDS) tools.run(argv);
    const use1 = tools.run(['kubectl', 'get', 'deployments', '-n', 'production', '-o', 'wide']).stdout;
    expect(use1).toMatch(/^api-server\s+10\/10\s+10\s+10\s+registry\.example\.com\/api-server:v1\.2\.3$/m);
    expect(use1).toMatch(/^api-server-canary\s+0\/0\s+0\s+0\s+registry\.example\.com\/api-server:v1\.2\.3$/m);
    const euw1 = tools.run(['kubectl', 'get', 'deployments', '-n', 'production', '-o', 'wide'], { RELEASE_CONSOLE_REGION: 'prod-euw1' }).stdout;
    expect(euw1).toMatch(/^api-server\s+10\/10\s+10\s+10\s+registry\.example\.com\/api-server:v1\.2\.2$/m);
    expect(tools.run(['kubectl', 'get', 'pods', '-n', 'production', '-l', 'app=api-server', '--context', 'prod-euw1']).stdout).not.toContain('v1.2.3');
  });

  it("rolls back with seed 001's `kubectl rollout undo` to the image before, and smoke tests name it", () => {
    for (const argv of RELEASE_COMMANDS.slice(0, 5)) tools.run(argv);
    const undo = tools.run(['kubectl', 'rollout', 'undo', 'deployment/api-server', '-n', 'production']);
    expect(undo).toMatchObject({ code: 0, stdout: 'deployment.apps/api-server rolled back\n' });
    const history = tools.run(['kubectl', 'rollout', 'history', 'deployment/api-server', '-n', 'production']).stdout;
    expect(history.split('\n').slice(2, 5)).toEqual([
      '1         kubectl set image api-server api-server=registry.example.com/api-server:v1.2.2',
      '2         kubectl set image api-server api-server=registry.example.com/api-server:v1.2.3',
      '3         kubectl set image api-server api-server=registry.example.com/api-server:v1.2.2',
    ]);
    expect(tools.run(['./scripts/smoke-tests.sh', '--target', 'production']).stdout).toContain('✔ api-server v1.2.2: GET /healthz 200');
    expect(tools.state().at(-1)).toBe('image prod-use1 api-server registry.example.com/api-server:v1.2.2');
  });

  it('fails an undo with no earlier revision, as kubectl does, and changes nothing', () => {
    const undo = tools.run(['kubectl', 'rollout', 'undo', 'deployment/api-server', '-n', 'production']);
    expect(undo.code).toBe(1);
    expect(undo.stderr).toBe('error: no rollout history found for deployment "api-server"\n');
    expect(tools.state()).toEqual([]);
  });

  it('fails a rollback on purpose for a drill (RELEASE_CONSOLE_DEMO_FAIL), in that region only', () => {
    for (const argv of RELEASE_COMMANDS.slice(0, 5)) tools.run(argv);
    const fail = { RELEASE_CONSOLE_DEMO_FAIL: 'kubectl rollout undo:prod-use1' };
    const failed = tools.run(['kubectl', 'rollout', 'undo', 'deployment/api-server', '-n', 'production'], fail);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('failed to roll back deployment "api-server"');
    expect(tools.run(['kubectl', 'get', 'deployments', '-n', 'production', '-o', 'wide']).stdout).toMatch(/^api-server\s.*v1\.2\.3$/m);
  });

  it('refuses a verification while the canary still runs pods, and one where nothing was deployed', () => {
    const nothing = tools.run(['./scripts/verify-deployment.sh', '--full']);
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toContain('nothing was deployed in prod-use1');
    for (const argv of RELEASE_COMMANDS.slice(0, 5)) tools.run(argv);
    const early = tools.run(['./scripts/verify-deployment.sh', '--full']);
    expect(early.code).toBe(1);
    expect(early.stdout).toContain('✘ deployment/api-server-canary still runs 3 pods');
  });

  it.each([
    [['kubectl'], 'usage: kubectl set image'],
    [['kubectl', 'delete', 'deployment/api-server', '-n', 'production'], 'usage: kubectl set image'],
    [['kubectl', 'set', 'image', 'deployment/api-server', NEW_IMAGE], 'the namespace is required here (-n production)'],
    [['kubectl', 'set', 'image', 'deployment/api-server', NEW_IMAGE, '-n', 'staging'], 'namespaces "staging" not found'],
    [['kubectl', 'set', 'image', 'deployment/web', NEW_IMAGE, '-n', 'production'], 'deployments.apps "web" not found'],
    [['kubectl', 'set', 'image', 'service/api-server', NEW_IMAGE, '-n', 'production'], "'service/api-server' is not a deployment"],
    [['kubectl', 'set', 'image', 'deployment/api-server', 'api-server', '-n', 'production'], "'api-server' is not CONTAINER=IMAGE:TAG"],
    [['kubectl', 'scale', 'deployment/api-server-canary', '-n', 'production'], '--replicas=COUNT is required'],
    [['kubectl', 'scale', 'deployment/api-server-canary', '-n', 'production', '--replicas', '-1'], 'usage: kubectl'],
    [['kubectl', 'scale', 'deployment/api-server-canary', '-n', 'production', '--replicas=1000'], 'a count from 0 to 999'],
    [['kubectl', 'rollout', 'status', 'deployment/api-server', '-n', 'production', '--timeout=soon'], 'invalid argument "soon" for "--timeout"'],
    [['kubectl', 'get', 'pods', '-n', 'production', '--context', 'prod-apse1'], 'context "prod-apse1" does not exist (known: prod-use1 prod-euw1)'],
    [['./scripts/verify-deployment.sh'], 'usage: ./scripts/verify-deployment.sh --full'],
    [['./scripts/smoke-tests.sh', '--target', 'green'], "unknown target 'green'"],
  ])('refuses %j with exit 2 and says why', (argv, message) => {
    const refused = tools.run(argv);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(message);
    expect(tools.state()).toEqual([]);
  });

  it('needs a context: a terminal that belongs to no region cannot reach a cluster', () => {
    const refused = tools.run(['kubectl', 'get', 'pods', '-n', 'production'], { RELEASE_CONSOLE_REGION: '' });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("run from a region's terminal");
  });
});
