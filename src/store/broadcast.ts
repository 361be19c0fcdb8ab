import type { RedisClient } from './redis-client.js';

/**
 * Messages to every subscriber of every process sharing the store, the publishing one included: with Redis, pub/sub on
 * channels under the namespace; in memory, the subscribers in this process. Delivery is at most once (a subscriber
 * that is disconnected at that moment misses it), so what is sent is a hint such as "this cache is stale".
 */
export interface Broadcast {
  publish(topic: string, message?: string): Promise<void>;
  /** Resolves once the subscription is in place. */
  subscribe(topic: string, listener: (message: string) => void): Promise<void>;
  close(): Promise<void>;
}

/**
 * Pub/sub on Redis. A subscribed connection can do nothing else, so subscribers get a duplicate of the store's
 * connection, opened at the first subscription; unlike the store's, it queues while disconnected, and the client
 * subscribes again after a reconnect.
 */
export function createRedisBroadcast(client: RedisClient, namespace: string, onError: (error: Error) => void): Broadcast {
  const channel = (topic: string) => `${namespace}:broadcast:${topic}`;
  let subscriber: RedisClient | undefined;

  const connected = (): RedisClient => {
    if (subscriber) return subscriber;
    const duplicate = client.duplicate({ disableOfflineQueue: false });
    duplicate.on('error', (error: Error) => onError(error));
    void duplicate.connect().catch((error: unknown) => onError(error instanceof Error ? error : new Error(String(error))));
    subscriber = duplicate;
    return duplicate;
  };

  return {
    async publish(topic, message = '') {
      await client.publish(channel(topic), message);
    },
    async subscribe(topic, listener) {
      await connected().subscribe(channel(topic), (message) => listener(message));
    },
    async close() {
      if (subscriber?.isOpen) subscriber.destroy();
      subscriber = undefined;
    },
  };
}

/** In one process: the subscribers here, called after the publisher's turn (as a message from Redis would be). */
export function createLocalBroadcast(): Broadcast {
  const listeners = new Map<string, Array<(message: string) => void>>();
  return {
    async publish(topic, message = '') {
      for (const listener of listeners.get(topic) ?? []) setImmediate(() => listener(message));
    },
    async subscribe(topic, listener) {
      listeners.set(topic, [...(listeners.get(topic) ?? []), listener]);
    },
    async close() {
      listeners.clear();
    },
  };
}
