import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';

/**
 * GetDocument for SSM Change Calendars, served the way SSM serves it: a POST with
 * `X-Amz-Target: AmazonSSM.GetDocument` and an `application/x-amz-json-1.1` body, answered with the
 * document's JSON. moto 5.2.1 refuses a ChangeCalendar document in TEXT format (how AWS stores them) and
 * has no GetCalendarState, so this small server stands in for GetDocument alone; the client that talks
 * to it is the real @aws-sdk/client-ssm. moto still does what it can: it issues the IAM user's access key
 * the request must be signed with, and this server refuses any other key, as SSM would.
 */
export interface SsmCalendarServer {
  endpoint: string;
  /** Every GetDocument request's document name, in order. */
  requests: string[];
  /** Makes the next requests fail with this HTTP status (SSM's InternalServerError); null to answer again. */
  failWith(status: number | null): void;
  close(): Promise<void>;
}

export interface ChangeCalendarDocument {
  name: string;
  /** The iCalendar text, as the Change Calendar console writes it. */
  content: string;
}

export async function startSsmCalendarServer(documents: ChangeCalendarDocument[], accessKeyId: string): Promise<SsmCalendarServer> {
  const requests: string[] = [];
  let failing: number | null = null;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answer = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        response.end(JSON.stringify(body));
      };
      if (request.headers['x-amz-target'] !== 'AmazonSSM.GetDocument') return answer(400, { __type: 'UnknownOperationException', message: `not served here: ${String(request.headers['x-amz-target'])}` });
      const credential = /Credential=([^/]+)\//.exec(request.headers.authorization ?? '')?.[1];
      if (credential !== accessKeyId) return answer(400, { __type: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' });
      const { Name } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Name: string };
      requests.push(Name);
      if (failing !== null) return answer(failing, { __type: 'InternalServerError', message: 'An internal error occurred.' });
      const document = documents.find((d) => d.name === Name);
      if (!document) return answer(400, { __type: 'InvalidDocument', message: `Document with name ${Name} does not exist.` });
      answer(200, {
        Name,
        CreatedDate: 1_788_000_000,
        DocumentVersion: '1',
        Status: 'Active',
        Content: document.content,
        DocumentType: 'ChangeCalendar',
        DocumentFormat: 'TEXT',
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    failWith: (status) => {
      failing = status;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** moto's IAM takes any keys for its own admin calls; the user it creates gets a key of its own. */
export async function motoAccessKey(motoUrl: string, user: string): Promise<{ accessKeyId: string; secretAccessKey: string }> {
  const iam = new IAMClient({ region: 'us-east-1', endpoint: motoUrl, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
  try {
    await iam.send(new CreateUserCommand({ UserName: user }));
    const key = await iam.send(new CreateAccessKeyCommand({ UserName: user }));
    return { accessKeyId: key.AccessKey!.AccessKeyId!, secretAccessKey: key.AccessKey!.SecretAccessKey! };
  } finally {
    iam.destroy();
  }
}
