// Review of a table's inferred schema after an upload (or from the tables list): column, type, nulls, examples.
// A column's other names ("revenue" for amount) are set with query.setColumnNames; questions then use them.
// A column's type can be changed with query.alterColumn: a change that would empty some values (2009 typeConversion)
// first shows how many and asks (Change anyway / Keep TYPE); the originals are kept, so changing back restores them.
// The table can be renamed (query.renameTable) or deleted (query.dropTable, after a second click to confirm).
// Also offers starter questions from chat.suggest (each one the translator answers on that table).
import { el } from './dom.js';

const TYPES = ['INTEGER', 'REAL', 'BOOLEAN', 'DATE', 'TIMESTAMP', 'TEXT'];
const TYPE_CONVERSION = 2009;
export class SchemaReview {
  #root; #rpc; #onChanged; #onAsk;

  /** onChanged(table) after a re-type, a rename or a delete (table null); onAsk(text) for the starter chips. */
  constructor(root, { rpc, onChanged, onAsk }) {
    this.#root = root;
    this.#rpc = rpc;
    this.#onChanged = onChanged;
    this.#onAsk = onAsk;
  }

  /** Folds the review away (e.g. once the user asks a question) without losing it. */
  collapse() { this.#root.querySelector('details')?.removeAttribute('open'); }

  hide() { this.#root.hidden = true; this.#root.replaceChildren(); }

  /** Shows a TableDescription; upload: the upload.finish result (warnings, replaced, changedColumns). */
  show(table, upload = {}, { open = true } = {}) {
    const status = el('div', { class: 'hint schema-status', role: 'status' });
    const rows = table.columns.map((column) => this.#columnRow(table, column, status));
    // upload.finish does not list names; a replaced table keeps those of its columns, so ask for them
    if (upload.replaced) this.#refreshNames(table.name);
    const notes = [
      upload.replaced ? `Replaced the previous “${table.name}” table.${upload.changedColumns?.length ? ` Changed columns: ${upload.changedColumns.join(', ')}.` : ''}` : null,
      ...(upload.warnings ?? []),
    ].filter(Boolean);
    const summary = `Table “${table.name}”: ${table.rowCount.toLocaleString()} rows, ${table.columns.length} columns`;
    this.#root.replaceChildren(el('details', { class: 'schema-review', open },
      el('summary', {}, el('h2', { id: 'schema-title' }, summary), el('span', { class: 'hint' }, ` from ${table.sourceFile} · review the column types`)),
      notes.length ? el('ul', { class: 'warnings' }, notes.map((n) => el('li', {}, n))) : null,
      el('div', { class: 'table-scroll schema-scroll', tabindex: '0', role: 'region', 'aria-label': `Columns of ${table.name}` },
        el('table', { class: 'schema' },
          el('thead', {}, el('tr', {}, ['Column', 'Type', 'Also called', 'Nulls', 'Examples'].map((h) => el('th', { scope: 'col' }, h)))),
          el('tbody', {}, rows))),
      status,
      this.#tableActions(table, status),
      this.#starters(table),
      el('button', { type: 'button', class: 'link', onclick: () => this.hide() }, 'Close')));
    this.#root.hidden = false;
  }

  /** The "Try:" chips, filled in when chat.suggest answers; hidden when it offers none. */
  #starters(table) {
    const chips = el('div', { class: 'chips', role: 'group', 'aria-label': 'Try a question', hidden: true });
    this.#rpc.chat.suggest({ table: table.name }).then(({ questions }) => {
      if (!questions?.length) return;
      chips.replaceChildren(el('span', { class: 'label' }, 'Try:'),
        ...questions.map((q) => el('button', { type: 'button', class: 'chip', onclick: () => this.#onAsk(q) }, q)));
      chips.hidden = false;
    }).catch(() => {});
    return chips;
  }

  /** "Also called": the column's other names, comma-separated, saved with query.setColumnNames on change. */
  #namesField(table, column, status) {
    const shown = (names) => (names ?? []).join(', ');
    const input = el('input', {
      type: 'text', class: 'aliases', value: shown(column.aliases), placeholder: 'e.g. revenue, sales',
      'aria-label': `Other names for ${column.label || column.name}`, 'data-column': column.name,
    });
    let saved = input.value;
    input.addEventListener('change', async () => {
      const names = input.value.split(',').map((n) => n.trim()).filter(Boolean);
      input.disabled = true;
      try {
        const updated = await this.#rpc.query.setColumnNames({ table: table.name, column: column.name, names });
        const now = updated.columns.find((c) => c.name === column.name)?.aliases;
        input.value = saved = shown(now);
        status.textContent = now?.length ? `Questions can now call ${column.name} ${now.map((n) => `“${n}”`).join(' or ')}.`
          : `${column.name} has no other names.`;
      } catch (error) {
        input.value = saved;
        status.textContent = `Could not name ${column.name}: ${error.message}`;
      } finally {
        input.disabled = false;
      }
    });
    return input;
  }

  /** Fills the "Also called" fields from query.describe. */
  #refreshNames(name) {
    this.#rpc.query.describe({ table: name }).then((described) => {
      for (const c of described.columns) {
        const input = [...this.#root.querySelectorAll('input.aliases')].find((i) => i.dataset.column === c.name);
        if (input && !input.value && c.aliases?.length) input.value = c.aliases.join(', ');
      }
    }).catch(() => {});
  }

  /** Re-types a column; a lossy change asks first (the count and a few values), then sends confirm: true. */
  async #changeType(table, column, select, status, type, confirm = false) {
    select.disabled = true;
    status.replaceChildren(`Changing ${column.name} to ${type}…`);
    try {
      const updated = await this.#rpc.query.alterColumn({ table: table.name, column: column.name, type, ...(confirm ? { confirm: true } : {}) });
      const changed = updated.columns.find((c) => c.name === column.name);
      const text = `${column.name} is now ${type}.${changed?.notes?.length ? ` ${changed.notes.join(' ')}` : ''}`;
      this.show(updated, {}, { open: true });
      this.#root.querySelector('[role=status]').textContent = text;
      this.#onChanged?.(updated);
    } catch (error) {
      if (error.code === TYPE_CONVERSION && !confirm) return this.#askLossy(table, column, select, status, type, error.data ?? {});
      select.value = column.type;
      select.disabled = false;
      status.replaceChildren(`Could not change ${column.name} to ${type}: ${error.message}`);
    }
  }

  /** The question before a lossy re-type: how many values would become empty, a few of them, and two buttons. */
  #askLossy(table, column, select, status, type, data) {
    const failing = Number(data.failing ?? 0);
    const samples = (data.samples ?? []).slice(0, 5);
    const cancel = el('button', { type: 'button', class: 'cancel-type' }, `Keep ${column.type}`);
    const ok = el('button', { type: 'button', class: 'confirm-type danger' }, `Change to ${type} anyway`);
    const box = el('div', { class: 'confirm-box', role: 'alertdialog', 'aria-label': `Change ${column.name} to ${type}?` },
      el('p', {}, `${failing.toLocaleString()} ${failing === 1 ? 'value' : 'values'} of ${column.name} cannot be read as ${type} and would become empty`,
        samples.length ? ' (for example ' : '', samples.map((v, i) => [i ? ', ' : '', el('code', {}, v)]), samples.length ? ')' : '', '.'),
      el('p', { class: 'hint' }, `Nothing is lost: changing ${column.name} back to ${column.type} restores them.`),
      el('div', { class: 'actions' }, ok, cancel));
    cancel.addEventListener('click', () => {
      select.value = column.type;
      select.disabled = false;
      status.replaceChildren(`${column.name} stays ${column.type}.`);
      select.focus();
    });
    ok.addEventListener('click', () => this.#changeType(table, column, select, status, type, true));
    status.replaceChildren(box);
    cancel.focus();
  }

  /** Rename (query.renameTable) and delete (query.dropTable, second click confirms) for the shown table. */
  #tableActions(table, status) {
    const input = el('input', { type: 'text', class: 'rename-input', value: table.name, 'aria-label': `New name for table ${table.name}` });
    const form = el('form', { class: 'rename', hidden: true },
      input, el('button', { type: 'submit' }, 'Save name'),
      el('button', { type: 'button', class: 'link', onclick: () => { form.hidden = true; rename.hidden = false; } }, 'Cancel'));
    const rename = el('button', { type: 'button', class: 'rename-table', onclick: () => { form.hidden = false; rename.hidden = true; input.select(); } }, 'Rename table');
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const newName = input.value.trim();
      if (!newName || newName === table.name) { form.hidden = true; rename.hidden = false; return; }
      try {
        const updated = await this.#rpc.query.renameTable({ table: table.name, newName });
        this.show(updated, {}, { open: true });
        this.#root.querySelector('[role=status]').textContent = `Renamed “${table.name}” to “${updated.name}”.`;
        this.#onChanged?.(updated);
      } catch (error) {
        status.replaceChildren(`Could not rename ${table.name}: ${error.message}`);
      }
    });
    const remove = el('button', { type: 'button', class: 'delete-table danger' }, 'Delete table');
    let armed = null;
    remove.addEventListener('click', async () => {
      if (!armed) {
        remove.textContent = `Delete “${table.name}” for good?`;
        armed = setTimeout(() => { armed = null; remove.textContent = 'Delete table'; }, 4000);
        return;
      }
      clearTimeout(armed);
      try {
        await this.#rpc.query.dropTable({ table: table.name });
        this.hide();
        this.#onChanged?.(null);
      } catch (error) {
        armed = null;
        remove.textContent = 'Delete table';
        status.replaceChildren(`Could not delete ${table.name}: ${error.message}`);
      }
    });
    return el('div', { class: 'table-actions' }, rename, form, remove);
  }

  #columnRow(table, column, status) {
    const select = el('select', { 'aria-label': `Type of ${column.label || column.name}` },
      TYPES.map((t) => el('option', { value: t, selected: t === column.type }, t)));
    select.addEventListener('change', () => this.#changeType(table, column, select, status, select.value));
    return el('tr', {},
      el('th', { scope: 'row' }, el('span', { class: 'clamp' }, column.label || column.name),
        column.label && column.label !== column.name ? el('code', { class: 'colname' }, column.name) : null),
      el('td', {}, select, column.notes?.length ? el('div', { class: 'hint' }, column.notes.join(' ')) : null),
      el('td', {}, this.#namesField(table, column, status)),
      el('td', { class: 'num' }, column.nullCount.toLocaleString()),
      el('td', { class: 'examples' }, (column.examples ?? []).slice(0, 5).map((x) => el('span', { class: 'example clamp', title: x.length > 40 ? x : null }, x))));
  }
}
