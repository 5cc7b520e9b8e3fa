// CSV upload: drag-and-drop anywhere or the file picker; upload.begin, then raw parts with PUT /uploads/{id}?offset=N
// (progress bar in bytes), then upload.finish with parsing/loading phases from upload.progress. Cancel aborts the
// upload; a dropped connection resumes from upload.status's offset (also after a page reload, by picking the file again).
import { el, formatBytes } from './dom.js';
import { CONNECTION_LOST } from './rpc-client.js';

const PENDING_KEY = 'tabletalk.pendingUpload';
const MAX_PART = 4 << 20;
const MAX_RETRIES = 8;
const wait = (ms) => new Promise((r) => setTimeout(r, ms));

class UploadError extends Error {
  constructor(message, { status = 0, code = 0, cancelled = false } = {}) {
    super(message);
    Object.assign(this, { status, code, cancelled });
  }
}

export class Uploader {
  #rpc; #getToken; #ui; #onReady; #job = null;

  /** ui: {zone, pick, input, panel, name, phase, bar, cancel, error, resume}; onReady(uploadResult) */
  constructor({ rpc, getToken, ui, onReady }) {
    this.#rpc = rpc;
    this.#getToken = getToken;
    this.#ui = ui;
    this.#onReady = onReady;
    ui.pick.addEventListener('click', () => ui.input.click());
    ui.input.addEventListener('change', () => { this.uploadFiles([...ui.input.files]); ui.input.value = ''; });
    ui.cancel.addEventListener('click', () => this.cancel());
    rpc.on('upload.progress', (p) => this.#onProgress(p));
    let depth = 0;
    const hasFiles = (e) => [...(e.dataTransfer?.types ?? [])].includes('Files');
    const dragging = (on) => document.body.classList.toggle('dragging', on);
    window.addEventListener('dragenter', (e) => { if (hasFiles(e)) { depth += 1; dragging(true); } });
    window.addEventListener('dragleave', () => { depth = Math.max(0, depth - 1); if (!depth) dragging(false); });
    window.addEventListener('dragover', (e) => { if (hasFiles(e)) e.preventDefault(); });
    window.addEventListener('drop', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      dragging(false);
      this.uploadFiles([...e.dataTransfer.files]);
    });
    this.#showInterrupted();
  }

