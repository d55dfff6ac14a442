// Hydrogen WebSocket client for browsers and Node 20+: one dependency-free ES module.
// The wire protocol it speaks is docs/protocol.md (v0.2); its API is docs/javascript-client.md.

/** The subprotocol the server requires. */
export const PROTOCOL = 'hydrogen-protocol';

/**
 * The connection's states, in the order a connection goes through them.
 * @readonly
 * @enum {string}
 */
export const ConnectionState = Object.freeze({
  CONNECTING: 'connecting',
  OPEN: 'open',
  AUTHENTICATED: 'authenticated',
  CLOSED: 'closed',
});

/** WebSocket readyState OPEN, the same in every implementation. */
const WS_OPEN = 1;

/**
 * An error with the protocol's envelope: a machine-readable `code`, a sentence for humans and
 * `details`. Server errors keep the server's code (`auth_failed`, `unknown_topic`, a host's own
 * code, ...); errors the client itself detects use `timeout`, `connection_lost`, `closed`,
 * `connect_timeout`, `connect_failed`, `ping_timeout` and `invalid_message`.
 */
export class HydrogenError extends Error {
  /**
   * @param {string} code the error code
   * @param {string} message a sentence for humans
   * @param {Record<string, unknown>} [details] machine-readable facts
   */
  constructor(code, message, details = {}) {
    super(message);
    this.name = 'HydrogenError';
    /** @type {string} */
    this.code = code;
    /** @type {Record<string, unknown>} */
    this.details = details;
  }

  /**
   * @param {any} envelope the `error` member of an error message
   * @returns {HydrogenError}
   */
  static fromEnvelope(envelope) {
    const e = envelope && typeof envelope === 'object' ? envelope : {};
    return new HydrogenError(typeof e.code === 'string' ? e.code : 'server_error',
      typeof e.message === 'string' ? e.message : 'Error', e.details && typeof e.details === 'object' ? e.details : {});
  }
}

/** @param {unknown} value @returns {value is Record<string, any>} */
function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Applies an RFC 7386 JSON merge patch without modifying its arguments: a member whose value is
 * `null` is removed, objects are merged recursively, anything else replaces. Unchanged subtrees of
 * `target` are shared with the result.
 *
 * @param {unknown} target the current value
 * @param {unknown} patch the merge patch
 * @returns {any} the patched value
 */
export function applyMergePatch(target, patch) {
  if (!isObject(patch)) {
    return patch;
  }
  const result = isObject(target) ? { ...target } : {};
  for (const [name, value] of Object.entries(patch)) {
    if (value === null) {
      delete result[name];
    } else {
      result[name] = applyMergePatch(result[name], value);
    }
  }
  return result;
}

const DEFAULTS = Object.freeze({
  protocol: PROTOCOL,
  connectTimeoutMs: 10_000,
  requestTimeoutMs: 10_000,
  pingIntervalMs: 15_000,
  pongTimeoutMs: 10_000,
  reconnect: Object.freeze({ initialDelayMs: 500, maxDelayMs: 30_000, factor: 2, jitter: 0.5 }),
});

/** @type {Readonly<Record<string, string>>} the client's camelCase subscription options to the wire's names */
const SUBSCRIBE_OPTIONS = Object.freeze({ minIntervalMs: 'min_interval_ms', deadband: 'deadband', fields: 'fields' });

/**
 * @param {Record<string, unknown>} options
 * @returns {Record<string, unknown>}
 */
function wireOptions(options) {
  /** @type {Record<string, unknown>} */
  const wire = {};
  for (const [name, value] of Object.entries(options)) {
    if (name === 'resume' || value === undefined) {
      continue;
    }
    const wireName = SUBSCRIBE_OPTIONS[name];
    if (!wireName) {
      throw new TypeError(`unknown subscription option '${name}': use minIntervalMs, deadband, fields or resume`);
    }
    wire[wireName] = value;
  }
  return wire;
}

/**
 * @param {string} name
 * @param {unknown} value
 * @param {number} min
 */
function requireNumber(name, value, min) {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new TypeError(`${name} must be a number >= ${min}, was ${String(value)}`);
  }
  return value;
}

