// A query result as an HTML table: paged, sortable by any column, numbers right-aligned and formatted,
// NULL shown distinctly, long cells clamped, wide tables scroll sideways. All values go in as text.
import { el } from './dom.js';

const PAGE_SIZE = 25;
const NUMERIC_TYPES = /INT|REAL|NUM|DEC|FLOAT|DOUBLE/i;

/** True when the column holds numbers (declared type, or every non-null value is a number). */
export function isNumericColumn(column, rows, index) {
  if (column.type && NUMERIC_TYPES.test(column.type)) return true;
  const values = rows.map((r) => r[index]).filter((v) => v != null);
  return values.length > 0 && values.every((v) => typeof v === 'number');
}

const grouped = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
const plain = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2, useGrouping: false });
const small = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 3 });

/** Formats a number for people: grouping (not for years and ids), 2 decimals, 3 significant digits below 1. */
export function formatNumber(value, columnName = '') {
  if (typeof value !== 'number') return String(value);
  if (value !== 0 && Math.abs(value) < 1) return small.format(value);
  return (/year|(^|_)id$|code/i.test(columnName) ? plain : grouped).format(value);
}

function compare(a, b) {
  if (a == null) return b == null ? 0 : 1;
  if (b == null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}

/** Builds the table for a ChatResult / QueryRunResult {columns, rows, rowCount, truncated}. */
export function renderResultTable(result, caption) {
  const { columns = [], rows = [] } = result;
  const numeric = columns.map((c, i) => isNumericColumn(c, rows, i));
  let sorted = rows;
  let sort = { index: -1, descending: false };
  let page = 0;

  const headButtons = columns.map((c, i) => el('button', { type: 'button', class: 'sort', title: c.type ? `${c.name} (${c.type})` : c.name, onclick: () => sortBy(i) }, c.name));
  const heads = columns.map((c, i) => el('th', { scope: 'col', class: numeric[i] ? 'num' : null }, headButtons[i]));
  const body = el('tbody');
  const table = el('table', { class: 'result' }, el('caption', { class: 'sr-only' }, caption || 'Result'), el('thead', {}, el('tr', {}, heads)), body);
  const status = el('span', { class: 'pager-status', 'aria-live': 'polite' });
  const prev = el('button', { type: 'button', onclick: () => show(page - 1) }, 'Previous');
  const next = el('button', { type: 'button', onclick: () => show(page + 1) }, 'Next');
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));

  function sortBy(index) {
    sort = { index, descending: sort.index === index ? !sort.descending : false };
    sorted = rows.map((r, i) => [r, i]).sort((a, b) => compare(a[0][index], b[0][index]) * (sort.descending ? -1 : 1) || a[1] - b[1]).map((p) => p[0]);
    heads.forEach((th, i) => (i === index ? th.setAttribute('aria-sort', sort.descending ? 'descending' : 'ascending') : th.removeAttribute('aria-sort')));
    show(0);
  }

  function cell(value, i) {
    if (value == null) return el('td', { class: numeric[i] ? 'num' : null }, el('span', { class: 'null' }, 'NULL'));
    const text = numeric[i] ? formatNumber(value, columns[i].name) : String(value);
    const long = text.length > 60;
    return el('td', { class: numeric[i] ? 'num' : null, title: long || text !== String(value) ? String(value) : null }, long ? el('span', { class: 'clamp' }, text) : text);
  }

  function show(n) {
    page = Math.min(Math.max(0, n), pages - 1);
    const slice = sorted.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
    body.replaceChildren(...slice.map((row) => el('tr', {}, columns.map((_, i) => cell(row[i], i)))));
    if (!rows.length) body.append(el('tr', {}, el('td', { colspan: Math.max(1, columns.length), class: 'empty' }, 'No rows.')));
    const first = rows.length ? page * PAGE_SIZE + 1 : 0;
    status.textContent = `Rows ${first}–${page * PAGE_SIZE + slice.length} of ${rows.length.toLocaleString()}`;
    prev.disabled = page === 0;
    next.disabled = page >= pages - 1;
  }
  show(0);

  return el('div', { class: 'result-block' },
    el('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': caption || 'Result table' }, table),
    rows.length > PAGE_SIZE ? el('div', { class: 'pager' }, prev, status, next) : null,
    result.truncated ? el('p', { class: 'note', role: 'note' }, `Truncated: only the first ${rows.length.toLocaleString()} rows are shown; the query returned more.`) : null);
}
