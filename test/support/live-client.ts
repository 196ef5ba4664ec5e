import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

export interface LiveMessage<T = Record<string, any>> {
  data?: T | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

/** One subscription's messages, in arrival order, each with when it arrived. */
export class Subscription<T = Record<string, any>> {
  readonly received: { message: LiveMessage<T>; at: number }[] = [];
  private waiters: (() => void)[] = [];
  completed = false;
  unsubscribe: () => void = () => {};

  push(message: LiveMessage<T>): void {
    this.received.push({ message, at: Date.now() });
    this.waiters.splice(0).forEach((wake) => wake());
  }

  end(): void {
    this.completed = true;
    this.waiters.splice(0).forEach((wake) => wake());
  }

  /** Waits until `count` messages have arrived; fails after `timeoutMs`. */
  async waitFor(count: number, timeoutMs = 3000): Promise<LiveMessage<T>[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      const left = deadline - Date.now();
      if (left <= 0 || this.completed)
        throw new Error(
          `expected ${count} messages, got ${this.received.length}: ${JSON.stringify(this.received.map((r) => r.message))}`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.received.map((r) => r.message);
  }
}

/** A graphql-ws client over a real WebSocket, as the desk or an integration connects. */
export class LiveClient {
  private constructor(
    readonly client: Client,
    readonly closes: { code: number; reason: string }[],
  ) {}

  static connect(
    httpUrl: string,
    token: string | null,
    options: { origin?: string } = {},
  ): LiveClient {
    const closes: { code: number; reason: string }[] = [];
    const client = createClient({
      url: `${httpUrl.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: class extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, options.origin ? { origin: options.origin } : {});
        }
      },
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      lazy: false,
      retryAttempts: 0,
      on: {
        closed: (event) => {
          const { code, reason } = event as { code: number; reason: string };
          closes.push({ code, reason: String(reason) });
        },
      },
      onNonLazyError: () => {},
    });
    return new LiveClient(client, closes);
  }

  subscribe<T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown> = {},
  ): Subscription<T> {
    const subscription = new Subscription<T>();
    subscription.unsubscribe = this.client.subscribe<T>(
      { query, variables },
      {
        next: (message) => subscription.push(message as LiveMessage<T>),
        error: (error) =>
          subscription.push({
            errors: Array.isArray(error)
              ? error
              : [{ message: (error as { reason?: string }).reason ?? String(error) }],
          }),
        complete: () => subscription.end(),
      },
    );
    return subscription;
  }

  /** Waits until the socket closed; returns the close code. */
  async closed(timeoutMs = 3000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (this.closes.length === 0) {
      if (Date.now() > deadline) throw new Error('the socket stayed open');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.closes[0].code;
  }

  async dispose(): Promise<void> {
    await this.client.dispose();
  }
}