/**
 * A client of one Hydrogen server. It connects with the `hydrogen-protocol` subprotocol,
 * authenticates in-band, keeps its subscriptions across reconnects (state topics are subscribed
 * again with the same options, event topics resume after the last event received), and sends a
 * JSON `ping` when the server has been silent, so that a dead connection is noticed even where
 * WebSocket pings are invisible (browsers).
 *
 * Listeners (see {@link HydrogenClient#on}) are called synchronously, in the order the messages
 * arrived; a listener must not modify the state objects it is given.
 */
export class HydrogenClient {
  /** @type {string} */ #url;
  /** @type {string | null} */ #key;
  /** @type {any} */ #WebSocket;
  /** @type {string} */ #protocol;
  /** @type {number} */ #connectTimeoutMs;
  /** @type {number} */ #requestTimeoutMs;
  /** @type {number} */ #pingIntervalMs;
  /** @type {number} */ #pongTimeoutMs;
  /** @type {false | {initialDelayMs:number, maxDelayMs:number, factor:number, jitter:number}} */ #reconnect;

  /** @type {any} the current socket, or null between connections */ #socket = null;
  /** @type {string} */ #state = ConnectionState.CLOSED;
  #running = false;
  /** @type {HydrogenError | null} a failure that stops reconnecting (a rejected key) */ #fatal = null;
  #attempt = 0;
  #lastReceivedAt = 0;
  /** @type {any} */ #reconnectTimer = null;
  /** @type {any} */ #connectTimer = null;
  /** @type {any} */ #pingTimer = null;
  /** @type {any} */ #pongTimer = null;

  #nextId = 1;
  /** @type {Map<number, PendingRequest>} requests by id, sent or waiting for authentication */
  #pending = new Map();
  /** @type {Map<string, Subscription>} */ #subscriptions = new Map();
  /** Whether status pushes are wanted: the server subscribes every connection to them. */
  #statusWanted = true;
  /** @type {Array<{resolve: (value?: any) => void, reject: (e: Error) => void}>} callers of connect() */
  #connectWaiters = [];
  /** @type {Map<string, Set<Function>>} */ #listeners = new Map();

  /** @type {any} the latest status message (push or reply), or null */
  lastStatus = null;
  /** @type {string | null} the server's epoch, from the latest status or subscription reply */
  epoch = null;

