// Tests of hydrogen-client.js with Node's built-in test runner, against a live Hydrogen server.
// Run by JavaScriptClientTest (Maven), which starts the server and its control API and sets
// HYDROGEN_CONTROL, HYDROGEN_KEY and HYDROGEN_CLIENT (the file in the WebJar layout).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';

const CLIENT = process.env.HYDROGEN_CLIENT ?? new URL('../../main/js/hydrogen-client.js', import.meta.url).href;
const { HydrogenClient, HydrogenError, applyMergePatch, PROTOCOL } = await import(CLIENT);

const CONTROL = process.env.HYDROGEN_CONTROL;
const KEY = process.env.HYDROGEN_KEY;
// A bound on every live test, so that a broken client fails fast instead of hanging.
const live = CONTROL ? { timeout: 15_000 } : { skip: 'no server: run through Maven (JavaScriptClientTest)' };

// ------------------------------------------------------------------ helpers

/** Calls the test host's control API. */
async function control(path, body) {
  const response = await fetch(CONTROL + path, body === undefined && path === '/info'
    ? {} : { method: 'POST', body: JSON.stringify(body ?? {}), headers: { 'Content-Type': 'application/json' } });
  const json = await response.json();
  assert.equal(response.status, 200, `control ${path}: ${JSON.stringify(json)}`);
  return json;
}

/** Fast timings so that the whole file runs in seconds. */
function newClient(t, url, options = {}) {
  const client = new HydrogenClient(url, {
    key: KEY, requestTimeoutMs: 5000, connectTimeoutMs: 3000, pingIntervalMs: 1000, pongTimeoutMs: 1000,
    reconnect: { initialDelayMs: 50, maxDelayMs: 500 }, ...options,
  });
  t.after(() => client.close());
  return client;
}

/** Records every emission of the given events. */
function record(client, ...names) {
  const seen = Object.fromEntries(names.map((n) => [n, []]));
  for (const name of names) {
    client.on(name, (value) => seen[name].push(value));
  }
  return seen;
}

