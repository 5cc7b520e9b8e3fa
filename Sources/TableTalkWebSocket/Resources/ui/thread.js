// The chat thread (role=log): questions, answers (interpretation, chart, result table, SQL with copy and
// edit-and-run, suggestion chips, clarification options, thumbs up/down), errors in plain words, typing dots.
import { el } from './dom.js';
import { renderResultTable } from './result-table.js';
import { renderChart } from './chart.js';

const THUMB = 'M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z';

function thumbIcon(down) {
  const ns = 'http://www.w3.org/2000/svg';
  const icon = document.createElementNS(ns, 'svg');
  icon.setAttribute('viewBox', '0 0 24 24');
  icon.setAttribute('aria-hidden', 'true');
  if (down) icon.setAttribute('transform', 'rotate(180)');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', THUMB);
  icon.append(path);
  return icon;
}

async function copyText(text) {
  try { await navigator.clipboard.writeText(text); return true; } catch { /* fall back below */ }
  const area = el('textarea', { class: 'sr-only', value: text });
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  return ok;
}

export class Thread {
  #root; #handlers; #typing; #earlier; #charts = []; #lastQuestion = '';

  /** handlers: onAsk(text), onRunSql(sql), onFeedback(messageId, rating) → Promise, onLoadEarlier(),
   *  onAskModel(text) and hasModel() when a language model is configured ("Try the AI model"). */
  constructor(root, handlers) {
    this.#root = root;
    this.#handlers = handlers;
    this.#typing = el('div', { class: 'msg assistant typing', 'aria-hidden': 'true' }, el('span'), el('span'), el('span'));
    this.clear();
    let timer;
    new ResizeObserver(() => { clearTimeout(timer); timer = setTimeout(() => this.#redrawCharts(), 150); }).observe(root);
  }

  /** Empties the thread and shows the welcome text. */
  clear() {
    this.#root.replaceChildren(el('div', { class: 'welcome' },
      el('h2', {}, 'Ask your data'),
      el('p', {}, 'Upload a CSV file, then ask a question in plain English, such as “total sales by region”. Follow up with “sort ascending”, “top 5” or “only for 2023”.')));
    this.#earlier = null;
    this.#charts = [];
  }

  /** The oldest message shown, for inserting earlier ones before it. */
  get firstMessage() { return this.#root.querySelector('.msg'); }

  #add(node, { before = null } = {}) {
    this.#root.querySelector('.welcome')?.remove();
    if (before) { before.before(node); return node; }
    this.#root.append(node);
    if (this.#typing.isConnected) this.#root.append(this.#typing);
    node.scrollIntoView({ block: 'start' });
    return node;
  }

  addUser({ text, sql }, options) {
    this.#lastQuestion = sql ? '' : (text || '');
    const body = sql ? el('pre', { class: 'sql-text' }, el('code', {}, sql)) : el('p', {}, text);
    return this.#add(el('article', { class: 'msg user', 'aria-label': 'You asked' }, body), options);
  }

  addError(text, options) {
    return this.#add(el('article', { class: 'msg assistant error', 'aria-label': 'Error' }, el('p', {}, text)), options);
  }

  /** Renders a ChatAnswer. */
  addAnswer(answer, options) {
    const interp = answer.interpretation || '';
    let rest = answer.text || '';
    const showInterp = interp && !answer.needsClarification && !answer.error && interp !== 'Your SQL';
    if (showInterp && rest.startsWith(interp)) rest = rest.slice(interp.length).replace(/^[\s:.,]+/, '');
    const parts = [
      showInterp ? el('p', { class: 'interpretation', title: understoodTitle(answer.understood) || null }, el('span', { class: 'label' }, 'Understood as '), interp,
        answer.translator === 'llm' ? el('span', { class: 'translator-badge', title: 'Translated by the AI model; checked and run like every answer' }, 'AI model') : null) : null,
      answer.understood?.length ? understoodDetails(answer.understood) : null,
      rest ? el('p', { class: answer.error ? 'error-text' : 'reply' }, rest) : null,
    ];
    const result = answer.result;
    if (result && result.columns?.length) {
      const size = this.#chartSize();
      const figure = renderChart(answer.chart, result, size);
      if (figure) this.#charts.push({ node: figure, chart: answer.chart, result, width: size.width });
      parts.push(figure);
      parts.push(renderResultTable(result, interp || 'Result'));
    }
    if (answer.sql) parts.push(this.#sqlBlock(answer.sql));
    if (answer.needsClarification && answer.suggestions?.length) {
      parts.push(el('div', { class: 'options', role: 'group', 'aria-label': 'Did you mean' },
        el('span', { class: 'label' }, 'Did you mean:'),
        answer.suggestions.map((s) => el('button', { type: 'button', class: 'option', onclick: () => this.#handlers.onAsk(s) }, s))));
    } else if (answer.suggestions?.length || answer.alternatives?.length) {
      parts.push(el('div', { class: 'chips', role: 'group', 'aria-label': 'Suggestions' },
        [...(answer.alternatives ?? []), ...(answer.suggestions ?? [])].map((s) => el('button', { type: 'button', class: 'chip', onclick: () => this.#handlers.onAsk(s) }, s))));
    }
    const question = this.#lastQuestion;
    if (answer.needsClarification && question && answer.translator !== 'llm' && this.#handlers.hasModel?.()) {
      parts.push(el('div', { class: 'options' },
        el('button', { type: 'button', class: 'option try-model', onclick: () => this.#handlers.onAskModel(question) }, 'Try the AI model')));
    }
    if (answer.messageId && !answer.needsClarification) parts.push(this.#feedback(answer.messageId));
    return this.#add(el('article', { class: `msg assistant${answer.error ? ' error' : ''}`, 'aria-label': 'Answer', 'data-message-id': answer.messageId }, parts), options);
  }

  /** Shows "Load earlier messages" at the top (or removes it). */
  setHasEarlier(hasMore) {
    this.#earlier?.remove();
    this.#earlier = hasMore ? el('button', { type: 'button', class: 'load-earlier', onclick: () => this.#handlers.onLoadEarlier() }, 'Load earlier messages') : null;
    if (this.#earlier) this.#root.prepend(this.#earlier);
  }

  setTyping(on) {
    if (on && !this.#typing.isConnected) { this.#root.append(this.#typing); this.#typing.scrollIntoView({ block: 'end' }); }
    if (!on) this.#typing.remove();
  }

  #chartSize() {
    const font = parseFloat(getComputedStyle(document.documentElement).fontSize) * 0.8 || 12;
    return { width: Math.round(Math.max(260, Math.min(font * 56, this.#root.clientWidth - font * 3))), font };
  }

  // Charts are drawn at the thread's width (so their text is not scaled); redraw them when it changes a lot.
  #redrawCharts() {
    const size = this.#chartSize();
    this.#charts = this.#charts.filter((c) => c.node.isConnected);
    for (const c of this.#charts) {
      if (Math.abs(c.width - size.width) < 24) continue;
      const next = renderChart(c.chart, c.result, size);
      c.node.replaceWith(next);
      Object.assign(c, { node: next, width: size.width });
    }
  }

  #sqlBlock(sql) {
    const copy = el('button', { type: 'button' }, 'Copy');
    copy.addEventListener('click', async () => {
      copy.textContent = (await copyText(sql)) ? 'Copied' : 'Copy failed';
      setTimeout(() => { copy.textContent = 'Copy'; }, 1500);
    });
    const editor = el('textarea', { class: 'sql-editor', rows: 4, 'aria-label': 'SQL to run', spellcheck: 'false', value: sql });
    const run = () => {
      if (!editor.value.trim()) return;
      this.#handlers.onRunSql(editor.value);
      form.hidden = true;
      edit.setAttribute('aria-expanded', 'false');
    };
    editor.addEventListener('keydown', (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); } });
    const form = el('div', { class: 'sql-edit', hidden: true }, editor,
      el('div', { class: 'row' }, el('button', { type: 'button', class: 'primary', onclick: run }, 'Run SQL'), el('span', { class: 'hint' }, 'Ctrl+Enter runs. Read-only queries only.')));
    const edit = el('button', { type: 'button', 'aria-expanded': 'false', onclick: () => {
      form.hidden = !form.hidden;
      edit.setAttribute('aria-expanded', String(!form.hidden));
      if (!form.hidden) editor.focus();
    } }, 'Edit and run');
    return el('details', { class: 'sql' }, el('summary', {}, 'SQL'),
      el('pre', {}, el('code', {}, sql)), el('div', { class: 'row' }, copy, edit), form);
  }

  #feedback(messageId) {
    const status = el('span', { class: 'hint', 'aria-live': 'polite' });
    const buttons = [[1, 'Helpful'], [-1, 'Not helpful']].map(([rating, label]) => {
      const b = el('button', { type: 'button', class: 'thumb', 'aria-label': label, title: label, 'aria-pressed': 'false' }, thumbIcon(rating < 0));
      b.addEventListener('click', async () => {
        try {
          await this.#handlers.onFeedback(messageId, rating);
          buttons.forEach((x) => x.setAttribute('aria-pressed', String(x === b)));
          status.textContent = 'Thanks for the feedback.';
        } catch (error) { status.textContent = `Feedback not saved: ${error.message}`; }
      });
      return b;
    });
    return el('div', { class: 'feedback', role: 'group', 'aria-label': 'Was this answer helpful?' }, buttons, status);
  }
}

const KIND_LABEL = { column: 'column', value: 'value', operator: 'condition', aggregate: 'calculation', time: 'time', table: 'table', limit: 'limit', order: 'order', unknown: 'not understood' };

/** The answer's `understood` spans as lines for a tooltip: “revenue” → column: revenue. */
function understoodTitle(spans) {
  if (!spans?.length) return '';
  return spans.map((s) => `“${s.text}” → ${KIND_LABEL[s.kind] ?? s.kind}${s.kind === 'unknown' ? '' : `: ${s.meaning}`}`).join('\n');
}

/** The same spans, folded away, for keyboard and touch users. */
function understoodDetails(spans) {
  return el('details', { class: 'understood' }, el('summary', {}, 'How I read your question'),
    el('ul', {}, spans.map((s) => el('li', { class: s.kind === 'unknown' ? 'unknown' : null },
      el('q', {}, s.text), ` → ${KIND_LABEL[s.kind] ?? s.kind}`, s.kind === 'unknown' ? '' : `: ${s.meaning}`))));
}
