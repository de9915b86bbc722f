import { StringDecoder } from 'node:string_decoder';
import type { PtyHostReport } from '../../../shared/terminal/ptyHost';

/**
 * A pty's output, and then its exit, go from the pty host to the console on a pipe of their own when the
 * host is a forked Node process (browser mode): frames of raw UTF-8, no JSON. On Node's IPC channel every
 * 64 k of output was escaped (each CRLF to `\r\n`), serialised in the host and parsed again in the
 * console, more CPU per byte than anything else between the pty and the WebSocket (issue 18). The exit
 * rides the same pipe so it can never overtake the output before it. Everything else (spawn, heartbeat,
 * requests) stays on the IPC channel. Electron's utility process has no extra pipe and keeps the channel.
 *
 * A frame: kind (1 byte), pty id (uint32 LE), payload length (uint32 LE), payload.
 */
const HEADER_BYTES = 9;
const DATA = 0;
/** An exit's payload is its report as JSON: a few dozen bytes, once per pty. */
const EXIT = 1;

/** The host's end of the pipe, as the console passes it: fd 4, after stdin, stdout, stderr and the IPC channel (fd 3). */
export const DATA_PIPE_FD = 4;
/** The argument that tells a forked host the pipe is there. */
export const DATA_PIPE_ARG = `--data-fd=${DATA_PIPE_FD}`;

type PipedReport = Extract<PtyHostReport, { type: 'data' | 'exit' }>;

export function encodeFrame(report: PipedReport): Buffer {
  const payload = report.type === 'data' ? report.data : JSON.stringify(report);
  const length = Buffer.byteLength(payload, 'utf8');
  const frame = Buffer.allocUnsafe(HEADER_BYTES + length);
  frame.writeUInt8(report.type === 'data' ? DATA : EXIT, 0);
  frame.writeUInt32LE(report.id, 1);
  frame.writeUInt32LE(length, 5);
  frame.write(payload, HEADER_BYTES, 'utf8');
  return frame;
}

/**
 * Reads frames from the console's end of the pipe, whatever sizes its reads come in. No read is copied or
 * joined: a payload that spans reads is decoded part by part (the decoder keeps a character cut between
 * them), so the only memory a flood churns is the reads themselves, as on the IPC channel before
 * (`serve.rss_growth_mb_slow_client`).
 */
export class FrameReader {
  private readonly header = Buffer.alloc(HEADER_BYTES);
  private headerBytes = 0;
  /** Payload bytes still to come for the frame being read; -1 while its header is being read. */
  private payloadLeft = -1;
  private kind = DATA;
  private id = 0;
  /** The frame's payload so far, when it spans reads. */
  private isSplit = false;
  private text = '';
  private readonly decoder = new StringDecoder('utf8');

  constructor(private readonly onReport: (report: PipedReport) => void) {}

  push(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.payloadLeft < 0) {
        const take = Math.min(HEADER_BYTES - this.headerBytes, chunk.length - at);
        chunk.copy(this.header, this.headerBytes, at, at + take);
        this.headerBytes += take;
        at += take;
        if (this.headerBytes < HEADER_BYTES) return;
        this.headerBytes = 0;
        this.kind = this.header.readUInt8(0);
        this.id = this.header.readUInt32LE(1);
        this.payloadLeft = this.header.readUInt32LE(5);
      }
      const take = Math.min(this.payloadLeft, chunk.length - at);
      let payload: string | null = null;
      if (take === this.payloadLeft && !this.isSplit) payload = chunk.toString('utf8', at, at + take);
      else {
        this.isSplit = true;
        this.text += this.decoder.write(chunk.subarray(at, at + take));
        if (take === this.payloadLeft) payload = this.text + this.decoder.end();
      }
      at += take;
      this.payloadLeft -= take;
      if (payload !== null) {
        this.payloadLeft = -1;
        this.isSplit = false;
        this.text = '';
        this.emit(payload);
      }
    }
  }

  private emit(payload: string): void {
    const { kind, id } = this;
    if (kind === DATA) this.onReport({ type: 'data', id, data: payload });
    else if (kind === EXIT) this.onReport(JSON.parse(payload) as PipedReport);
    else throw new Error(`pty host data pipe: frame of unknown kind ${kind} for pty ${id}`);
  }
}
