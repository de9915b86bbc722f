// A desk as its own process, for the SIGKILL test: appends events to the shared log as fast as it can,
// re-reading the winners' events after a lost race, and prints "accepted <id>" only once the store
// accepted the write. Run bundled (esbuild) by kill-desk.test.ts; configured through the environment.
import { randomUUID } from 'node:crypto';
import { systemClock } from '../../../shared/clock';
import { DynamoLog, EMPTY_HEAD, type LogHead } from '../../../main/team/dynamo-log';
import { storeClients } from '../../../main/team/store-clients';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`desk-writer: ${name} is not set`);
  return value;
};

const clients = storeClients(
  { profile: 'unused', region: 'us-east-1', endpoint: env('DESK_ENDPOINT') },
  { credentials: { accessKeyId: env('DESK_KEY_ID'), secretAccessKey: env('DESK_SECRET') } },
);
const log = new DynamoLog({ documents: clients.documents, table: env('DESK_TABLE'), workspaceId: 'demo', clock: systemClock() });
const desk = env('DESK_NAME');

let head: LogHead = EMPTY_HEAD;
const known = await log.tail(0);
if (known.length > 0) head = { seq: known.at(-1)!.seq, hash: known.at(-1)!.hash };
for (let i = 0; ; i += 1) {
  const event = { id: randomUUID(), kind: 'event', body: { type: 'qaTicked', itemId: `${desk}-${i}`, actor: desk } };
  let result = await log.append([event], head);
  // Lost: fold the winners' events and try again with the same event (a QA tick is still wanted),
  // unless the winners already hold it (an earlier attempt whose answer was lost).
  while (!result.ok && !result.alreadyIn) result = await log.append([event], result.head);
  head = result.head;
  process.stdout.write(`accepted ${event.id}\n`);
}
