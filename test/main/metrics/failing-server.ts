import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type FailureMode = 'throttle' | 'server-error' | 'echo-authorization' | 'never-answer';

/** A loopback stand-in for CloudWatch that only ever fails, the way CloudWatch does (AWS JSON 1.0 errors). */
export async function startFailingServer(mode: FailureMode): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  let requests = 0;
  const server = http.createServer((request, response) => {
    requests += 1;
    request.resume();
    // Reads the request and says nothing, as a black-holed route or a stuck proxy does.
    if (mode === 'never-answer') return;
    request.on('end', () => {
      const json = { 'content-type': 'application/x-amz-json-1.0' };
      if (mode === 'throttle') {
        response.writeHead(400, { ...json, 'x-amzn-query-error': 'Throttling;Sender' });
        response.end(JSON.stringify({ __type: 'com.amazonaws.cloudwatch#ThrottlingException', message: 'Rate exceeded' }));
      } else if (mode === 'server-error') {
        response.writeHead(500, json);
        response.end(JSON.stringify({ __type: 'com.amazonaws.cloudwatch#InternalServiceFault', message: 'Internal failure' }));
      } else {
        // A careless proxy that quotes the signed request back: nothing of it may reach the console's messages.
        response.writeHead(400, json);
        response.end(JSON.stringify({ __type: 'com.amazonaws.cloudwatch#InvalidParameterValueException', message: `Bad request signed with ${request.headers.authorization ?? ''}` }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => requests,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