  /**
   * Creates a client; nothing happens until {@link HydrogenClient#connect}.
   *
   * @param {string} url the server's `ws://` or `wss://` URL
   * @param {HydrogenClientOptions} [options]
   */
  constructor(url, options = {}) {
    const parsed = new URL(url);
    if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') {
      throw new TypeError(`url must start with ws:// or wss://, was ${url}`);
    }
    this.#url = url;
    if (options.key !== undefined && options.key !== null && typeof options.key !== 'string') {
      throw new TypeError('key must be a string, or null when the connection is authenticated otherwise');
    }
    this.#key = options.key ?? null;
    this.#WebSocket = options.WebSocket ?? globalThis.WebSocket;
    if (typeof this.#WebSocket !== 'function') {
      throw new TypeError('no WebSocket implementation: pass options.WebSocket '
        + '(on Node 20 run with --experimental-websocket, or pass the ws package\'s WebSocket)');
    }
    this.#protocol = options.protocol ?? DEFAULTS.protocol;
    this.#connectTimeoutMs = requireNumber('connectTimeoutMs', options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs, 1);
    this.#requestTimeoutMs = requireNumber('requestTimeoutMs', options.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs, 0);
    this.#pingIntervalMs = requireNumber('pingIntervalMs', options.pingIntervalMs ?? DEFAULTS.pingIntervalMs, 0);
    this.#pongTimeoutMs = requireNumber('pongTimeoutMs', options.pongTimeoutMs ?? DEFAULTS.pongTimeoutMs, 1);
    if (options.reconnect === false) {
      this.#reconnect = false;
    } else {
      const r = { ...DEFAULTS.reconnect, ...(options.reconnect ?? {}) };
      requireNumber('reconnect.initialDelayMs', r.initialDelayMs, 0);
      requireNumber('reconnect.maxDelayMs', r.maxDelayMs, r.initialDelayMs);
      requireNumber('reconnect.factor', r.factor, 1);
      if (requireNumber('reconnect.jitter', r.jitter, 0) > 1) {
        throw new TypeError(`reconnect.jitter must be between 0 and 1, was ${r.jitter}`);
      }
      this.#reconnect = r;
    }
  }

  /** @returns {string} the connection's state: connecting, open, authenticated or closed */
  get connectionState() {
    return this.#state;
  }

  // ---------------------------------------------------------------- listeners

  /**
   * Adds a listener. Events: `connection` ({state, attempt, code, reason, reconnectInMs}),
   * `status` (every status push), `state` ({topic, state, seq, timestamp, patch, snapshot}),
   * `state:TOPIC`, `event` ({topic, epoch, seq, timestamp, data}), `event:TOPIC`, `gap`
   * ({topic, epoch, seq}: events after seq may have been missed), `message` (every message
   * received, for example a host's broadcasts), `error` (a HydrogenError no request is waiting
   * for).
   *
   * @param {string} name the event's name
   * @param {Function} listener called with the event's value
   * @returns {() => void} removes the listener
   */
  on(name, listener) {
    if (typeof listener !== 'function') {
      throw new TypeError('listener must be a function');
    }
    let set = this.#listeners.get(name);
    if (!set) {
      set = new Set();
      this.#listeners.set(name, set);
    }
    set.add(listener);
    return () => this.off(name, listener);
  }

  /**
   * Removes a listener added with {@link HydrogenClient#on}.
   * @param {string} name
   * @param {Function} listener
   */
  off(name, listener) {
    this.#listeners.get(name)?.delete(listener);
  }

  /** @param {string} name @param {unknown} value */
  #emit(name, value) {
    const set = this.#listeners.get(name);
    if (!set) {
      return;
    }
    for (const listener of [...set]) {
      try {
        listener(value);
      } catch (e) {
        // A listener's bug must not break the client's bookkeeping; report it like an uncaught error.
        setTimeout(() => { throw e; }, 0);
      }
    }
  }

  // ---------------------------------------------------------------- lifecycle

  /**
   * Starts connecting (if not already) and resolves once the connection is authenticated. Keeps
   * retrying with backoff while the server cannot be reached; rejects only when the key is
   * rejected (code `auth_failed`) or {@link HydrogenClient#close} is called.
   *
   * @returns {Promise<void>}
   */
  connect() {
    if (this.#state === ConnectionState.AUTHENTICATED) {
      return Promise.resolve();
    }
    const waiter = new Promise((resolve, reject) => this.#connectWaiters.push({ resolve, reject }));
    if (!this.#running) {
      this.#running = true;
      this.#fatal = null;
      this.#attempt = 0;
      this.#open();
    }
    return waiter;
  }

  /**
   * Closes the connection (code 1000) and stops reconnecting. Requests still waiting reject with
   * code `closed`. Subscriptions are kept: a later {@link HydrogenClient#connect} restores them.
   */
  close() {
    this.#running = false;
    clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = null;
    const socket = this.#socket;
    this.#teardown();
    if (socket) {
      try {
        socket.close(1000, 'client closed');
      } catch {
        // already closing
      }
    }
    const error = new HydrogenError('closed', 'The client was closed');
    this.#failRequests(error, () => true);
    this.#rejectConnectWaiters(error);
    this.#setState(ConnectionState.CLOSED, { code: 1000, reason: 'client closed' });
  }

  #open() {
    this.#reconnectTimer = null;
    this.#setState(ConnectionState.CONNECTING, { attempt: this.#attempt });
    let socket;
    try {
      socket = new this.#WebSocket(this.#url, this.#protocol);
    } catch (e) {
      this.#emit('error', new HydrogenError('connect_failed', `Cannot connect: ${e instanceof Error ? e.message : String(e)}`));
      this.#lost(1006, 'cannot connect');
      return;
    }
    this.#socket = socket;
    // Covers the TCP connect, the upgrade and the in-band authentication.
    this.#connectTimer = setTimeout(() => this.#drop('connect_timeout',
      `No authenticated connection within ${this.#connectTimeoutMs} ms`), this.#connectTimeoutMs);
    socket.onopen = () => {
      if (socket !== this.#socket) {
        return;
      }
      this.#lastReceivedAt = Date.now();
      this.#setState(ConnectionState.OPEN, { protocol: socket.protocol });
      if (this.#key === null) {
        this.#authenticated();
      } else {
        this.#sendRaw({ type: 'auth', key: this.#key });
      }
    };
    socket.onmessage = (/** @type {{data: unknown}} */ event) => {
      if (socket === this.#socket) {
        this.#receive(event.data);
      }
    };
    socket.onclose = (/** @type {{code: number, reason: string}} */ event) => {
      if (socket === this.#socket) {
        this.#lost(event.code, event.reason);
      }
    };
    // An error event means the connection failed (browsers follow it with a close event, 1006;
    // Node 20's WebSocket sends no close event after a failed connect). It carries no details.
    socket.onerror = () => {
      if (socket === this.#socket) {
        this.#lost(1006, 'connection failed');
      }
    };
  }

  /**
   * Gives up on the current socket without waiting for a close handshake that may never come
   * (a dead connection), and reconnects.
   * @param {string} code
   * @param {string} message
   */
  #drop(code, message) {
    const socket = this.#socket;
    if (!socket) {
      return;
    }
    this.#emit('error', new HydrogenError(code, message));
    this.#teardown();
    try {
      socket.close(4000, code);
    } catch {
      // the socket may not accept a close in its state; it is abandoned anyway
    }
    this.#lost(1006, code);
  }

  #authenticated() {
    clearTimeout(this.#connectTimer);
    this.#connectTimer = null;
    this.#attempt = 0;
    this.#setState(ConnectionState.AUTHENTICATED, {});
    if (this.#pingIntervalMs > 0) {
      this.#pingTimer = setInterval(() => this.#checkAlive(), this.#pingIntervalMs);
    }
    // Restore what the previous connection had, before anything the caller queued meanwhile.
    if (!this.#statusWanted) {
      this.#sendRaw({ type: 'unsubscribe', topic: 'status' });
    }
    for (const subscription of this.#subscriptions.values()) {
      this.#sendSubscribe(subscription);
    }
    for (const [id, request] of this.#pending) {
      if (!request.sent) {
        request.sent = this.#sendRaw({ ...request.message, id });
      }
    }
    const waiters = this.#connectWaiters;
    this.#connectWaiters = [];
    waiters.forEach((w) => w.resolve());
  }

  /** Clears the current connection's timers and forgets its socket. */
  #teardown() {
    clearTimeout(this.#connectTimer);
    clearInterval(this.#pingTimer);
    clearTimeout(this.#pongTimer);
    this.#connectTimer = this.#pingTimer = this.#pongTimer = null;
    const socket = this.#socket;
    if (socket) {
      socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
    }
    this.#socket = null;
  }

  /**
   * The connection ended: fail what was in flight, then reconnect unless closed or refused.
   * @param {number} code
   * @param {string} reason
   */
  #lost(code, reason) {
    this.#teardown();
    // A request already on the wire may or may not have been executed: the caller must decide.
    this.#failRequests(new HydrogenError('connection_lost', `The connection was lost (${code}${reason ? ' ' + reason : ''})`,
      { code, reason }), (request) => request.sent);
    if (!this.#running || this.#fatal || this.#reconnect === false) {
      const wasRunning = this.#running;
      this.#running = false;
      const error = this.#fatal ?? new HydrogenError('connection_lost', `The connection was closed (${code})`, { code, reason });
      if (wasRunning) {
        this.#failRequests(error, () => true);
        this.#rejectConnectWaiters(error);
      }
      this.#setState(ConnectionState.CLOSED, { code, reason });
      return;
    }
    const delay = this.#backoff(this.#attempt);
    this.#attempt += 1;
    this.#setState(ConnectionState.CLOSED, { code, reason, reconnectInMs: delay, attempt: this.#attempt });
    this.#reconnectTimer = setTimeout(() => this.#open(), delay);
  }

  /**
   * Exponential backoff with jitter: the n-th retry waits between (1 - jitter) and 1 times
   * initialDelay * factor^n, capped at maxDelay, so that clients of a restarted server spread out.
   * @param {number} attempt
   */
  #backoff(attempt) {
    const r = /** @type {{initialDelayMs:number, maxDelayMs:number, factor:number, jitter:number}} */ (this.#reconnect);
    const base = Math.min(r.maxDelayMs, r.initialDelayMs * r.factor ** attempt);
    return Math.round(base * (1 - r.jitter * Math.random()));
  }

  /**
   * @param {string} state
   * @param {Record<string, unknown>} info
   */
  #setState(state, info) {
    this.#state = state;
    this.#emit('connection', { state, ...info });
  }

  /** @param {HydrogenError} error */
  #rejectConnectWaiters(error) {
    const waiters = this.#connectWaiters;
    this.#connectWaiters = [];
    waiters.forEach((w) => w.reject(error));
  }

  // ---------------------------------------------------------------- liveness

  /** Runs every ping interval: a silent server gets a JSON ping and pongTimeoutMs to answer. */
  #checkAlive() {
    if (this.#pongTimer || Date.now() - this.#lastReceivedAt < this.#pingIntervalMs) {
      return; // a ping is out already, or the server spoke recently
    }
    this.#sendRaw({ type: 'ping', id: `ping-${this.#nextId++}` });
    this.#pongTimer = setTimeout(() => this.#drop('ping_timeout',
      `No answer to a ping within ${this.#pongTimeoutMs} ms`), this.#pongTimeoutMs);
  }

  // ---------------------------------------------------------------- receiving

  /** @param {unknown} data */
  #receive(data) {
    this.#lastReceivedAt = Date.now();
    clearTimeout(this.#pongTimer); // any message proves the connection alive
    this.#pongTimer = null;
    if (typeof data !== 'string') {
      this.#emit('error', new HydrogenError('invalid_message', 'The server sent a binary message'));
      return;
    }
    let message;
    try {
      message = JSON.parse(data);
    } catch (e) {
      this.#emit('error', new HydrogenError('invalid_message', `The server sent invalid JSON: ${e instanceof Error ? e.message : String(e)}`));
      return;
    }
    if (!isObject(message) || typeof message.type !== 'string') {
      this.#emit('error', new HydrogenError('invalid_message', 'The server sent a message without a type'));
      return;
    }
    this.#emit('message', message);
    switch (message.type) {
      case 'auth_ok':
        this.#authenticated();
        return;
      case 'status':
        this.lastStatus = message;
        this.epoch = message.epoch ?? this.epoch;
        if (message.id === undefined) {
          this.#emit('status', message);
          return;
        }
        break;
      case 'snapshot':
      case 'update':
        this.#onState(message);
        return;
      case 'event':
        this.#onEvent(message);
        return;
      case 'error':
        if (message.id === undefined || !this.#pending.has(message.id)) {
          this.#onUnrequestedError(HydrogenError.fromEnvelope(message.error));
          return;
        }
        break;
      default:
        break;
    }
    const request = message.id === undefined ? undefined : this.#pending.get(message.id);
    if (request) {
      this.#pending.delete(message.id);
      clearTimeout(request.timer);
      // Synchronously: the messages after a reply (a snapshot after `subscribed`) depend on it.
      if (message.type === 'error') {
        request.onError(HydrogenError.fromEnvelope(message.error));
      } else {
        request.onReply(message);
      }
    }
  }

  /** @param {HydrogenError} error */
  #onUnrequestedError(error) {
    if (error.code === 'auth_failed') {
      // A rejected (or revoked) key stays rejected: retrying would only get this address throttled.
      this.#fatal = error;
    }
    this.#emit('error', error);
  }

  /** @param {any} message a snapshot or an update */
  #onState(message) {
    const subscription = this.#subscriptions.get(message.topic);
    if (!subscription) {
      return; // in flight when the caller unsubscribed
    }
    const snapshot = message.type === 'snapshot';
    if (!snapshot && subscription.value === undefined) {
      return; // an update always follows a snapshot on the same connection; this one is stale
    }
    subscription.value = snapshot ? applyMergePatch({}, message.data) : applyMergePatch(subscription.value, message.data);
    subscription.seq = message.seq;
    const change = {
      topic: message.topic, state: subscription.value, seq: message.seq, timestamp: message.timestamp,
      patch: snapshot ? null : message.data, snapshot,
    };
    this.#emit('state', change);
    this.#emit(`state:${message.topic}`, change);
  }

  /** @param {any} message an event */
  #onEvent(message) {
    const subscription = this.#subscriptions.get(message.topic);
    if (!subscription) {
      return;
    }
    // After a re-subscription the replay may repeat events that were already on their way. The
    // subscription's position is in the epoch of its last `subscribed` reply.
    if (subscription.seq !== null && message.seq <= subscription.seq) {
      return;
    }
    subscription.seq = message.seq;
    const event = {
      topic: message.topic, epoch: subscription.epoch, seq: message.seq, timestamp: message.timestamp, data: message.data,
    };
    this.#emit('event', event);
    this.#emit(`event:${message.topic}`, event);
  }

  /**
   * @param {Subscription} subscription
   * @param {any} reply the subscribed message
   * @param {boolean} resumeSent
   */
  #onSubscribed(subscription, reply, resumeSent) {
    this.epoch = reply.epoch ?? this.epoch;
    subscription.kind = reply.kind;
    if (reply.kind === 'event') {
      if (resumeSent && !reply.resumed) {
        this.#emit('gap', { topic: subscription.topic, epoch: subscription.epoch, seq: subscription.seq });
      }
      if (!reply.resumed) {
        subscription.seq = reply.seq; // live events follow the topic's current seq
      }
      subscription.epoch = reply.epoch;
    }
    const waiters = subscription.waiters;
    subscription.waiters = [];
    waiters.forEach((w) => w.resolve(reply));
  }

  // ---------------------------------------------------------------- sending

  /** @param {Record<string, unknown>} message @returns {boolean} whether it went out */
  #sendRaw(message) {
    const socket = this.#socket;
    if (!socket || socket.readyState !== WS_OPEN) {
      return false;
    }
    socket.send(JSON.stringify(message));
    return true;
  }

  /**
   * @param {HydrogenError} error
   * @param {(request: PendingRequest) => boolean} which
   */
  #failRequests(error, which) {
    for (const [id, request] of [...this.#pending]) {
      if (which(request)) {
        this.#pending.delete(id);
        clearTimeout(request.timer);
        request.onError(error);
      }
    }
  }

  /**
   * Sends a request and waits for the reply with the same `id`. Sent at once when the connection
   * is authenticated, otherwise as soon as it is.
   *
   * @param {string} type the message type
   * @param {Record<string, unknown>} [payload] the other members of the message
   * @param {{timeoutMs?: number}} [options] `timeoutMs` overrides the client's requestTimeoutMs (0: none)
   * @returns {Promise<any>} the reply's `result` member for a `result` reply, the whole reply
   *     message otherwise; rejects with a HydrogenError carrying the error envelope's `code`,
   *     `message` and `details`, or `timeout`, `connection_lost` (the request was sent, the reply
   *     never came: it may or may not have been carried out), `closed`
   */
  request(type, payload = {}, options = {}) {
    const timeoutMs = options.timeoutMs ?? this.#requestTimeoutMs;
    return new Promise((resolve, reject) => {
      this.#request(type, payload, timeoutMs, (reply) => resolve(reply.type === 'result' ? reply.result : reply), reject);
    });
  }

  /**
   * Registers a request and sends it when the connection is authenticated. The callbacks run
   * synchronously, as the reply is processed.
   *
   * @param {string} type
   * @param {Record<string, unknown>} payload
   * @param {number} timeoutMs
   * @param {(reply: any) => void} onReply
   * @param {(error: Error) => void} onError
   */
  #request(type, payload, timeoutMs, onReply, onError) {
    if (typeof type !== 'string' || type.length === 0) {
      onError(new TypeError('type must be a non-empty string'));
      return;
    }
    if (!isObject(payload)) {
      onError(new TypeError('payload must be an object'));
      return;
    }
    if (!this.#running) {
      onError(new HydrogenError('closed', 'The client is not connected: call connect() first'));
      return;
    }
    const id = this.#nextId++;
    /** @type {PendingRequest} */
    const request = { message: { ...payload, type }, onReply, onError, sent: false, timer: null };
    this.#pending.set(id, request);
    if (timeoutMs > 0) {
      request.timer = setTimeout(() => {
        this.#pending.delete(id);
        onError(new HydrogenError('timeout', `No reply to '${type}' within ${timeoutMs} ms`, { type, id }));
      }, timeoutMs);
    }
    if (this.#state === ConnectionState.AUTHENTICATED) {
      request.sent = this.#sendRaw({ ...request.message, id });
    }
  }

  /** @param {Subscription} subscription */
  #sendSubscribe(subscription) {
    /** @type {Record<string, unknown>} */
    const message = { topic: subscription.topic, ...subscription.wire };
    const resumeSent = subscription.kind !== 'state' && subscription.epoch !== null && subscription.seq !== null;
    if (resumeSent) {
      message.resume = { epoch: subscription.epoch, seq: subscription.seq };
    }
    // No timeout: the subscription stays wanted, and a dead connection is noticed by the pings.
    this.#request('subscribe', message, 0, (reply) => {
      if (this.#subscriptions.get(subscription.topic) === subscription) {
        this.#onSubscribed(subscription, reply, resumeSent);
      }
    }, (error) => {
      if (error instanceof HydrogenError && (error.code === 'connection_lost' || error.code === 'closed')) {
        return; // made again on the next connection
      }
      // The server refused it (unknown_topic, a bad option): it will not work on retry either.
      if (this.#subscriptions.get(subscription.topic) === subscription) {
        this.#subscriptions.delete(subscription.topic);
      }
      const waiters = subscription.waiters;
      subscription.waiters = [];
      waiters.forEach((w) => w.reject(error));
    });
  }

  // ---------------------------------------------------------------- topics

  /**
   * Subscribes to a topic and keeps the subscription across reconnects: a state topic is
   * subscribed again with the same options (its snapshot replaces the local state), an event
   * topic resumes after the last event received (a `gap` event says when the server could not
   * replay everything). Subscribing again replaces the options.
   *
   * @param {string} topic the topic's name
   * @param {SubscribeOptions} [options]
   * @returns {Promise<any>} the `subscribed` reply; rejects with the server's error
   *     (`unknown_topic`, `invalid_message` with details.field) and then forgets the subscription,
   *     or with `timeout` (the subscription stays and is made on the next connection)
   */
  subscribe(topic, options = {}) {
    if (typeof topic !== 'string' || topic.length === 0) {
      return Promise.reject(new TypeError('topic must be a non-empty string'));
    }
    if (!this.#running) {
      return Promise.reject(new HydrogenError('closed', 'The client is not connected: call connect() first'));
    }
    let wire;
    try {
      wire = wireOptions(options);
    } catch (e) {
      return Promise.reject(e);
    }
    const previous = this.#subscriptions.get(topic);
    /** @type {Subscription} */
    const subscription = {
      topic, wire, kind: previous?.kind ?? null, epoch: previous?.epoch ?? null, seq: previous?.seq ?? null,
      value: previous?.value, waiters: previous?.waiters ?? [],
    };
    if (options.resume) {
      subscription.epoch = String(options.resume.epoch);
      subscription.seq = requireNumber('resume.seq', options.resume.seq, 0);
    }
    this.#subscriptions.set(topic, subscription);
    if (topic === 'status') {
      this.#statusWanted = true;
    }
    const reply = new Promise((resolve, reject) => {
      /** @type {{resolve: (reply: any) => void, reject: (e: Error) => void, timer?: any}} */
      const waiter = {
        resolve: (r) => { clearTimeout(waiter.timer); resolve(r); },
        reject: (e) => { clearTimeout(waiter.timer); reject(e); },
      };
      if (this.#requestTimeoutMs > 0) {
        waiter.timer = setTimeout(() => {
          subscription.waiters = subscription.waiters.filter((w) => w !== waiter);
          reject(new HydrogenError('timeout', `No reply to 'subscribe' ${topic} within ${this.#requestTimeoutMs} ms`,
            { type: 'subscribe', topic }));
        }, this.#requestTimeoutMs);
      }
      subscription.waiters.push(waiter);
    });
    if (this.#state === ConnectionState.AUTHENTICATED) {
      this.#sendSubscribe(subscription);
    }
    return reply;
  }

  /**
   * Ends a subscription (`status` too: its pushes stop, also after a reconnect, until it is
   * subscribed again). The topic's local state is forgotten.
   *
   * @param {string} topic
   * @returns {Promise<any>} the `unsubscribed` reply (made up locally when not connected)
   */
  unsubscribe(topic) {
    const subscription = this.#subscriptions.get(topic);
    this.#subscriptions.delete(topic);
    subscription?.waiters.forEach((w) => w.reject(new HydrogenError('closed', `Unsubscribed from ${topic}`)));
    if (topic === 'status') {
      this.#statusWanted = false;
    }
    if (this.#state !== ConnectionState.AUTHENTICATED) {
      return Promise.resolve({ type: 'unsubscribed', topic });
    }
    return this.request('unsubscribe', { topic });
  }

  /**
   * @param {string} topic
   * @returns {any} the topic's current local state (state topics), or undefined before its snapshot
   */
  state(topic) {
    return this.#subscriptions.get(topic)?.value;
  }

  /**
   * @param {string} topic
   * @returns {{epoch: string | null, seq: number | null} | undefined} the position of the last
   *     event received on an event topic: store it to resume after a page reload
   */
  position(topic) {
    const subscription = this.#subscriptions.get(topic);
    return subscription ? { epoch: subscription.epoch, seq: subscription.seq } : undefined;
  }

  /** @returns {Promise<any>} the `topics` reply: {epoch, topics: [{name, kind, seq}]} */
  topics() {
    return this.request('topics');
  }

  /** @returns {Promise<any>} a fresh status message */
  status() {
    return this.request('status');
  }

  /** @returns {Promise<any>} the `pong` reply */
  ping() {
    return this.request('ping');
  }

  // ---------------------------------------------------------------- commands

  /**
   * Sends a command: `{"type":TYPE,"id":...,...args}`.
   *
   * @param {string} type the command's type, for example `job.start`
   * @param {Record<string, unknown>} [args] the command's members
   * @returns {Promise<any>} the reply's `result`
   */
  command(type, args = {}) {
    if (isObject(args) && ('type' in args || 'id' in args)) {
      return Promise.reject(new TypeError("args must not contain 'type' or 'id'"));
    }
    return this.request(type, args);
  }

  /**
   * Asks for the control lease: `{"type":"control.acquire","client":NAME,"force":...}`.
   *
   * @param {string} clientName who holds control, shown to other clients
   * @param {{force?: boolean}} [options] `force` takes control from its holder
   * @returns {Promise<any>} the reply's `result`
   */
  acquireControl(clientName, options = {}) {
    if (typeof clientName !== 'string' || clientName.length === 0) {
      return Promise.reject(new TypeError('clientName must be a non-empty string'));
    }
    return this.request('control.acquire', { client: clientName, force: Boolean(options.force) });
  }

  /** @returns {Promise<any>} the reply's `result` to `{"type":"control.release"}` */
  releaseControl() {
    return this.request('control.release');
  }
}