/** Waits until predicate() is truthy, polling; fails with `what` after timeoutMs. */
async function until(what, predicate, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = predicate();
    if (value) {
      return value;
    }
    if (Date.now() > deadline) {
      assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A TCP proxy in front of the server: it can drop its connections or stop forwarding (freeze). */
async function proxy(t, targetPort) {
  const pairs = new Set();
  const server = net.createServer((downstream) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    const pair = { downstream, upstream, frozen: false };
    pairs.add(pair);
    downstream.on('data', (d) => { if (!pair.frozen) upstream.write(d); });
    upstream.on('data', (d) => { if (!pair.frozen) downstream.write(d); });
    const end = () => { downstream.destroy(); upstream.destroy(); pairs.delete(pair); };
    for (const socket of [downstream, upstream]) {
      socket.on('close', end);
      socket.on('error', end);
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const result = {
    url: `ws://127.0.0.1:${server.address().port}/`,
    get connections() { return pairs.size; },
    kill() { [...pairs].forEach((p) => { p.downstream.destroy(); p.upstream.destroy(); }); },
    freeze() { pairs.forEach((p) => { p.frozen = true; }); },
    close() { result.kill(); server.close(); },
  };
  t.after(() => result.close());
  return result;
}

// ------------------------------------------------------------------ merge patches (no server)

test('applyMergePatch follows the examples of RFC 7386 and leaves its arguments alone', () => {
  const cases = [
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [['a', 'b'], ['c', 'd'], ['c', 'd']],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];
  for (const [target, patch, expected] of cases) {
    const before = JSON.stringify(target);
    assert.deepEqual(applyMergePatch(target, patch), expected, `${before} + ${JSON.stringify(patch)}`);
    assert.equal(JSON.stringify(target), before, 'the target is not modified');
  }
});

test('bad options are refused with a clear error', () => {
  assert.throws(() => new HydrogenClient('http://localhost/', { WebSocket: class {} }), /ws:\/\/ or wss:\/\//);
  assert.throws(() => new HydrogenClient('ws://localhost/', { WebSocket: class {}, pingIntervalMs: -1 }),
    /pingIntervalMs must be a number >= 0/);
  assert.throws(() => new HydrogenClient('ws://localhost/', { WebSocket: 42 }), /no WebSocket implementation/);
  assert.throws(() => new HydrogenClient('ws://localhost/', { WebSocket: class {}, reconnect: { jitter: 2 } }),
    /jitter must be between 0 and 1/);
});

// ------------------------------------------------------------------ against the server

test('connects with the subprotocol, authenticates in-band, and sends requests queued before', live, async (t) => {
  const { url, epoch } = await control('/info');
  const client = newClient(t, url);
  const seen = record(client, 'connection', 'status');
  const connected = client.connect();
  const topics = client.topics(); // queued until authenticated
  await connected;
  assert.equal(client.connectionState, 'authenticated');
  assert.deepEqual(seen.connection.map((c) => c.state), ['connecting', 'open', 'authenticated']);
  assert.equal(seen.connection[1].protocol, PROTOCOL);
  const reply = await topics;
  assert.equal(reply.type, 'topics');
  assert.equal(reply.epoch, epoch);
  assert.ok(reply.topics.some((topic) => topic.name === 'printer' && topic.kind === 'state'));
  await until('the first status', () => seen.status.length >= 1);
  assert.equal(client.epoch, epoch);
  assert.equal((await client.ping()).type, 'pong');
});

test('a wrong key rejects connect() with auth_failed and stops reconnecting', live, async (t) => {
  const { url } = await control('/info');
  const client = newClient(t, url, { key: 'not-the-key' });
  const seen = record(client, 'connection', 'error');
  await assert.rejects(client.connect(), (e) => e instanceof HydrogenError && e.code === 'auth_failed'
    && e.details.reason === 'invalid key');
  assert.equal(seen.error[0].code, 'auth_failed');
  await new Promise((resolve) => setTimeout(resolve, 300)); // the backoff would have retried by now
  assert.equal(seen.connection.filter((c) => c.state === 'connecting').length, 1);
  assert.equal(client.connectionState, 'closed');
  await assert.rejects(client.topics(), { code: 'closed' });
});

test('status pushes arrive as status events and a status request gets its own', live, async (t) => {
  const { url } = await control('/info');
  const client = newClient(t, url);
  const seen = record(client, 'status');
  await client.connect();
  await until('three status pushes', () => seen.status.length >= 3);
  const seqs = seen.status.map((s) => s.seq);
  assert.ok(seqs[2] > seqs[0], `seq increases: ${seqs}`);
  assert.equal(seen.status[0].status.running, true);
  const status = await client.status();
  assert.equal(status.type, 'status');
  assert.equal(typeof status.id, 'number');
  assert.equal(client.lastStatus, status);
});

test('a state topic: the local state equals what the server published, after several patches', live, async (t) => {
  const { url } = await control('/info');
  await control('/publish/printer', { state: 'idle', nozzle: { temp: 20, target: 0 }, fan: 0, tags: ['a'] });
  const client = newClient(t, url);
  const seen = record(client, 'state', 'state:printer');
  await client.connect();
  const reply = await client.subscribe('printer');
  assert.equal(reply.kind, 'state');
  await until('the snapshot', () => seen.state.length >= 1);
  assert.equal(seen.state[0].snapshot, true);
  assert.deepEqual(client.state('printer'), { state: 'idle', nozzle: { temp: 20, target: 0 }, fan: 0, tags: ['a'] });

  await control('/update/printer', { state: 'printing', nozzle: { target: 215 } });
  await control('/update/printer', { fan: null, tags: ['a', 'b'] });
  await control('/publish/printer', { state: 'printing', nozzle: { temp: 214.5, target: 215 }, tags: ['a', 'b'], bed: 60 });
  const expected = { state: 'printing', nozzle: { temp: 214.5, target: 215 }, tags: ['a', 'b'], bed: 60 };
  await until('the published state', () => JSON.stringify(client.state('printer')) === JSON.stringify(expected));
  assert.deepEqual(client.state('printer'), expected);
  const updates = seen.state.filter((s) => !s.snapshot);
  assert.ok(updates.length >= 1 && updates.every((u) => u.patch !== null), 'updates came as patches');
  assert.deepEqual(seen['state:printer'].map((s) => s.seq), seen.state.map((s) => s.seq));
  assert.deepEqual(seen.state.at(-1).state, expected);

  // Options reach the server: only the selected fields.
  const narrow = newClient(t, url);
  await narrow.connect();
  await narrow.subscribe('printer', { fields: ['bed'] });
  await until('the narrow snapshot', () => narrow.state('printer'));
  assert.deepEqual(narrow.state('printer'), { bed: 60 });
});

test('an event topic resumes after the connection is killed: exactly the missed events', live, async (t) => {
  const { url } = await control('/info');
  const tcp = await proxy(t, new URL(url).port);
  const client = newClient(t, tcp.url, { reconnect: { initialDelayMs: 200, maxDelayMs: 500 } });
  const seen = record(client, 'event:print_log', 'connection', 'gap');
  await client.connect();
  await client.subscribe('print_log');
  for (let i = 1; i <= 3; i++) {
    await control('/emit/print_log', { n: i });
  }
  await until('three events', () => seen['event:print_log'].length === 3);

  tcp.kill();
  await until('the connection to be lost', () => seen.connection.some((c) => c.state === 'closed'));
  for (let i = 4; i <= 6; i++) {
    await control('/emit/print_log', { n: i }); // while the client is away
  }
  await until('the reconnect', () => seen.connection.filter((c) => c.state === 'authenticated').length === 2);
  await control('/emit/print_log', { n: 7 });
  await until('seven events', () => seen['event:print_log'].length >= 7);
  await new Promise((resolve) => setTimeout(resolve, 100)); // no duplicate may follow
  const events = seen['event:print_log'];
  assert.deepEqual(events.map((e) => e.data.n), [1, 2, 3, 4, 5, 6, 7]);
  for (let i = 1; i < events.length; i++) {
    assert.equal(events[i].seq, events[i - 1].seq + 1, 'contiguous seqs');
  }
  assert.deepEqual(seen.gap, []);
  assert.deepEqual(client.position('print_log'), { epoch: events[6].epoch, seq: events[6].seq });
});

test('reconnects with growing, jittered backoff while the server restarts on the same port', live, async (t) => {
  const { url, epoch } = await control('/info');
  const client = newClient(t, url, { reconnect: { initialDelayMs: 100, maxDelayMs: 400, factor: 2, jitter: 0.5 } });
  const seen = record(client, 'connection', 'gap', 'state:printer', 'event:print_log');
  await client.connect();
  await client.subscribe('printer', { fields: ['state'] });
  await client.subscribe('print_log');
  await control('/emit/print_log', { n: 'before' });
  await until('the event', () => seen['event:print_log'].length === 1);

  await control('/stop');
  await until('four failed attempts', () => seen.connection.filter((c) => c.reconnectInMs !== undefined).length >= 5, 8000);
  const retries = seen.connection.filter((c) => c.reconnectInMs !== undefined);
  retries.forEach((retry, i) => {
    const base = Math.min(400, 100 * 2 ** i);
    assert.ok(retry.reconnectInMs >= base * 0.5 && retry.reconnectInMs <= base,
      `retry ${i + 1} waits ${retry.reconnectInMs} ms, within [${base / 2}, ${base}]`);
    assert.equal(retry.attempt, i + 1);
  });
  const restarted = await control('/start');
  assert.notEqual(restarted.epoch, epoch);
  await until('the reconnect', () => seen.connection.filter((c) => c.state === 'authenticated').length === 2, 5000);
  // The greeting status (it follows auth_ok) or a subscription reply brings the new epoch.
  await until('the new epoch', () => client.epoch === restarted.epoch);

  // The state topic was subscribed again with its options; the event topic learnt it missed some.
  await until('the gap', () => seen.gap.length === 1);
  assert.equal(seen.gap[0].topic, 'print_log');
  await control('/publish/printer', { state: 'paused', bed: 50 });
  await until('the new state', () => client.state('printer')?.state === 'paused');
  assert.deepEqual(client.state('printer'), { state: 'paused' });
  await control('/emit/print_log', { n: 'after' });
  await until('the new event', () => seen['event:print_log'].length === 2);
  assert.equal(seen['event:print_log'][1].epoch, restarted.epoch);
});

test('requests resolve with the result and reject with the error envelope', live, async (t) => {
  const { url } = await control('/info');
  const client = newClient(t, url);
  await client.connect();
  // job.start is a command: it needs the control lease.
  await assert.rejects(client.command('job.start', { file: 'benchy.gcode' }),
    (e) => e instanceof HydrogenError && e.code === 'control_required' && e.details.holder === null);
  const acquired = await client.acquireControl('dashboard', { force: true });
  assert.equal(acquired.holder.client, 'dashboard');
  assert.equal(acquired.holder.connected, true);
  assert.match(acquired.holder.principal, /^api-key:/);
  assert.deepEqual(await client.command('job.start', { file: 'benchy.gcode' }), { started: 'benchy.gcode' });
  assert.deepEqual(await client.releaseControl(), { holder: null });
  await assert.rejects(client.releaseControl(), (e) => e.code === 'control_not_held');

  await assert.rejects(client.command('printer.fail'), (e) => e instanceof HydrogenError && e.code === 'printer_busy'
    && e.message === 'The printer is busy' && e.details.state === 'printing');
  await assert.rejects(client.request('launch_rocket'), (e) => e.code === 'invalid_message'
    && e.details.type === 'launch_rocket');
  await assert.rejects(client.subscribe('nozzle'), (e) => e.code === 'unknown_topic' && e.details.topic === 'nozzle');
  assert.equal(client.state('nozzle'), undefined);
  await assert.rejects(client.subscribe('printer', { deadband: -1 }), (e) => e.code === 'invalid_message'
    && e.details.field === 'deadband');
  await assert.rejects(client.subscribe('printer', { colour: 'red' }), TypeError);
  await assert.rejects(client.request('slow.never', {}, { timeoutMs: 200 }), { code: 'timeout' });
  assert.equal((await client.ping()).type, 'pong'); // the connection stays open
});

test('a dead connection is noticed by the JSON ping, and the client reconnects', live, async (t) => {
  const { url } = await control('/info');
  const tcp = await proxy(t, new URL(url).port);
  const client = newClient(t, tcp.url, { pingIntervalMs: 200, pongTimeoutMs: 300 });
  const seen = record(client, 'connection', 'error', 'status');
  await client.connect();
  await client.unsubscribe('status'); // silence, so that the client has to ping
  const inFlight = client.request('slow.never', {}, { timeoutMs: 0 });

  tcp.freeze(); // the TCP connection stays up, but nothing gets through any more
  const frozenAt = Date.now();
  await assert.rejects(inFlight, { code: 'connection_lost' });
  const error = await until('the ping timeout', () => seen.error.find((e) => e.code === 'ping_timeout'), 3000);
  assert.ok(error instanceof HydrogenError);
  assert.ok(Date.now() - frozenAt < 2000, 'noticed within ping interval + pong timeout (+ slack)');
  await until('the reconnect', () => seen.connection.filter((c) => c.state === 'authenticated').length === 2);
  assert.equal((await client.ping()).type, 'pong');
  const greetings = seen.status.length; // every authenticated connection gets one status at once
  await new Promise((resolve) => setTimeout(resolve, 2.5 * 200)); // the server pushes every 200 ms
  assert.equal(seen.status.length, greetings, 'status stays unsubscribed after the reconnect');
});

test('a server that accepts but never answers hits the connect timeout, then the client retries', live, async (t) => {
  const silent = net.createServer(() => {}); // accepts and never answers
  const sockets = new Set();
  silent.on('connection', (s) => { sockets.add(s); s.on('error', () => {}); });
  await new Promise((resolve) => silent.listen(0, '127.0.0.1', resolve));
  t.after(() => { sockets.forEach((s) => s.destroy()); silent.close(); });
  const client = newClient(t, `ws://127.0.0.1:${silent.address().port}/`, { connectTimeoutMs: 300 });
  const seen = record(client, 'connection', 'error');
  client.connect().catch(() => {}); // rejected by close() below
  await until('two connect timeouts', () => seen.error.filter((e) => e.code === 'connect_timeout').length >= 2, 3000);
  assert.ok(seen.connection.filter((c) => c.state === 'connecting').length >= 2);
  assert.ok(!seen.connection.some((c) => c.state === 'open'));
});
