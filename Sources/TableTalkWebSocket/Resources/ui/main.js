// Wires the page: token, connection state, upload, schema review, thread, sidebar, and the question box.
import { Connection } from './connection.js';
import { RpcClient, CONNECTION_LOST } from './rpc-client.js';
import { Thread } from './thread.js';
import { Uploader } from './uploader.js';
import { SchemaReview } from './schema-review.js';
import { Sidebar } from './sidebar.js';

const $ = (id) => document.getElementById(id);
const TOKEN_KEY = 'tabletalk.token';
const SESSION_KEY = 'tabletalk.session';
const SESSION_NOT_FOUND = 3000;
const UNAUTHORIZED = -32010;

// The token comes from the URL `serve` prints; it is kept for this tab and removed from the address bar.
function takeToken() {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  return sessionStorage.getItem(TOKEN_KEY) || '';
}

let token = takeToken();
const rpcUrl = () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/rpc${token ? `?token=${encodeURIComponent(token)}` : ''}`;
const connection = new Connection(rpcUrl());
const rpc = new RpcClient(connection, { token });

let sessionId = null;
let oldestSeq = null;
let busy = false;
let reloadOnReady = false;
let firstReady = true;

// --- connection state -------------------------------------------------------------------------------------
const connBox = document.querySelector('.conn');
let countdown = null;
function showState({ state, retryAt }) {
  connBox.dataset.state = state;
  clearInterval(countdown);
  $('retry').hidden = state === 'connected' || state === 'connecting';
  const label = { connecting: 'Connecting…', connected: 'Connected', reconnecting: 'Reconnecting', offline: 'Offline' }[state];
  const tick = () => {
    const seconds = Math.max(0, Math.ceil((retryAt - Date.now()) / 1000));
    $('conn-text').textContent = state === 'reconnecting' || state === 'offline' ? `${label}, retrying in ${seconds} s` : label;
  };
  tick();
  if (state === 'reconnecting' || state === 'offline') countdown = setInterval(tick, 1000);
}
connection.addEventListener('state', async (e) => {
  showState(e.detail);
  if (e.detail.attempt === 1 && token) {
    // A refused upgrade looks like a dropped connection; ask an authenticated endpoint whether the token is the cause.
    const probe = await fetch('/metrics', { headers: { Authorization: `Bearer ${token}` } }).catch(() => null);
    if (probe?.status === 401) askForToken('This access token was not accepted. Paste a valid token or the link printed by tabletalk serve.');
  }
});
$('retry').addEventListener('click', () => connection.retryNow());

function askForToken(text) {
  $('auth-text').textContent = text;
  $('auth').hidden = false;
  $('auth-token').focus();
}
$('auth').addEventListener('submit', (e) => {
  e.preventDefault();
  const value = $('auth-token').value.trim();
  if (!value) return;
  let next = value;
  try { next = new URL(value).searchParams.get('token') || value; } catch { /* a bare token */ }
  token = next;
  sessionStorage.setItem(TOKEN_KEY, token);
  rpc.token = token;
  connection.url = rpcUrl();
  $('auth-token').value = '';
  $('auth').hidden = true;
  connection.retryNow();
});

rpc.addEventListener('init-error', (e) => {
  connBox.dataset.state = 'unauthorized';
  $('conn-text').textContent = e.detail.code === UNAUTHORIZED ? 'Access token needed' : `Could not start: ${e.detail.message}`;
  if (e.detail.code === UNAUTHORIZED) askForToken('An access token is needed. Open the link printed by tabletalk serve, or paste it here.');
});

rpc.addEventListener('ready', async () => {
  $('auth').hidden = true;
  sidebar.refreshSessions();
  sidebar.refreshTables();
  const restore = firstReady ? localStorage.getItem(SESSION_KEY) : reloadOnReady ? sessionId : null;
  firstReady = false;
  reloadOnReady = false;
  if (restore) await openSession(restore).catch(() => localStorage.removeItem(SESSION_KEY));
});

// Keep-alive: a connection that stops answering pings (sleep, network change) is dropped and reconnected.
setInterval(async () => {
  if (connection.state !== 'connected') return;
  const timeout = new Promise((resolve) => setTimeout(resolve, 10_000, 'timeout'));
  if ((await Promise.race([rpc.core.ping().catch(() => 'error'), timeout])) === 'timeout') connection.retryNow();
}, 30_000);

rpc.on('monitoring.alert', (a) => { $('alert').textContent = a.state === 'firing' ? `Server alert: ${a.message}` : ''; });

// --- chat ---------------------------------------------------------------------------------------------------
const status = $('chat-status');
const thread = new Thread($('thread'), {
  onAsk: (text) => ask(text),
  onRunSql: (sql) => send({ sql }),
  onFeedback: (messageId, rating) => rpc.chat.feedback({ messageId, rating }),
  onLoadEarlier: () => loadEarlier(),
  onAskModel: (text) => send({ text, translator: 'llm' }),
  hasModel: () => (rpc.serverInfo?.capabilities?.features?.translator ?? 'rules') !== 'rules',
});

rpc.on('chat.typing', (p) => { if (p.sessionId === sessionId) thread.setTyping(p.typing); });
rpc.on('chat.status', (p) => {
  if (p.sessionId !== sessionId) return;
  const fallback = { thinking: 'Thinking', querying: 'Running the query', done: 'Done', error: 'Something went wrong' }[p.state];
  status.dataset.state = p.state;
  status.textContent = p.state === 'done' ? 'Done.' : `${p.text || fallback}…`;
});

function renderMessage(message, options) {
  if (message.role === 'user') thread.addUser({ text: message.text, sql: message.sql }, options);
  else if (message.answer) thread.addAnswer(message.answer, options);
  else thread.addError(message.text || 'This answer was not completed.', options);
}

async function openSession(id) {
  const { messages, hasMore } = await rpc.history.messages({ sessionId: id, limit: 50 });
  sessionId = id;
  localStorage.setItem(SESSION_KEY, id);
  thread.clear();
  messages.forEach((m) => renderMessage(m));
  oldestSeq = messages[0]?.seq ?? null;
  thread.setHasEarlier(hasMore);
  sidebar.setActive(id);
  status.textContent = '';
}

async function loadEarlier() {
  const { messages, hasMore } = await rpc.history.messages({ sessionId, before: oldestSeq, limit: 50 });
  const anchor = thread.firstMessage;
  messages.forEach((m) => renderMessage(m, { before: anchor }));
  oldestSeq = messages[0]?.seq ?? oldestSeq;
  thread.setHasEarlier(hasMore);
}

function newChat() {
  sessionId = null;
  localStorage.removeItem(SESSION_KEY);
  thread.clear();
  sidebar.setActive(null);
  status.textContent = '';
  closeSidebar();
  $('question').focus();
}

/** Asks a question (params.text) or runs SQL (params.sql) in the current session, starting one if needed. */
async function send(params) {
  if (busy) { status.textContent = 'Still working on the previous question…'; return false; }
  busy = true;
  $('send').disabled = true;
  schema.collapse();
  thread.addUser(params);
  if (connection.state !== 'connected') status.textContent = 'Waiting for the connection; the question goes out when it is back…';
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        if (!sessionId) {
          const started = await rpc.chat.start({ title: (params.text ?? params.sql).trim().slice(0, 80) });
          sessionId = started.sessionId;
          localStorage.setItem(SESSION_KEY, sessionId);
        }
        thread.addAnswer(await rpc.chat.send({ sessionId, ...params }));
        break;
      } catch (error) {
        if (error.code !== SESSION_NOT_FOUND || attempt > 0) throw error;
        sessionId = null; // deleted elsewhere: start a new chat
      }
    }
  } catch (error) {
    status.textContent = '';
    if (error.code === CONNECTION_LOST) {
      thread.addError('The connection dropped before the answer arrived. The conversation reloads when the connection is back.');
      reloadOnReady = Boolean(sessionId);
    } else {
      thread.addError(`Sorry, that did not work: ${error.message}`);
    }
  } finally {
    busy = false;
    $('send').disabled = false;
    thread.setTyping(false);
    sidebar.setActive(sessionId);
    sidebar.refreshSessions();
  }
  return true;
}

function ask(text) {
  const question = text.trim();
  if (!question) return false;
  send({ text: question });
  return true;
}

const question = $('question');
$('composer').addEventListener('submit', (e) => {
  e.preventDefault();
  if (busy) { status.textContent = 'Still working on the previous question…'; return; }
  if (ask(question.value)) question.value = '';
});
question.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    $('composer').requestSubmit();
  }
});

// --- sidebar, upload, schema ------------------------------------------------------------------------------
function closeSidebar() {
  document.body.classList.remove('sidebar-open');
  $('menu').setAttribute('aria-expanded', 'false');
}
$('menu').addEventListener('click', () => {
  const open = document.body.classList.toggle('sidebar-open');
  $('menu').setAttribute('aria-expanded', String(open));
  if (open) $('new-chat').focus();
});
$('close-sidebar').addEventListener('click', () => { closeSidebar(); $('menu').focus(); });
document.addEventListener('click', (e) => {
  if (document.body.classList.contains('sidebar-open') && !e.target.closest('#sidebar, #menu')) closeSidebar();
});
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && document.body.classList.contains('sidebar-open')) { closeSidebar(); $('menu').focus(); }
});

const schema = new SchemaReview($('schema'), {
  rpc,
  onChanged: () => sidebar.refreshTables(),
  onAsk: (text) => ask(text),
});

const sidebar = new Sidebar({
  rpc,
  ui: { sessions: $('sessions'), tables: $('tables'), newChat: $('new-chat') },
  handlers: {
    onOpen: async (id) => {
      closeSidebar();
      try { await openSession(id); question.focus(); } catch (error) { thread.addError(`Could not open that chat: ${error.message}`); }
    },
    onNew: newChat,
    onDeleted: (id) => { if (id === sessionId) newChat(); },
    onTable: (table) => { closeSidebar(); schema.show(table); },
  },
});

new Uploader({
  rpc,
  getToken: () => token,
  ui: {
    pick: $('pick'), input: $('file'), panel: $('upload-panel'), name: $('upload-name'), phase: $('upload-phase'),
    bar: $('upload-bar'), cancel: $('upload-cancel'), error: $('upload-error'), resume: $('upload-resume'),
  },
  onReady: (result) => {
    schema.show(result.table, result);
    sidebar.refreshTables();
  },
});

connection.open();
