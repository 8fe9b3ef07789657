// The sample page's script: plain ES modules, loaded as they are by the browser.
// createWeeRpcClient comes from the package's built client (dist/client/), which the app serves under /client/.
import { createWeeRpcClient } from '/client/index.js';

/** One client per endpoint; each sends the session cookie (credentials: 'same-origin'). */
const endpoints = {
  login: { path: '/rpc/auth/login', client: createWeeRpcClient({ url: '/rpc/auth/login' }) },
  auth: { path: '/rpc/auth', client: createWeeRpcClient({ url: '/rpc/auth' }) },
  clients: { path: '/rpc/clients', client: createWeeRpcClient({ url: '/rpc/clients' }) },
  tester: { path: '/rpc', client: createWeeRpcClient({ url: '/rpc' }) },
  notifications: { path: '/rpc/notifications', client: createWeeRpcClient({ url: '/rpc/notifications' }) },
};

/** The endpoints served over WebSocket too (`ws: true`); login and logout stay on HTTP, whose answers set and clear the session cookie (a socket cannot). */
const WS_ENDPOINTS = ['clients', 'tester'];
const wsUrl = path => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${path}`;

/**
 * The toggle swaps those endpoints' clients; the session is read when a socket opens, so after
 * logging in or out the sockets are closed and the next call opens new ones with the new cookie.
 */
function useWebSocket(on) {
  for (const name of WS_ENDPOINTS) {
    const endpoint = endpoints[name];
    endpoint.client.close();
    endpoint.client = createWeeRpcClient({ url: on ? wsUrl(endpoint.path) : endpoint.path });
    endpoint.transport = on ? 'WebSocket' : 'HTTP';
  }
}

const MAX_ANSWERS = 30;
const $ = id => document.getElementById(id);

/** Calls a function, shows its answer, resolves to the answer (a failure too). */
async function call(endpoint, fn, data, { quiet = false } = {}) {
  let answer;
  try {
    answer = await endpoint.client.call(fn, data);
  } catch (error) {
    // WeeRpcClientError: the server's answer was not weeRPC (or the network failed).
    answer = { ok: false, message: error.message, data: null };
  }
  if (!quiet) {
    showAnswer(endpoint.path, fn, answer, endpoint.transport);
  }
  return answer;
}

function showAnswer(path, fn, answer, transport) {
  const item = el('li', `answer ${answer.ok ? 'answer-ok' : 'answer-fail'}`);
  const head = el('div', 'answer-head');
  head.append(el('span', `badge ${answer.ok ? 'badge-ok' : 'badge-fail'}`, answer.ok ? 'ok' : 'failed'));
  head.append(el('code', 'answer-call', `${fn}`), el('span', 'muted', ` on ${path}${transport === 'WebSocket' ? ' (WebSocket)' : ''}`));
  item.append(head);
  if (answer.message !== null) {
    item.append(el('div', 'answer-message', answer.message));
  }
  if (answer.data !== null) {
    item.append(el('pre', 'answer-data', JSON.stringify(answer.data, null, 2)));
  }
  const list = $('answers');
  list.prepend(item);
  while (list.children.length > MAX_ANSWERS) {
    list.lastElementChild.remove();
  }
}

function showSession(view) {
  const status = $('session-status');
  const loggedIn = Boolean(view && view.logged_in);
  status.textContent = loggedIn ? `Logged in as ${view.username}` : 'Logged out';
  status.className = `badge ${loggedIn ? 'badge-on' : 'badge-off'}`;
}

function showClients(clients, emptyText) {
  const body = $('clients-body');
  body.replaceChildren();
  if (!clients || clients.length === 0) {
    const row = el('tr', 'empty');
    const cell = el('td', '', emptyText);
    cell.colSpan = 4;
    row.append(cell);
    body.append(row);
    return;
  }
  for (const client of clients) {
    const row = el('tr');
    row.dataset.clientId = String(client.client_id);
    const remove = el('button', 'link', 'Delete');
    remove.type = 'button';
    remove.addEventListener('click', () => deleteClient(client.client_id));
    const actions = el('td');
    actions.append(remove);
    row.append(
      el('td', 'num', String(client.client_id)),
      el('td', 'client-name', client.name),
      el('td', 'muted', new Date(client.created_at).toLocaleString()),
      actions,
    );
    body.append(row);
  }
}

async function listClients() {
  const answer = await call(endpoints.clients, 'list');
  showClients(answer.ok ? answer.data : [], answer.ok ? 'No clients yet.' : `Not listed: ${answer.message}`);
}

async function deleteClient(clientId) {
  await call(endpoints.clients, 'delete', { client_id: clientId });
  await listClients();
}

/** An element with a class and text; text goes through textContent, never HTML. */
function el(tag, className = '', text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function onSubmit(formId, handler) {
  $(formId).addEventListener('submit', event => {
    event.preventDefault();
    void handler();
  });
}

function onClick(buttonId, handler) {
  $(buttonId).addEventListener('click', () => void handler());
}

onSubmit('login-form', async () => {
  const answer = await call(endpoints.login, 'login', { username: $('username').value.trim() });
  if (answer.ok) showSession(answer.data);
  useWebSocket($('use-websocket').checked);
});

onClick('whoami', async () => {
  const answer = await call(endpoints.auth, 'session');
  showSession(answer.ok ? answer.data : null);
});

onClick('logout', async () => {
  await call(endpoints.auth, 'logout');
  useWebSocket($('use-websocket').checked);
  showSession(null);
  showClients([], 'Log in, then press List.');
});

onSubmit('numbers-form', () => {
  // "1, 2, x" sends [1, 2, "x"], so that the server's own data check can be seen failing.
  const numbers = $('numbers')
    .value.split(',')
    .map(part => part.trim())
    .filter(Boolean)
    .map(part => (Number.isNaN(Number(part)) ? part : Number(part)));
  return call(endpoints.tester, 'add_numbers', numbers);
});

onSubmit('string-form', () => call(endpoints.tester, 'add_string', $('text').value));
onClick('add-string-session', () => call(endpoints.tester, 'add_string_auth_session', $('text').value));
onClick('add-string-host', () => call(endpoints.tester, 'add_string_auth_host', $('text').value));

// count_to streams: each number is shown as it arrives; Stop aborts the stream (the server stops counting).
// Over HTTP the numbers come as Server-Sent Events; with the WebSocket toggle on, as messages on the socket.
let counting;
onSubmit('count-form', async () => {
  counting?.abort();
  const controller = (counting = new AbortController());
  const items = $('count-items');
  items.replaceChildren();
  $('count-status').textContent = 'Counting…';
  $('count-stop').disabled = false;
  const { client, transport } = endpoints.tester;
  try {
    for await (const n of client.stream('count_to', { n: Number($('count-n').value) }, { signal: controller.signal })) {
      items.append(el('li', '', String(n)));
    }
    $('count-status').textContent = `Done: ${items.children.length} number(s) over ${transport ?? 'HTTP'}.`;
  } catch (error) {
    $('count-status').textContent = controller.signal.aborted ? 'Stopped.' : `Failed: ${error.message}`;
  } finally {
    if (counting === controller) $('count-stop').disabled = true;
  }
});
onClick('count-stop', () => counting?.abort());

// Notifications: notify publishes to every watcher (other tabs, other instances); the list is fed by a
// watch stream opened when the page loads. The client resumes it by itself after a dropped connection,
// with the last event id it saw, so no notification is missed or shown twice.
const MAX_NOTIFICATIONS = 20;
onSubmit('notify-form', async () => {
  const answer = await call(endpoints.notifications, 'notify', { text: $('notify-text').value });
  if (answer.ok) $('notify-text').value = '';
});

async function watchNotifications() {
  const list = $('notification-items');
  $('notifications-status').textContent = 'Watching…';
  try {
    for await (const notification of endpoints.notifications.client.stream('watch')) {
      list.prepend(el('li', '', notification.text));
      list.children[MAX_NOTIFICATIONS]?.remove();
    }
    $('notifications-status').textContent = 'The stream ended (the server is shutting down).';
  } catch (error) {
    $('notifications-status').textContent = `Not watching: ${error.message}`;
  }
}
void watchNotifications();

onSubmit('client-form', async () => {
  const answer = await call(endpoints.clients, 'create', { name: $('client-name').value.trim() });
  if (answer.ok) $('client-name').value = '';
});
onClick('list-clients', listClients);
$('use-websocket').addEventListener('change', event => useWebSocket(event.target.checked));

// Whether the page starts logged in (after a reload, say); quiet, so the answers list starts empty.
call(endpoints.auth, 'session', undefined, { quiet: true }).then(answer => showSession(answer.ok ? answer.data : null));