/**
 * @typedef {object} HydrogenClientOptions
 * @property {string | null} [key] the API key, sent in-band after the upgrade; null when the
 *     connection is authenticated otherwise (a header set by a WebSocket implementation that can)
 * @property {any} [WebSocket] a WebSocket constructor (default globalThis.WebSocket)
 * @property {string} [protocol] the subprotocol (default hydrogen-protocol)
 * @property {number} [connectTimeoutMs] connect, upgrade and authentication (default 10000)
 * @property {number} [requestTimeoutMs] default reply deadline of requests, 0 for none (default 10000)
 * @property {number} [pingIntervalMs] how often to check that the server spoke; 0 turns the JSON
 *     ping off (default 15000)
 * @property {number} [pongTimeoutMs] how long a ping may go unanswered (default 10000)
 * @property {false | {initialDelayMs?: number, maxDelayMs?: number, factor?: number, jitter?: number}} [reconnect]
 *     backoff (defaults 500, 30000, 2, 0.5), or false to stay closed after a connection ends
 */

/**
 * @typedef {object} SubscribeOptions
 * @property {number} [minIntervalMs] at most one update per this many ms (status: the pace)
 * @property {number} [deadband] state topics: numeric changes smaller than this are held back
 * @property {string[]} [fields] state topics: only these top-level members
 * @property {{epoch: string, seq: number}} [resume] event topics: start after this event
 *     (a position saved from {@link HydrogenClient#position})
 */

/**
 * @typedef {object} PendingRequest
 * @property {Record<string, unknown>} message
 * @property {(reply: any) => void} onReply
 * @property {(error: Error) => void} onError
 * @property {boolean} sent
 * @property {any} timer
 */

/**
 * @typedef {object} Subscription
 * @property {string} topic
 * @property {Record<string, unknown>} wire the options as sent
 * @property {string | null} kind state, event or status, once the server said
 * @property {string | null} epoch
 * @property {number | null} seq
 * @property {any} value the local state of a state topic
 * @property {Array<{resolve: (reply: any) => void, reject: (e: Error) => void}>} waiters
 */
