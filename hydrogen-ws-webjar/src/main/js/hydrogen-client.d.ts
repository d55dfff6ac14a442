// Type declarations for hydrogen-client.js (the Hydrogen WebSocket client). See docs/javascript-client.md.

/** The subprotocol the server requires: `hydrogen-protocol`. */
export declare const PROTOCOL: 'hydrogen-protocol';

/** The connection's states, in the order a connection goes through them. */
export declare const ConnectionState: Readonly<{
  CONNECTING: 'connecting';
  OPEN: 'open';
  AUTHENTICATED: 'authenticated';
  CLOSED: 'closed';
}>;
export type ConnectionStateName = 'connecting' | 'open' | 'authenticated' | 'closed';

/**
 * An error in the protocol's envelope. Server codes are kept (`auth_failed`, `unknown_topic`,
 * `invalid_message`, a host's own code); the client's own are `timeout`, `connection_lost`,
 * `closed`, `connect_timeout`, `connect_failed`, `ping_timeout` and `invalid_message`.
 */
export declare class HydrogenError extends Error {
  constructor(code: string, message: string, details?: Record<string, unknown>);
  readonly name: 'HydrogenError';
  code: string;
  details: Record<string, unknown>;
  static fromEnvelope(envelope: unknown): HydrogenError;
}

/** Applies an RFC 7386 JSON merge patch; the arguments are not modified. */
export declare function applyMergePatch(target: unknown, patch: unknown): any;

export interface ReconnectOptions {
  /** Delay before the first retry (default 500). */
  initialDelayMs?: number;
  /** The longest delay (default 30000). */
  maxDelayMs?: number;
  /** Growth per retry (default 2). */
  factor?: number;
  /** 0 to 1: each delay is reduced by up to this fraction at random (default 0.5). */
  jitter?: number;
}

export interface HydrogenClientOptions {
  /** The API key, sent in-band after the upgrade; null when the connection is authenticated otherwise. */
  key?: string | null;
  /** A WebSocket constructor (default globalThis.WebSocket). */
  WebSocket?: new (url: string, protocols?: string | string[]) => any;
  /** The subprotocol (default hydrogen-protocol). */
  protocol?: string;
  /** Connect, upgrade and authentication must finish within this (default 10000). */
  connectTimeoutMs?: number;
  /** Default reply deadline of requests; 0 for none (default 10000). */
  requestTimeoutMs?: number;
  /** How often to check that the server spoke; 0 turns the JSON ping off (default 15000). */
  pingIntervalMs?: number;
  /** How long a ping may go unanswered before the connection counts as dead (default 10000). */
  pongTimeoutMs?: number;
  /** Backoff between reconnects, or false to stay closed after a connection ends. */
  reconnect?: ReconnectOptions | false;
}

export interface SubscribeOptions {
  /** At most one update per this many ms (status: the pace of the pushes). */
  minIntervalMs?: number;
  /** State topics: numeric changes smaller than this are held back. */
  deadband?: number;
  /** State topics: only these top-level members. */
  fields?: string[];
  /** Event topics: start after this event (a position saved from position()). */
  resume?: { epoch: string; seq: number };
}

export interface ConnectionChange {
  state: ConnectionStateName;
  /** connecting: how many retries came before. closed: the retry that comes next. */
  attempt?: number;
  /** open: the subprotocol the server accepted. */
  protocol?: string;
  /** closed: the close code (1006 when the connection failed or was given up). */
  code?: number;
  reason?: string;
  /** closed: when the client reconnects; absent when it does not. */
  reconnectInMs?: number;
}

export interface StateChange<T = any> {
  topic: string;
  /** The new local state; treat it as read-only. */
  state: T;
  seq: number;
  timestamp: number;
  /** The merge patch applied, or null for a snapshot. */
  patch: Record<string, unknown> | null;
  snapshot: boolean;
}

export interface TopicEvent<T = any> {
  topic: string;
  epoch: string | null;
  seq: number;
  timestamp: number;
  data: T;
}

export interface Gap {
  topic: string;
  /** The position resumed from: events after it may have been missed. */
  epoch: string | null;
  seq: number | null;
}

export interface StatusMessage {
  type: 'status';
  id?: string | number;
  epoch?: string;
  seq: number;
  timestamp: number;
  server_start_time: string;
  active_connections: number;
  total_connections: number;
  total_requests: number;
  system: Record<string, string>;
  status: { running: boolean; shutting_down: boolean; [name: string]: unknown };
  [section: string]: unknown;
}

export interface HydrogenClientEvents {
  connection: ConnectionChange;
  status: StatusMessage;
  state: StateChange;
  event: TopicEvent;
  gap: Gap;
  message: Record<string, any>;
  error: HydrogenError;
}

export declare class HydrogenClient {
  constructor(url: string, options?: HydrogenClientOptions);

  /** The latest status message (push or reply), or null. */
  lastStatus: StatusMessage | null;
  /** The server's epoch, from the latest status or subscription reply. */
  epoch: string | null;
  readonly connectionState: ConnectionStateName;

  on<K extends keyof HydrogenClientEvents>(name: K, listener: (value: HydrogenClientEvents[K]) => void): () => void;
  on(name: `state:${string}`, listener: (value: StateChange) => void): () => void;
  on(name: `event:${string}`, listener: (value: TopicEvent) => void): () => void;
  off(name: string, listener: (...args: any[]) => void): void;

  /** Resolves once authenticated; rejects only on auth_failed or close(). */
  connect(): Promise<void>;
  /** Closes (1000) and stops reconnecting; waiting requests reject with `closed`. */
  close(): void;

  /** Resolves with the reply's `result` for a `result` reply, the whole reply otherwise. */
  request(type: string, payload?: Record<string, unknown>, options?: { timeoutMs?: number }): Promise<any>;
  subscribe(topic: string, options?: SubscribeOptions): Promise<{
    type: 'subscribed'; id: number; topic: string; kind: 'state' | 'event' | 'status';
    epoch: string; seq: number; resumed: boolean;
  }>;
  unsubscribe(topic: string): Promise<{ type: 'unsubscribed'; topic: string }>;
  /** The topic's local state, or undefined before its snapshot. */
  state<T = any>(topic: string): T | undefined;
  /** The last event's position on an event topic. */
  position(topic: string): { epoch: string | null; seq: number | null } | undefined;
  topics(): Promise<{ type: 'topics'; epoch: string; topics: Array<{ name: string; kind: string; seq: number }> }>;
  status(): Promise<StatusMessage>;
  ping(): Promise<{ type: 'pong'; id: number }>;

  /** Sends `{"type":TYPE,"id":...,...args}`; resolves with the reply's `result`. */
  command(type: string, args?: Record<string, unknown>): Promise<any>;
  /** Sends `{"type":"control.acquire","client":clientName,"force":...}`; resolves with the `result`. */
  acquireControl(clientName: string, options?: { force?: boolean }): Promise<any>;
  /** Sends `{"type":"control.release"}`; resolves with the `result`. */
  releaseControl(): Promise<any>;
}
