import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { z } from 'zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { simulatedClock } from '../../../shared/clock';
import { StateStore, StateStoreError } from '../../../main/storage/state-store';

const FRIDAY_1055_LONDON = Date.UTC(2025, 5, 13, 9, 55);

const releaseStateSchema = z.object({
  currentRelease: z.string().nullable(),
  steps: z.record(z.string(), z.enum(['done', 'ready', 'blocked', 'running', 'failed', 'interrupted'])),
  ticks: z.array(z.object({ item: z.string(), by: z.string(), at: z.string() })),
});
type ReleaseState = z.infer<typeof releaseStateSchema>;
const defaults: ReleaseState = { currentRelease: null, steps: {}, ticks: [] };

let dir = '';
let file = '';
const clock = simulatedClock(FRIDAY_1055_LONDON);

function newStore(): StateStore<ReleaseState> {
  return new StateStore({ file, schema: releaseStateSchema, defaults, clock });
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rc-state-'));
  file = path.join(dir, 'state.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('StateStore', () => {
  it('starts from the defaults when there is no file, and reports nothing recovered', async () => {
    expect(await newStore().load()).toEqual({ state: defaults, recovered: null });
  });

  it('commits an update durably and loads it back in a new store', async () => {
    const store = newStore();
    await store.load();
    const committed = await store.update((s) => ({ ...s, currentRelease: 'product-2025-06-13', steps: { 'euw2.deploy': 'running' } }));
    expect(committed.steps).toEqual({ 'euw2.deploy': 'running' });
    expect(store.state).toEqual(committed);
    expect(await newStore().load()).toEqual({ state: committed, recovered: null });
  });

  it('serialises concurrent updates so none is lost', async () => {
    const store = newStore();
    await store.load();
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.update((s) => ({ ...s, ticks: [...s.ticks, { item: `qa-${i}`, by: 'Priya', at: String(i) }] }))));
    expect((await newStore().load()).state.ticks.map((t) => t.item)).toEqual(Array.from({ length: 20 }, (_, i) => `qa-${i}`));
  });

  it('refuses an update the schema rejects and keeps the committed state on disk and in memory', async () => {
    const store = newStore();
    await store.load();
    await store.update((s) => ({ ...s, currentRelease: 'cai-7' }));
    await expect(store.update((s) => ({ ...s, steps: { deploy: 'succeeded?' } }) as unknown as ReleaseState)).rejects.toBeInstanceOf(StateStoreError);
    expect(store.state.currentRelease).toBe('cai-7');
    expect((await newStore().load()).state.currentRelease).toBe('cai-7');
  });

  it('does not let a caller mutate the committed state behind its back', async () => {
    const store = newStore();
    const { state } = await store.load();
    state.ticks.push({ item: 'sneaky', by: 'x', at: 'y' });
    store.state.ticks.push({ item: 'sneaky', by: 'x', at: 'y' });
    expect(store.state.ticks).toEqual([]);
  });

  it('writes the format electron-store and conf read: one tab-indented JSON object', async () => {
    const store = newStore();
    await store.load();
    await store.update((s) => ({ ...s, currentRelease: 'platform-weekly' }));
    expect(await readFile(file, 'utf8')).toBe(JSON.stringify({ currentRelease: 'platform-weekly', steps: {}, ticks: [] }, undefined, '\t'));
    const conf = new Conf<ReleaseState>({ cwd: dir, configName: 'state', projectName: 'release-console' });
    expect(conf.get('currentRelease')).toBe('platform-weekly');
  });

  it('leaves no temporary files behind and removes ones an interrupted write left', async () => {
    await writeFile(path.join(dir, 'state.json.tmp-999-0'), '{"half":');
    const store = newStore();
    await store.load();
    await store.update((s) => ({ ...s, currentRelease: 'x' }));
    expect(await readdir(dir)).toEqual(['state.json']);
  });
});

describe('StateStore with a damaged file at start', () => {
  const damaged: [string, string | Buffer, string][] = [
    ['a truncated file', '{"currentRelease":"product-2025-06-13","steps":{"euw2.de', 'bad-json'],
    ['an empty file', '', 'empty'],
    ['a NUL-filled file', Buffer.alloc(512), 'nul-filled'],
    ['a schema-invalid file', JSON.stringify({ currentRelease: 42, steps: {}, ticks: [] }), 'schema-invalid'],
    ['a file holding an array', '[]', 'not-an-object'],
  ];

  it.each(damaged)('moves %s aside with a timestamp, loads the defaults and reports why', async (_name, content, problem) => {
    await writeFile(file, content);
    const store = newStore();
    const loaded = await store.load();
    const movedTo = path.join(dir, 'state.corrupt-2025-06-13T09-55-00-000Z.json');
    expect(loaded.state).toEqual(defaults);
    expect(loaded.recovered).toMatchObject({ movedTo, problem });
    expect(loaded.recovered?.reason).toMatch(/state file/);
    // Kept byte for byte for a person to inspect: never silently reset.
    expect((await readFile(movedTo)).equals(Buffer.from(content))).toBe(true);
    expect(await readdir(dir)).toEqual([path.basename(movedTo)]);
    await store.update((s) => ({ ...s, currentRelease: 'after-recovery' }));
    expect(await newStore().load()).toMatchObject({ recovered: null, state: { currentRelease: 'after-recovery' } });
  });

  it('never overwrites an earlier moved-aside file from the same moment', async () => {
    await writeFile(file, 'first');
    await newStore().load();
    await writeFile(file, 'second');
    const { recovered } = await newStore().load();
    expect(recovered?.movedTo).toBe(path.join(dir, 'state.corrupt-2025-06-13T09-55-00-000Z-2.json'));
    expect(await readFile(path.join(dir, 'state.corrupt-2025-06-13T09-55-00-000Z.json'), 'utf8')).toBe('first');
  });

  it('names the failing schema paths in the report', async () => {
    await writeFile(file, JSON.stringify({ currentRelease: null, steps: { deploy: 'green' }, ticks: [] }));
    const { recovered } = await newStore().load();
    expect(recovered?.reason).toMatch(/steps\.deploy/);
  });
});
