// The example runner's dashboard: the status, temperatures, job and notifications of the simulated
// printer, and its controls when the key allows them. Talks to the server only through the
// WebJar's HydrogenClient; every handler is attached here (the CSP forbids inline scripts).

import { HydrogenClient } from './client.js';
import { TemperatureChart } from './chart.js';

const KEY_STORAGE = 'hydrogen.dashboard.key';
const NAME_STORAGE = 'hydrogen.dashboard.client';
const CHART_WINDOW_MS = 5 * 60 * 1000;
const MAX_NOTIFICATIONS = 50;
const SCOPE_RANK = { monitor: 0, control: 1, admin: 2 };

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** Everything the page shows that is not already in the client's topic states. */
const view = {
  /** @type {HydrogenClient | null} */ client: null,
  /** @type {string | null} */ scope: null,
  /** @type {any} */ holder: null,
  /** @type {string | null} the principal this tab held the lease as */ principal: null,
  /** @type {Map<string, {chart: TemperatureChart, actual: HTMLElement, target: HTMLElement, power: HTMLElement}>} */
  heaters: new Map(),
  busy: false,
};

const clientName = sessionStorage.getItem(NAME_STORAGE)
  ?? `Dashboard ${Math.random().toString(36).slice(2, 6)}`;
sessionStorage.setItem(NAME_STORAGE, clientName);

// ------------------------------------------------------------------------------ key and connection

function start() {
  $('login').addEventListener('submit', (event) => {
    event.preventDefault();
    const key = /** @type {HTMLInputElement} */ ($('key')).value;
    if (key) {
      sessionStorage.setItem(KEY_STORAGE, key);
      connect(key);
    }
  });
  $('sign-out').addEventListener('click', () => {
    sessionStorage.removeItem(KEY_STORAGE);
    disconnect();
    showLogin('');
  });
  wireControls();
  const key = sessionStorage.getItem(KEY_STORAGE);
  if (key) {
    connect(key);
  } else {
    showLogin('');
  }
}

function showLogin(error) {
  $('dashboard').hidden = true;
  $('sign-out').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = error;
  $('login-error').hidden = !error;
  /** @type {HTMLInputElement} */ ($('key')).value = '';
  $('key').focus();
}

