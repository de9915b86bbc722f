import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import type { Clock } from '../../shared/clock';
import { removeStaleTempFiles, writeFileAtomic } from './atomic-file';
import { SerialQueue } from './serial-queue';
import { moveAside, readStateBytes, type StateFileProblem, type StateFileReading } from './state-file';

export interface StateStoreOptions<T> {
  /** A JSON file; electron-store can be pointed at the same path (same format: one JSON object). */
  file: string;
  schema: z.ZodType<T>;
  /** What a first run (no file) or a recovered run starts from. Never mutated. */
  defaults: T;
  /** Names the moved-aside file. */
  clock: Clock;
}

/** A damaged state file that was set aside instead of being overwritten; the screen shows this. */
export interface StateRecovery {
  /** Where the damaged file now is; null if it could not be moved, in which case the store refuses writes. */
  movedTo: string | null;
  problem: StateFileProblem;
  reason: string;
}

export interface StateLoad<T> {
  state: T;
  recovered: StateRecovery | null;
}

export class StateStoreError extends Error {
  override name = 'StateStoreError';
}

/** conf and electron-store write tab-indented JSON; writing the same keeps one file readable by both. */
const JSON_INDENT = '\t';

/**
 * Generic, schema-validated state persisted as one JSON object file, replaced atomically on every write.
 * `load` never throws and never silently resets: a damaged file is moved aside and reported.
 */
export class StateStore<T> {
  private readonly file: string;
  private readonly schema: z.ZodType<T>;
  private readonly defaults: T;
  private readonly clock: Clock;
  private readonly queue = new SerialQueue();
  private committed: T | undefined;
  private refuseWrites: string | null = null;

  constructor(options: StateStoreOptions<T>) {
    this.file = options.file;
    this.schema = options.schema;
    this.defaults = structuredClone(options.defaults);
    this.clock = options.clock;
  }

  load(): Promise<StateLoad<T>> {
    return this.queue.run(async () => {
      const loaded = await this.readOrRecover();
      this.committed = loaded.state;
      this.refuseWrites = loaded.recovered && loaded.recovered.movedTo === null ? loaded.recovered.reason : null;
      return { state: structuredClone(loaded.state), recovered: loaded.recovered };
    });
  }

  /** The last committed state (a copy). */
  get state(): T {
    if (this.committed === undefined) throw new StateStoreError('StateStore: call load() before reading the state');
    return structuredClone(this.committed);
  }

  /**
   * Applies `change` to the committed state and resolves with the new state once it is durable. A change
   * the schema rejects is not written and rejects the promise; the committed state stays as it was.
   */
  update(change: (current: T) => T): Promise<T> {
    return this.queue.run(async () => {
      if (this.committed === undefined) throw new StateStoreError('StateStore: call load() before update()');
      if (this.refuseWrites !== null) {
        throw new StateStoreError(`StateStore: not writing ${this.file}: the damaged file could not be moved aside (${this.refuseWrites})`);
      }
      const result = this.schema.safeParse(change(structuredClone(this.committed)));
      if (!result.success) {
        throw new StateStoreError(`StateStore: the new state does not match the schema: ${result.error.issues[0]?.message ?? 'invalid'}`);
      }
      await mkdir(path.dirname(this.file), { recursive: true });
      await writeFileAtomic(this.file, JSON.stringify(result.data, undefined, JSON_INDENT));
      this.committed = result.data;
      return structuredClone(result.data);
    });
  }

  private async readOrRecover(): Promise<StateLoad<T>> {
    await removeStaleTempFiles(this.file);
    let reading: StateFileReading<T>;
    try {
      reading = readStateBytes(await readFile(this.file), this.schema);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: structuredClone(this.defaults), recovered: null };
      reading = { problem: 'unreadable', reason: `the state file cannot be read: ${(error as Error).message}` };
    }
    if ('state' in reading) return { state: reading.state, recovered: null };
    let movedTo: string | null = null;
    try {
      movedTo = await moveAside(this.file, this.clock.now());
    } catch (error) {
      reading.reason += `; moving it aside failed: ${(error as Error).message}`;
    }
    return { state: structuredClone(this.defaults), recovered: { movedTo, problem: reading.problem, reason: reading.reason } };
  }
}
