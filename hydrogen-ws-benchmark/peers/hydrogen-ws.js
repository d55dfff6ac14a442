'use strict';
// A minimal status broadcaster on Node and the npm package ws, the Node peer of the Hydrogen server
// for the load scenarios (docs/performance.md, "Peers"). Like hydrogen-lws.c it speaks just enough
// of docs/protocol.md for the load generator: subprotocol hydrogen-protocol, "Authorization: Key
// <key>" (401 otherwise), and a status message of the same shape pushed to every client each
// interval, encoded once per tick into one Buffer that every client's send() shares.
// A client whose previous message is still buffered skips the tick (conflation, like ours).
//
//   usage: node hydrogen-ws.js PORT INTERVAL_MS KEY   (PORT 0: the kernel picks one; printed as ws://...)
const fs = require('fs');
const os = require('os');
const path = require('path');
const { WebSocketServer, WebSocket } = require('ws');

const [port, intervalMs, key] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4]];
if (process.argv.length !== 5 || !Number.isInteger(port) || port < 0 || port > 65535
    || !Number.isInteger(intervalMs) || intervalMs < 1 || !key) {
  console.error('usage: node hydrogen-ws.js PORT INTERVAL_MS KEY   (PORT 0..65535, 0 = any; INTERVAL_MS >= 1)');
  process.exit(2);
}
const expectedAuth = `Key ${key}`;
const startTime = new Date().toISOString();
const system = { sysname: os.type(), nodename: os.hostname(), release: os.release(), version: os.version(), machine: os.machine() };
const pageSize = 4096; // /proc/self/statm counts pages; Node does not expose the size (4 KiB on x86_64 Linux)
let seq = 0, total = 0, requests = 0, timer;

const wss = new WebSocketServer({
  host: '127.0.0.1', port, perMessageDeflate: false,
  verifyClient: ({ req }, done) => {
    if (req.headers.authorization !== expectedAuth) return done(false, 401, 'Unauthorized', { 'WWW-Authenticate': 'Key realm="hydrogen"' });
    const offered = (req.headers['sec-websocket-protocol'] || '').split(',').map((p) => p.trim());
    return offered.includes('hydrogen-protocol') ? done(true) : done(false, 400, 'Bad Request');
  },
  handleProtocols: () => 'hydrogen-protocol', // verifyClient made sure it was offered
});
// The status message as of now, carrying the latest tick's seq.
function status() {
  const [pagesTotal, pagesResident] = fs.readFileSync('/proc/self/statm', 'ascii').split(' ').map(Number);
  return Buffer.from(JSON.stringify({
    type: 'status', seq, timestamp: Date.now(), server_start_time: startTime,
    active_connections: wss.clients.size, total_connections: total, total_requests: requests, system,
    status: { running: true, shutting_down: false, totalThreads: 1,
      totalVirtualMemoryBytes: pagesTotal * pageSize, totalResidentMemoryBytes: pagesResident * pageSize },
  }));
}

wss.on('connection', (ws) => {
  total++;
  ws.on('message', () => requests++);
  ws.send(status(), { binary: false }); // the greeting, like Hydrogen's
});

function tick(deadline) {
  seq++;
  const payload = status();
  for (const ws of wss.clients) {
    if (ws.readyState === WebSocket.OPEN && ws.bufferedAmount === 0) ws.send(payload, { binary: false });
  }
  // fixed rate: the next deadline counts from the last one, not from now
  const next = deadline + intervalMs;
  timer = setTimeout(tick, Math.max(0, next - performance.now()), next);
}

wss.on('listening', () => {
  const wsVersion = JSON.parse(fs.readFileSync(path.join(path.dirname(require.resolve('ws')), 'package.json'))).version;
  console.log(`hydrogen-ws (ws ${wsVersion}, node ${process.version}): status every ${intervalMs} ms on ws://127.0.0.1:${wss.address().port}/`);
  const first = performance.now() + intervalMs;
  timer = setTimeout(tick, intervalMs, first);
});
wss.on('error', (e) => { console.error(`hydrogen-ws: ${e.message}`); process.exit(1); });

function stop() {
  clearTimeout(timer);
  for (const ws of wss.clients) ws.close(1001);
  wss.close(() => { console.log('hydrogen-ws: stopped'); process.exit(0); });
  setTimeout(() => process.exit(0), 2000).unref(); // bounded: clients that do not answer the close
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
