// JSON-RPC 2.0 client for the TableTalk protocol v1. The method list mirrors Protocol/openrpc.json;
// the transport (WebSocket, reconnects) is Connection's job. Each new connection is initialized before calls go out.

export const PROTOCOL_VERSION = '1.0';

/** A JSON-RPC error reply: code, message (plain words for a person) and data. */
export class RpcError extends Error {
  constructor({ code, message, data }) {
    super(message);
    this.code = code;
    this.data = data;
  }
}

export const CONNECTION_LOST = -1;

export class RpcClient extends EventTarget {
  #connection; #nextId = 1; #pending = new Map(); #listeners = new Map();
  #ready; #resolveReady; #readySettled = false;

  constructor(connection, { token } = {}) {
    super();
    this.#connection = connection;
    /** Sent with initialize (the WebSocket URL carries it too). */
    this.token = token;
    this.#resetReady();
    connection.addEventListener('open', () => this.#initialize());
    connection.addEventListener('message', (e) => this.#receive(e.detail));
    connection.addEventListener('close', () => this.#connectionLost());
    this.#bindMethods();
  }

  /** Resolves once the current connection is initialized. */
  get ready() { return this.#ready; }

  /** Sends a request; resolves with its result or rejects with an RpcError. Waits for an initialized connection. */
  async call(method, params = {}) {
    await this.#ready;
    return this.#send(method, params);
  }

  /** Subscribes to a server notification (upload.progress, chat.status, chat.typing, monitoring.alert). */
  on(method, handler) {
    if (!this.#listeners.has(method)) this.#listeners.set(method, new Set());
    this.#listeners.get(method).add(handler);
    return () => this.#listeners.get(method).delete(handler);
  }

  // The protocol's methods, by namespace: rpc.chat.send({sessionId, text}) and so on. Params as in openrpc.json.
  #bindMethods() {
    const methods = {
      core: ['ping', 'shutdown'],
      monitoring: ['health', 'stats'],
      upload: ['begin', 'chunk', 'finish', 'abort', 'status', 'importFile', 'partUrls'],
      query: ['run', 'cancel', 'tables', 'describe', 'dropTable', 'renameTable', 'alterColumn', 'setColumnNames'],
      chat: ['start', 'send', 'feedback', 'suggest'],
      history: ['sessions', 'messages', 'queries', 'deleteSession', 'getPreferences', 'setPreferences'],
    };
    for (const [ns, names] of Object.entries(methods)) {
      this[ns] = {};
      for (const name of names) {
        const method = ns === 'core' ? name : `${ns}.${name}`;
        this[ns][name] = (params = {}) => this.call(method, params);
      }
    }
  }

  async #initialize() {
    try {
      const result = await this.#send('initialize', {
        protocolVersion: PROTOCOL_VERSION, clientInfo: { name: 'tabletalk-web', version: '1' }, token: this.token || undefined,
      });
      this.serverInfo = result;
      this.#resolveReady(result);
      this.dispatchEvent(new CustomEvent('ready', { detail: result }));
    } catch (error) {
      this.dispatchEvent(new CustomEvent('init-error', { detail: error }));
    }
  }

  #send(method, params) {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      if (!this.#connection.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }))) {
        this.#pending.delete(id);
        reject(new RpcError({ code: CONNECTION_LOST, message: 'Not connected to the server.' }));
      }
    });
  }

  #receive(text) {
    let message;
    try { message = JSON.parse(text); } catch { return; }
    for (const m of Array.isArray(message) ? message : [message]) {
      if (m.method) {
        for (const handler of this.#listeners.get(m.method) ?? []) handler(m.params ?? {});
      } else if (this.#pending.has(m.id)) {
        const { resolve, reject } = this.#pending.get(m.id);
        this.#pending.delete(m.id);
        if (m.error) reject(new RpcError(m.error)); else resolve(m.result);
      }
    }
  }

  #connectionLost() {
    this.#resetReady();
    for (const { reject } of this.#pending.values()) {
      reject(new RpcError({ code: CONNECTION_LOST, message: 'The connection to the server was lost.' }));
    }
    this.#pending.clear();
  }

  // Callers waiting on a connection that never initialized keep waiting for the next one.
  #resetReady() {
    if (this.#resolveReady && !this.#readySettled) return;
    this.#readySettled = false;
    this.#ready = new Promise((resolve) => { this.#resolveReady = (v) => { this.#readySettled = true; resolve(v); }; });
  }
}
