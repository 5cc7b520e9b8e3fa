// The WebSocket to /rpc, kept open: reconnects with exponential backoff (0.5 s doubling to 30 s, with jitter).
// state: 'connecting' → 'connected'; after a drop 'reconnecting', and 'offline' when the browser is offline or
// several attempts in a row failed (it keeps retrying). Events: 'open', 'close', 'message' (detail: text), 'state'.

const MAX_DELAY_MS = 30_000;
const OFFLINE_AFTER_ATTEMPTS = 4;

export class Connection extends EventTarget {
  state = 'connecting';
  attempt = 0;
  retryAt = 0;
  #url; #ws = null; #timer = null;

  constructor(url) {
    super();
    this.#url = url;
    window.addEventListener('online', () => this.retryNow());
    window.addEventListener('offline', () => this.#ws?.close());
  }

  set url(value) { this.#url = value; }

  open() { this.#connect(); return this; }

  /** Sends a text frame; false when not connected. */
  send(text) {
    if (this.#ws?.readyState !== WebSocket.OPEN) return false;
    this.#ws.send(text);
    return true;
  }

  /** Drops the current socket (if any) and connects at once. */
  retryNow() {
    clearTimeout(this.#timer);
    if (this.#ws && this.#ws.readyState <= WebSocket.OPEN) this.#ws.close();
    else this.#connect();
  }

  #connect() {
    clearTimeout(this.#timer);
    const ws = new WebSocket(this.#url);
    this.#ws = ws;
    ws.onopen = () => {
      this.attempt = 0;
      this.#setState('connected');
      this.dispatchEvent(new Event('open'));
    };
    ws.onmessage = (e) => {
      if (typeof e.data === 'string') this.dispatchEvent(new CustomEvent('message', { detail: e.data }));
      else e.data.text?.().then((t) => this.dispatchEvent(new CustomEvent('message', { detail: t })));
    };
    ws.onclose = () => {
      if (this.#ws !== ws) return;
      this.#ws = null;
      this.dispatchEvent(new Event('close'));
      this.#scheduleReconnect();
    };
  }

  #scheduleReconnect() {
    this.attempt += 1;
    const delay = Math.min(MAX_DELAY_MS, 500 * 2 ** (this.attempt - 1)) * (0.8 + Math.random() * 0.4);
    this.retryAt = Date.now() + delay;
    const offline = navigator.onLine === false || this.attempt > OFFLINE_AFTER_ATTEMPTS;
    this.#setState(offline ? 'offline' : 'reconnecting');
    this.#timer = setTimeout(() => this.#connect(), delay);
  }

  #setState(state) {
    this.state = state;
    this.dispatchEvent(new CustomEvent('state', { detail: { state, attempt: this.attempt, retryAt: this.retryAt } }));
  }
}
