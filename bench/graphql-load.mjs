// Worker thread of the search benchmark: the GraphQL clients, on their own thread (as they
// would be on their own machine) so that they do not take the server's event loop. Plain
// node:http with kept-alive connections: a light client leaves the two cores to the server.
import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { measure } from './measure.mjs';

const { url, token, list, concurrency, query } = workerData;
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });

const search = (q) =>
  new Promise((resolve, reject) => {
    const body = JSON.stringify({ query, variables: { q } });
    const req = request(
      `${url}/graphql`,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${token}`,
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => {
          const answer = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          if (answer.errors) reject(new Error(JSON.stringify(answer.errors)));
          else resolve();
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });

parentPort.postMessage(await measure(concurrency, list, search));
agent.destroy();
