import { markFlood } from '../../../shared/terminal/floodTrace';
import type { PtyHostRequest } from '../../../shared/terminal/ptyHost';
import type { PtyProcess } from '../pty';

type Listener<T> = (value: T) => void;

function listen<T>(listeners: Set<Listener<T>>, listener: Listener<T>): { dispose(): void } {
  listeners.add(listener);
  return { dispose: () => void listeners.delete(listener) };
}

/** A pty that lives in the pty host, seen from the console: requests go over the channel, reports come back. */
export class RemotePty implements PtyProcess {
  readonly spawned: Promise<number>;
  private resolveSpawned!: (pid: number) => void;
  private rejectSpawned!: (error: Error) => void;
  private readonly dataListeners = new Set<Listener<string>>();
  private readonly exitListeners = new Set<Listener<{ exitCode: number; signal?: number }>>();
  private readonly lostListeners = new Set<Listener<string>>();
  private isOver = false;

  constructor(
    readonly id: number,
    private readonly send: (request: PtyHostRequest) => void,
  ) {
    this.spawned = new Promise((resolve, reject) => {
      this.resolveSpawned = resolve;
      this.rejectSpawned = reject;
    });
    // A spawn that fails is reported through the session's own handling; nobody else awaits this.
    this.spawned.catch(() => undefined);
  }

  onData(listener: Listener<string>) {
    return listen(this.dataListeners, listener);
  }

  onExit(listener: Listener<{ exitCode: number; signal?: number }>) {
    return listen(this.exitListeners, listener);
  }

  onLost(listener: Listener<string>) {
    return listen(this.lostListeners, listener);
  }

  write(data: string): void {
    this.request({ type: 'write', id: this.id, data });
  }

  resize(cols: number, rows: number): void {
    this.request({ type: 'resize', id: this.id, cols, rows });
  }

  pause(): void {
    this.request({ type: 'pause', id: this.id });
  }

  resume(): void {
    this.request({ type: 'resume', id: this.id });
  }

  kill(signal?: string): void {
    this.request({ type: 'kill', id: this.id, ...(signal === undefined ? {} : { signal }) });
  }

  hasSpawned(pid: number): void {
    this.resolveSpawned(pid);
  }

  failedToSpawn(message: string): void {
    this.isOver = true;
    this.rejectSpawned(new Error(message));
  }

  received(data: string): void {
    markFlood('pipeFrame', data.length);
    for (const listener of this.dataListeners) listener(data);
    this.request({ type: 'received', id: this.id, chars: data.length });
  }

  exited(event: { exitCode: number; signal?: number }): void {
    this.isOver = true;
    for (const listener of this.exitListeners) listener(event);
  }

  /** The host died under this pty. */
  lost(reason: string): void {
    if (this.isOver) return;
    this.isOver = true;
    this.rejectSpawned(new Error(reason));
    for (const listener of this.lostListeners) listener(reason);
  }

  private request(request: PtyHostRequest): void {
    if (!this.isOver) this.send(request);
  }
}
