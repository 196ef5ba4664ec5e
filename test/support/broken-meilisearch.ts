import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the stand-in misbehaves right now. */
export type Fault = 'none' | 'errors' | 'timeouts' | 'failed-tasks';

interface Task {
  taskUid: number;
  indexUid: string | null;
  status: 'succeeded' | 'failed';
  type: string;
  error: { message: string; code: string } | null;
}

/**
 * A stand-in for a Meilisearch server that answers the few HTTP calls floorwalker makes
 * and can be told to fail: 500 responses, answers that never come, tasks that fail. It is
 * a stand-in for faults only — it keeps the documents it receives so a test can see that
 * none is lost, and answers a search with the stored documents whose title holds the query's
 * first word, which is no model of Meilisearch's search behaviour (no Meilisearch server
 * can run on this project's machines; test/search-engines.test.ts runs the behaviour suite
 * against a real one when MEILI_URL is set).
 */
export class BrokenMeilisearch {
  fault: Fault = 'none';
  /** each index's documents by id */
  readonly documents = new Map<string, Map<string, Record<string, unknown>>>();
  /** each index's settings, as last set */
  readonly settings = new Map<string, unknown>();
  readonly requests: string[] = [];
  private readonly tasks: Task[] = [];
  private server: Server | undefined;
  url = '';

  async start(port = 0): Promise<this> {
    this.server = createServer((request, response) => void this.answer(request, response));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Stops listening: connections are refused, as when Meilisearch is down. */
  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
    this.server = undefined;
  }

  indexed(index: string): string[] {
    return [...(this.documents.get(index)?.keys() ?? [])].sort();
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : undefined;
    const path = (request.url ?? '').split('?')[0];
    this.requests.push(`${request.method} ${path}`);
    const send = (status: number, json: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(json));
    };
    // a failing Meilisearch still answers its health check (a stopped one answers nothing)
    if (path === '/health') return send(200, { status: 'available' });
    if (this.fault === 'timeouts') return; // never answers
    if (this.fault === 'errors')
      return send(500, { message: 'internal', code: 'internal', type: 'internal', link: '' });
    const task = /^\/tasks\/(\d+)$/.exec(path);
    if (task) return send(200, { uid: Number(task[1]), ...this.tasks[Number(task[1])] });
    if (path === '/indexes' && request.method === 'POST')
      return send(
        202,
        this.enqueue(body.uid, 'indexCreation', () => {
          if (!this.documents.has(body.uid)) this.documents.set(body.uid, new Map());
        }),
      );
    if (path === '/swap-indexes')
      return send(
        202,
        this.enqueue(null, 'indexSwap', () => {
          for (const { indexes } of body as { indexes: [string, string] }[]) {
            const [a, b] = indexes.map((uid) => this.documents.get(uid) ?? new Map());
            this.documents.set(indexes[0], b);
            this.documents.set(indexes[1], a);
            const [sa, sb] = indexes.map((uid) => this.settings.get(uid));
            this.settings.set(indexes[0], sb);
            this.settings.set(indexes[1], sa);
          }
        }),
      );
    const index = /^\/indexes\/([\w-]+)$/.exec(path);
    if (index && request.method === 'DELETE')
      return send(
        202,
        this.enqueue(index[1], 'indexDeletion', () => {
          this.documents.delete(index[1]);
          this.settings.delete(index[1]);
        }),
      );
    const settings = /^\/indexes\/([\w-]+)\/settings$/.exec(path);
    if (settings && request.method === 'GET')
      return this.documents.has(settings[1])
        ? send(200, this.settings.get(settings[1]) ?? {})
        : send(404, {
            message: 'no index',
            code: 'index_not_found',
            type: 'invalid_request',
            link: '',
          });
    if (settings)
      return send(
        202,
        this.enqueue(settings[1], 'settingsUpdate', () => this.settings.set(settings[1], body)),
      );
    const documents = /^\/indexes\/([\w-]+)\/documents$/.exec(path);
    if (documents)
      return send(
        202,
        this.enqueue(documents[1], 'documentAdditionOrUpdate', () => {
          const stored = this.documents.get(documents[1]) ?? new Map();
          for (const doc of body as { id: string }[]) stored.set(doc.id, doc);
          this.documents.set(documents[1], stored);
        }),
      );
    const deletion = /^\/indexes\/([\w-]+)\/documents\/delete-batch$/.exec(path);
    if (deletion)
      return send(
        202,
        this.enqueue(deletion[1], 'documentDeletion', () => {
          for (const id of body as string[]) this.documents.get(deletion[1])?.delete(id);
        }),
      );
    if (path === '/multi-search') return send(200, this.search(body));
    send(404, {
      message: `not here: ${path}`,
      code: 'not_found',
      type: 'invalid_request',
      link: '',
    });
  }

  private enqueue(index: string | null, type: string, apply: () => void) {
    const failed = this.fault === 'failed-tasks';
    if (!failed) apply();
    const task: Task = {
      taskUid: this.tasks.length,
      indexUid: index,
      status: failed ? 'failed' : 'succeeded',
      type,
      error: failed ? { message: 'the stand-in failed this task', code: 'internal' } : null,
    };
    this.tasks.push(task);
    return {
      taskUid: task.taskUid,
      indexUid: index,
      status: 'enqueued',
      type,
      enqueuedAt: new Date().toISOString(),
    };
  }

  private search(body: {
    federation: { limit: number };
    queries: { indexUid: string; q: string; filter: string }[];
  }) {
    const hits: Record<string, unknown>[] = [];
    const [query] = body.queries;
    const word = query.q.trim().split(/\s+/)[0] ?? '';
    const organization = /organizationId = "([^"]+)"/.exec(query.filter)?.[1];
    for (const doc of this.documents.get(query.indexUid)?.values() ?? [])
      if (doc.organizationId === organization && String(doc.title).includes(word))
        hits.push({
          ...doc,
          _federation: { indexUid: query.indexUid, queriesPosition: 0, weightedRankingScore: 1 },
          _rankingScore: 1,
        });
    return {
      hits: hits.slice(0, body.federation.limit),
      processingTimeMs: 0,
      estimatedTotalHits: hits.length,
      limit: body.federation.limit,
      offset: 0,
    };
  }
}