  get busy() { return this.#job != null; }

  async uploadFiles(files) {
    for (const file of files) {
      if (this.#job) { this.#error(`Wait for the current upload to finish before adding “${file.name}”.`); return; }
      await this.upload(file);
    }
  }

  /** Uploads one file; resolves when it is a table (or failed / was cancelled, shown in the panel). */
  async upload(file) {
    const ui = this.#ui;
    this.#error('');
    if (file.size === 0) { this.#error(`“${file.name}” is empty.`); return; }
    const job = { file, xhr: null, cancelled: false, id: null };
    this.#job = job;
    ui.resume.replaceChildren();
    ui.resume.hidden = true;
    ui.panel.hidden = false;
    ui.name.textContent = file.name;
    this.#setPhase('Starting…', 0);
    try {
      let offset = 0;
      let partUrl;
      const saved = this.#pending();
      if (saved && saved.name === file.name && saved.size === file.size && saved.lastModified === file.lastModified) {
        const status = await this.#rpc.upload.status({ uploadId: saved.uploadId }).catch(() => null);
        if (status?.phase === 'receiving') { job.id = saved.uploadId; partUrl = saved.partUrl; offset = status.received; }
      }
      if (!job.id) {
        const begun = await this.#rpc.upload.begin({ name: file.name, size: file.size });
        job.id = begun.uploadId;
        partUrl = begun.partUrl || `/uploads/${begun.uploadId}`;
        job.chunk = Math.min(MAX_PART, begun.chunkSize || MAX_PART);
        localStorage.setItem(PENDING_KEY, JSON.stringify({ uploadId: job.id, partUrl, name: file.name, size: file.size, lastModified: file.lastModified }));
      }
      job.chunk ||= MAX_PART;
      let failures = 0;
      while (offset < file.size) {
        this.#checkCancelled(job);
        try {
          offset = await this.#put(job, partUrl, offset, file.slice(offset, offset + job.chunk));
          failures = 0;
        } catch (error) {
          if (error.cancelled || !(error.status === 0 || error.code === 1002) || ++failures > MAX_RETRIES) throw error;
          offset = await this.#resumeOffset(job, failures);
        }
      }
      const result = await this.#finish(job);
      localStorage.removeItem(PENDING_KEY);
      this.#setPhase(`Ready: ${result.table.rowCount.toLocaleString()} rows in table “${result.table.name}”`, 100);
      ui.cancel.hidden = true;
      setTimeout(() => { if (!this.#job) ui.panel.hidden = true; }, 4000);
      this.#onReady(result);
    } catch (error) {
      if (!error.cancelled) {
        if (error.code >= 1000 && error.code < 2000 && error.code !== 1002) localStorage.removeItem(PENDING_KEY);
        this.#error(`Could not load “${file.name}”: ${error.message}`);
      }
      ui.panel.hidden = true;
    } finally {
      this.#job = null;
    }
  }

  /** Stops the current upload and tells the server to forget it. */
  async cancel() {
    const job = this.#job;
    if (!job) return;
    job.cancelled = true;
    job.xhr?.abort();
    localStorage.removeItem(PENDING_KEY);
    this.#ui.panel.hidden = true;
    this.#error(`Upload of “${job.file.name}” cancelled.`);
    if (job.id) await this.#rpc.upload.abort({ uploadId: job.id }).catch(() => {});
  }

  #checkCancelled(job) { if (job.cancelled) throw new UploadError('cancelled', { cancelled: true }); }

  #put(job, url, offset, blob) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      job.xhr = xhr;
      xhr.open('PUT', `${url}?offset=${offset}`);
      const token = this.#getToken();
      if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      xhr.upload.onprogress = (e) => this.#bytes(offset + e.loaded, job.file.size);
      xhr.onload = () => {
        let body = {};
        try { body = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
        if (xhr.status === 200) resolve(body.received ?? offset + blob.size);
        else reject(new UploadError(body.message || `the server answered ${xhr.status}`, { status: xhr.status, code: Number(body.code) || 0 }));
      };
      xhr.onerror = () => reject(new UploadError('the connection was lost'));
      xhr.onabort = () => reject(new UploadError('cancelled', { cancelled: true }));
      xhr.send(blob);
    });
  }

  /** After a failed part: waits (backoff), reconnects, asks upload.status where to go on. */
  async #resumeOffset(job, failures) {
    for (let attempt = failures; ; attempt++) {
      this.#setPhase('Connection lost, resuming…', null);
      await wait(Math.min(8000, 250 * 2 ** attempt));
      this.#checkCancelled(job);
      await this.#rpc.ready;
      try {
        return (await this.#rpc.upload.status({ uploadId: job.id })).received;
      } catch (error) {
        if (error.code !== CONNECTION_LOST || attempt > MAX_RETRIES) throw error;
      }
    }
  }

  /** upload.finish; if the connection drops meanwhile, looks at upload.status and finishes or picks up the table. */
  async #finish(job) {
    this.#setPhase('Processing…', null);
    for (let attempt = 0; ; attempt++) {
      this.#checkCancelled(job);
      try {
        return await this.#rpc.upload.finish({ uploadId: job.id });
      } catch (error) {
        if (error.code !== CONNECTION_LOST || attempt >= MAX_RETRIES) throw error;
        await this.#rpc.ready;
        const status = await this.#rpc.upload.status({ uploadId: job.id });
        if (status.phase === 'failed') throw new UploadError(status.message || 'the file could not be loaded');
        if (status.phase === 'ready' && status.table) {
          return { uploadId: job.id, table: await this.#rpc.query.describe({ table: status.table }), warnings: [], changedColumns: [] };
        }
        if (status.phase !== 'receiving') await wait(500);
      }
    }
  }

  #onProgress(p) {
    if (!this.#job || p.uploadId !== this.#job.id) return;
    if (p.phase === 'receiving') this.#bytes(p.bytes, p.totalBytes);
    else if (p.phase === 'parsing') this.#setPhase(`Parsing… ${Math.round(p.percent)}%`, p.percent);
    else if (p.phase === 'loading') this.#setPhase(`Loading rows… ${p.rows.toLocaleString()} rows (${Math.round(p.percent)}%)`, p.percent);
    else if (p.phase === 'ready') this.#setPhase(`Ready: ${p.rows.toLocaleString()} rows`, 100);
  }

  #bytes(sent, total) {
    this.#setPhase(`Uploading ${formatBytes(sent)} of ${formatBytes(total)}`, (sent / total) * 100);
  }

  #setPhase(text, percent) {
    this.#ui.phase.textContent = text;
    this.#ui.cancel.hidden = false;
    if (percent == null) this.#ui.bar.removeAttribute('value');
    else this.#ui.bar.value = Math.min(100, percent);
  }

  #error(text) { this.#ui.error.textContent = text; }

  #pending() {
    try { return JSON.parse(localStorage.getItem(PENDING_KEY)); } catch { return null; }
  }

  /** After a reload: offers to continue an interrupted upload (the browser needs the file again). */
  async #showInterrupted() {
    const saved = this.#pending();
    if (!saved) return;
    await this.#rpc.ready;
    const status = await this.#rpc.upload.status({ uploadId: saved.uploadId }).catch(() => null);
    if (status?.phase !== 'receiving' || this.#job) { if (!this.#job) localStorage.removeItem(PENDING_KEY); return; }
    const discard = el('button', { type: 'button', onclick: () => {
      localStorage.removeItem(PENDING_KEY);
      this.#rpc.upload.abort({ uploadId: saved.uploadId }).catch(() => {});
      this.#ui.resume.hidden = true;
    } }, 'Discard');
    this.#ui.resume.replaceChildren(el('p', {},
      `The upload of “${saved.name}” stopped at ${Math.floor((status.received / saved.size) * 100)}%. Choose the same file again to continue. `,
      el('button', { type: 'button', onclick: () => this.#ui.input.click() }, 'Choose file'), ' ', discard));
    this.#ui.resume.hidden = false;
  }
}