function webSocketUrl() {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/`;
}

async function connect(key) {
  disconnect();
  $('login').hidden = true;
  $('dashboard').hidden = false;
  $('sign-out').hidden = false;
  const client = new HydrogenClient(webSocketUrl(), {
    key,
    reconnect: { initialDelayMs: 250, maxDelayMs: 5000, factor: 2, jitter: 0.3 },
  });
  view.client = client;
  client.on('connection', showConnection);
  client.on('message', (message) => {
    if (message.type === 'auth_ok') {
      setScope(message.scope ?? 'monitor');
    }
  });
  client.on('status', showStatus);
  client.on('state:temperature', ({ state, timestamp }) => showTemperatures(state, timestamp));
  client.on('state:job', ({ state }) => showJob(state));
  client.on('state:control', ({ state }) => showLease(state.holder ?? null));
  client.on('event:notification', ({ data, timestamp }) => addNotification(data, timestamp));
  client.on('gap', () => addNotification({ level: 'warning', code: 'gap',
    message: 'Some notifications may have been missed while disconnected' }, Date.now()));
  client.on('error', (error) => {
    if (error.code !== 'auth_failed') {
      notice(`${error.code}: ${error.message}`);
    }
  });
  try {
    await client.connect();
    await Promise.all([
      client.subscribe('temperature', { minIntervalMs: 250 }),
      client.subscribe('job'),
      client.subscribe('control'),
      client.subscribe('notification'),
    ]);
  } catch (error) {
    if (view.client !== client) {
      return; // replaced or signed out meanwhile
    }
    if (error.code === 'auth_failed') {
      sessionStorage.removeItem(KEY_STORAGE);
      disconnect();
      showLogin(`The server refused the key: ${error.details?.reason ?? error.message}`);
    } else {
      notice(`${error.code ?? 'error'}: ${error.message}`);
    }
  }
}

function disconnect() {
  if (view.client) {
    const client = view.client;
    view.client = null;
    client.close();
  }
  view.scope = null;
  view.holder = null;
  view.principal = null;
  for (const id of ['heaters', 'notification-list']) {
    $(id).replaceChildren();
  }
  view.heaters.clear();
  $('heater').replaceChildren();
  renderControls();
}

function showConnection({ state, reconnectInMs }) {
  const badge = $('connection');
  badge.dataset.state = state;
  badge.textContent = state === 'closed' && reconnectInMs !== undefined
    ? `reconnecting in ${(reconnectInMs / 1000).toFixed(1)} s`
    : state;
  $('connections-me').textContent = state;
  if (state === 'authenticated') {
    notice('');
    // The lease outlives a short disconnect (the grace period): take it back if this tab had it.
    if (view.principal && view.holder && view.holder.principal === view.principal && view.holder.client === clientName) {
      view.client?.acquireControl(clientName).then(leaseChanged, () => {});
    }
  }
  renderControls();
}

function setScope(scope) {
  view.scope = scope;
  $('connections-scope').textContent = scope;
  renderControls();
}

// ------------------------------------------------------------------------------ status and topics

function showStatus(status) {
  const state = status.status?.shutting_down ? 'shutting down' : status.status?.running ? 'running' : 'stopped';
  $('server-state').textContent = state;
  const system = status.system ?? {};
  $('server-host').textContent = [system.nodename, system.sysname, system.machine].filter(Boolean).join(' · ') || '–';
  $('server-started').textContent = new Date(status.server_start_time).toLocaleString();
  $('server-uptime').textContent = duration((status.timestamp - Date.parse(status.server_start_time)) / 1000);
  $('server-threads').textContent = String(status.status?.totalThreads ?? '–');
  $('server-memory').textContent = bytes(status.status?.totalResidentMemoryBytes);
  $('server-seq').textContent = `${status.seq} (epoch ${status.epoch ?? '–'})`;
  $('connections-active').textContent = String(status.active_connections);
  $('connections-total').textContent = String(status.total_connections);
  $('connections-requests').textContent = String(status.total_requests);
}

function showTemperatures(state, timestamp) {
  const heaters = state.heaters ?? {};
  for (const [name, reading] of Object.entries(heaters)) {
    const heater = view.heaters.get(name) ?? addHeater(name);
    heater.actual.textContent = celsius(reading.actual);
    heater.target.textContent = celsius(reading.target);
    heater.power.textContent = typeof reading.power === 'number' ? `${Math.round(reading.power * 100)} %` : '–';
    heater.chart.add(timestamp ?? Date.now(), reading.actual, reading.target);
  }
}

function addHeater(name) {
  const box = element('figure', 'heater');
  box.id = `heater-${name}`;
  const caption = element('figcaption');
  const actual = element('span', 'actual');
  const target = element('span', 'target');
  const power = element('span', 'power');
  caption.append(element('strong', '', name), ' ', actual, ' → ', target, ' · power ', power);
  const canvas = /** @type {HTMLCanvasElement} */ (element('canvas', 'chart'));
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `${name}: actual (solid) and target (dashed) temperature, last 5 minutes`);
  box.append(caption, canvas);
  $('heaters').append(box);
  const option = /** @type {HTMLOptionElement} */ (element('option', '', name));
  option.value = name;
  $('heater').append(option);
  const heater = { chart: new TemperatureChart(canvas, CHART_WINDOW_MS), actual, target, power };
  view.heaters.set(name, heater);
  return heater;
}

function showJob(job) {
  $('job-state').textContent = job.state ?? 'idle';
  $('job').dataset.state = job.state ?? 'idle';
  $('job-file').textContent = job.file ?? '–';
  const progress = typeof job.progress === 'number' ? job.progress : 0;
  /** @type {HTMLProgressElement} */ ($('job-progress')).value = progress;
  $('job-percent').textContent = `${(progress * 100).toFixed(1)} %`;
  $('job-elapsed').textContent = typeof job.elapsed_s === 'number' ? duration(job.elapsed_s) : '–';
  $('job-remaining').textContent = typeof job.remaining_s === 'number' ? duration(job.remaining_s) : '–';
  $('job-layer').textContent = typeof job.layer === 'number' ? `${job.layer} / ${job.layers ?? '?'}` : '–';
  renderControls();
}

function showLease(holder) {
  view.holder = holder;
  $('lease-holder').textContent = holder
    ? `${holder.client ?? holder.principal}${holder.connected === false ? ' (disconnected)' : ''}${mine(holder) ? ' — this tab' : ''}`
    : 'nobody';
  renderControls();
}

function addNotification(data, timestamp) {
  const item = element('li', `level-${data.level ?? 'info'}`);
  item.dataset.code = data.code ?? '';
  item.append(element('time', '', new Date(timestamp ?? Date.now()).toLocaleTimeString()),
    element('span', 'level', data.level ?? 'info'), element('span', 'message', data.message ?? data.code ?? ''));
  const list = $('notification-list');
  list.prepend(item);
  while (list.children.length > MAX_NOTIFICATIONS) {
    list.lastElementChild?.remove();
  }
}

// ------------------------------------------------------------------------------ controls

function mine(holder) {
  return Boolean(holder && view.principal && holder.principal === view.principal && holder.client === clientName
    && holder.connected !== false);
}

function wireControls() {
  $('take-control').addEventListener('click', () => run('Control taken', async () => {
    const force = Boolean(view.holder) && !mine(view.holder);
    return leaseChanged(await view.client.acquireControl(clientName, { force }));
  }));
  $('release-control').addEventListener('click', () => run('Control released', async () => {
    leaseChanged(await view.client.releaseControl());
    view.principal = null;
  }));
  $('temperature-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const heater = /** @type {HTMLSelectElement} */ ($('heater')).value;
    const target = Number(/** @type {HTMLInputElement} */ ($('target')).value);
    run(`${heater} set to ${target} °C`, () => view.client.command('printer.set_temperature', { heater, target }));
  });
  $('job-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const file = /** @type {HTMLInputElement} */ ($('file')).value.trim();
    run(`Started ${file}`, () => view.client.command('job.start', { file }));
  });
  $('job-pause').addEventListener('click', () => run('Job paused', () => view.client.command('job.pause')));
  $('job-resume').addEventListener('click', () => run('Job resumed', () => view.client.command('job.resume')));
  $('job-cancel').addEventListener('click', () => run('Job cancelled', () => view.client.command('job.cancel')));
  $('emergency-stop').addEventListener('click', () => run('Emergency stop sent',
    () => view.client.command('printer.emergency_stop')));
}

/** @param {any} result the result of control.acquire or control.release */
function leaseChanged(result) {
  const holder = result?.holder ?? null;
  view.principal = holder ? holder.principal : view.principal;
  showLease(holder);
  return result;
}

/** Runs a request with the controls disabled meanwhile, and says how it went. */
async function run(done, action) {
  if (!view.client || view.busy) {
    return;
  }
  view.busy = true;
  renderControls();
  try {
    await action();
    say(done);
  } catch (error) {
    if (error.code === 'forbidden') {
      setScope('monitor'); // the key's scope was narrowed while connected
    }
    say(`${done.split(' ')[0]} failed: ${error.code ?? 'error'}: ${error.message}`, true);
  } finally {
    view.busy = false;
    renderControls();
  }
}

/** Shows the controls the scope allows, enabled only while this tab holds the lease. */
function renderControls() {
  const mayControl = view.scope !== null && SCOPE_RANK[view.scope] >= SCOPE_RANK.control;
  $('controls').hidden = !mayControl;
  const connected = view.client?.connectionState === 'authenticated';
  const holding = mine(view.holder);
  const heldByOther = Boolean(view.holder) && !holding;
  const mayForce = view.scope === 'admin';
  const take = /** @type {HTMLButtonElement} */ ($('take-control'));
  take.hidden = holding;
  take.textContent = heldByOther && mayForce ? 'Take over control' : 'Take control';
  take.disabled = view.busy || !connected || (heldByOther && !mayForce);
  const release = /** @type {HTMLButtonElement} */ ($('release-control'));
  release.hidden = !holding;
  release.disabled = view.busy || !connected;
  $('lease-note').textContent = holding ? 'This tab holds the control lease.'
    : heldByOther ? `${view.holder.client ?? view.holder.principal} holds the control lease${mayForce ? '' : ': controls are disabled'}.`
      : 'Take control to change the printer.';
  const job = view.client?.state('job')?.state ?? 'idle';
  const active = job === 'printing' || job === 'paused';
  const enable = (id, on) => { /** @type {HTMLButtonElement} */ ($(id)).disabled = view.busy || !connected || !holding || !on; };
  enable('set-temperature', view.heaters.size > 0);
  enable('job-start', !active);
  enable('job-pause', job === 'printing');
  enable('job-resume', job === 'paused');
  enable('job-cancel', active);
  enable('emergency-stop', true);
  for (const id of ['heater', 'target', 'file']) {
    /** @type {HTMLInputElement} */ ($(id)).disabled = !holding;
  }
}

// ------------------------------------------------------------------------------ helpers

/** A line under the header for what is not about a control: connection problems, server errors. */
function notice(text) {
  $('message').textContent = text;
}

function say(text, isError = false) {
  const line = $('control-message');
  line.textContent = text;
  line.classList.toggle('error', isError);
}

function element(tag, className = '', text = '') {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text) {
    node.textContent = text;
  }
  return node;
}

function celsius(value) {
  return typeof value === 'number' ? `${value.toFixed(1)} °C` : '–';
}

function duration(seconds) {
  if (!Number.isFinite(seconds) || seconds < 0) {
    return '–';
  }
  const s = Math.floor(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h} h ${m} min` : m > 0 ? `${m} min ${s % 60} s` : `${s} s`;
}

function bytes(value) {
  return typeof value === 'number' ? `${(value / (1024 * 1024)).toFixed(0)} MiB` : '–';
}

start();
