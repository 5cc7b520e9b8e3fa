// The sidebar: chat sessions (history.sessions; open, new, delete with a second click to confirm) and the
// user's tables with row counts (query.tables; opening one shows its schema).
import { el } from './dom.js';

function when(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const today = new Date().toDateString() === date.toDateString();
  return today ? date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }) : date.toLocaleDateString();
}

export class Sidebar {
  #rpc; #ui; #handlers; #active = null;

  /** ui: {sessions, tables, newChat}; handlers: onOpen(sessionId), onNew(), onDeleted(sessionId), onTable(table) */
  constructor({ rpc, ui, handlers }) {
    this.#rpc = rpc;
    this.#ui = ui;
    this.#handlers = handlers;
    ui.newChat.addEventListener('click', () => handlers.onNew());
  }

  setActive(sessionId) {
    this.#active = sessionId;
    for (const item of this.#ui.sessions.querySelectorAll('[data-session-id]')) {
      const current = item.dataset.sessionId === sessionId;
      item.classList.toggle('active', current);
      item.querySelector('.open').toggleAttribute('aria-current', current);
    }
  }

  async refreshSessions() {
    try {
      const { sessions } = await this.#rpc.history.sessions({ limit: 100 });
      this.#ui.sessions.replaceChildren(...(sessions.length ? sessions.map((s) => this.#sessionItem(s)) : [el('li', { class: 'hint' }, 'No chats yet.')]));
      this.setActive(this.#active);
    } catch (error) {
      this.#ui.sessions.replaceChildren(el('li', { class: 'hint' }, `Could not load chats: ${error.message}`));
    }
  }

  async refreshTables() {
    try {
      const { tables } = await this.#rpc.query.tables();
      this.#ui.tables.replaceChildren(...(tables.length ? tables.map((t) => el('li', {},
        el('button', { type: 'button', class: 'open', onclick: () => this.#handlers.onTable(t) },
          el('span', { class: 'title' }, t.name),
          el('span', { class: 'meta' }, `${t.rowCount.toLocaleString()} ${t.rowCount === 1 ? 'row' : 'rows'} · ${t.columns.length} columns`))))
        : [el('li', { class: 'hint' }, 'No tables yet. Upload a CSV file.')]));
      return tables;
    } catch (error) {
      this.#ui.tables.replaceChildren(el('li', { class: 'hint' }, `Could not load tables: ${error.message}`));
      return [];
    }
  }

  #sessionItem(session) {
    const title = session.title || 'Untitled chat';
    const remove = el('button', { type: 'button', class: 'delete', 'aria-label': `Delete chat “${title}”`, title: 'Delete chat' }, '×');
    let armed = null;
    remove.addEventListener('click', async () => {
      if (!armed) {
        remove.textContent = 'Delete?';
        remove.setAttribute('aria-label', `Confirm: delete chat “${title}”`);
        armed = setTimeout(() => { armed = null; remove.textContent = '×'; remove.setAttribute('aria-label', `Delete chat “${title}”`); }, 4000);
        return;
      }
      clearTimeout(armed);
      try {
        await this.#rpc.history.deleteSession({ sessionId: session.sessionId });
        this.#handlers.onDeleted(session.sessionId);
        await this.refreshSessions();
      } catch (error) {
        remove.textContent = '×';
        remove.title = `Could not delete: ${error.message}`;
      }
    });
    return el('li', { 'data-session-id': session.sessionId },
      el('button', { type: 'button', class: 'open', onclick: () => this.#handlers.onOpen(session.sessionId) },
        el('span', { class: 'title' }, title),
        el('span', { class: 'meta' }, `${when(session.updatedAt)} · ${session.messageCount} messages`)),
      remove);
  }
}
