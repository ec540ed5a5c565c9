// Backend.Local console: vanilla JS, no dependencies.
'use strict';
(() => {
  const $ = (id) => document.getElementById(id);
  const enc = encodeURIComponent;
  const DASH = '–';

  // ---------- helpers ----------
  function h(tag, props, ...kids) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v == null || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of kids.flat()) if (c != null && c !== false) el.append(c instanceof Node ? c : String(c));
    return el;
  }

  async function api(method, path, body) {
    const opts = { method, headers: { Accept: 'application/json' } };
    if (body !== undefined) { opts.body = body; opts.headers['Content-Type'] = 'application/json'; }
    let res;
    try { res = await fetch(path, opts); } catch (e) { throw new Error(`Cannot reach the server (${e.message})`); }
    const text = await res.text();
    let data = null;
    if (text) { try { data = JSON.parse(text); } catch { data = text; } }
    if (!res.ok) {
      let msg = data && typeof data === 'object' && data.message ? String(data.message) : '';
      if (!msg && typeof data === 'string') msg = data.trim().slice(0, 300);
      throw new Error(msg || `${method} ${path} failed: HTTP ${res.status}`);
    }
    return data;
  }

  const num = (v) => (v == null || v === '' ? DASH : String(v));
  const fmtMs = (v) => (v == null || !isFinite(v) ? DASH : String(Math.round(v * 100) / 100));
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  // Accepts ISO 8601 and the "+0000" offset form the API uses for lastModified.
  const parseTime = (s) => (s ? Date.parse(String(s).replace(/([+-]\d\d)(\d\d)$/, '$1:$2')) : NaN);
  function fmtDate(s) { const t = parseTime(s); return isNaN(t) ? (s || DASH) : new Date(t).toLocaleString(); }
  function fmtClock(s) {
    const t = parseTime(s);
    if (isNaN(t)) return s || '';
    const d = new Date(t);
    return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
  }

  // ---------- error line (one element, moved into the current view) ----------
  const errorEl = $('error');
  let current = null;
  function showError(msg, view) {
    if (view && view !== current) return;
    errorEl.textContent = msg;
    errorEl.hidden = false;
  }
  function clearError() { errorEl.textContent = ''; errorEl.hidden = true; }

  // ---------- live streams (EventSource) + connection footer ----------
  const streams = {};
  function setStream(name, state) {
    if (state) streams[name] = state; else delete streams[name];
    const el = $('connection'), names = Object.keys(streams);
    if (!names.length) { el.textContent = 'Live streams: none open'; el.dataset.state = 'idle'; return; }
    el.textContent = 'Live streams: ' + names.map((n) => `${n} ${streams[n]}`).join(', ');
    el.dataset.state = names.every((n) => streams[n] === 'connected') ? 'connected' : 'disconnected';
  }
  function openStream(name, url, onMessage, onOpen) {
    let es = null, closed = false, retry = null;
    function connect() {
      es = new EventSource(url);
      setStream(name, 'connecting…');
      es.onopen = () => { setStream(name, 'connected'); if (onOpen) onOpen(); };
      es.onmessage = (ev) => {
        let data;
        try { data = JSON.parse(ev.data); } catch { return; }
        try { onMessage(data); } catch (e) { console.error(e); }
      };
      es.onerror = () => {
        if (closed) return;
        setStream(name, 'reconnecting…');
        // The browser retries by itself unless the stream is CLOSED (e.g. non-200): retry manually then.
        if (es.readyState === EventSource.CLOSED) retry = setTimeout(connect, 3000);
      };
    }
    connect();
    return { close() { closed = true; clearTimeout(retry); if (es) es.close(); setStream(name, null); } };
  }

  // ---------- Functions view ----------
  const FunctionsView = (() => {
    const body = $('fn-body');
    let timer = null;
    const td = (text, cls, col) => h('td', { class: cls, 'data-col': col }, text);
    function row(f) {
      const s = f.stats || {}, inst = f.instances || {};
      return h('tr', { 'data-testid': 'function-row', 'data-name': f.name },
        h('td', { 'data-col': 'name' }, h('a', { href: '#test/' + enc(f.name), 'data-testid': 'function-link' }, f.name)),
        td(num(f.runtime), null, 'runtime'),
        td(num(f.handler), null, 'handler'),
        td(num(f.memorySize), 'num', 'memory'),
        td(num(f.timeout), 'num', 'timeout'),
        h('td', { 'data-col': 'lastModified', title: f.lastModified || null }, fmtDate(f.lastModified)),
        td(`${inst.idle ?? 0} / ${inst.busy ?? 0}`, null, 'instances'),
        td(num(s.invocations ?? 0), 'num', 'invocations'),
        td(num(s.errors ?? 0), s.errors > 0 ? 'num fail' : 'num', 'errors'),
        td(num(s.throttles ?? 0), 'num', 'throttles'),
        td(num(s.coldStarts ?? 0), 'num', 'coldStarts'),
        td(fmtMs(s.p50), 'num', 'p50'),
        td(fmtMs(s.p99), 'num', 'p99'));
    }
    async function refresh() {
      try {
        const data = await api('GET', '/api/functions');
        if (current !== 'functions') return;
        clearError();
        const fns = (data && data.functions) || [];
        body.replaceChildren(...(fns.length ? fns.map(row)
          : [h('tr', {}, h('td', { colspan: 13, class: 'muted' }, 'No functions.'))]));
        $('fn-updated').textContent = 'Updated ' + new Date().toLocaleTimeString();
      } catch (e) { showError(e.message, 'functions'); }
    }
    return {
      enter() { refresh(); timer = setInterval(refresh, 5000); },
      leave() { clearInterval(timer); timer = null; },
    };
  })();

  // ---------- Test view ----------
  const TestView = (() => {
    const fnSel = $('test-function'), evSel = $('test-event'), editor = $('test-editor'), jsonErr = $('json-error');
    const invokeBtn = $('invoke'), running = $('running'), saveName = $('save-name'), saveBtn = $('save'), saveStatus = $('save-status');
    const resultEl = $('result');
    let fn = null, events = [], busy = false, jsonOk = false;

    function validate() {
      try {
        JSON.parse(editor.value);
        jsonOk = true; jsonErr.textContent = ''; jsonErr.hidden = true;
      } catch (e) {
        jsonOk = false; jsonErr.textContent = 'Invalid JSON: ' + e.message; jsonErr.hidden = false;
      }
      editor.classList.toggle('invalid', !jsonOk);
      invokeBtn.disabled = busy || !jsonOk || !fn;
    }
    function setEditor(value) { editor.value = JSON.stringify(value === undefined ? {} : value, null, 2); validate(); }

    async function enter(arg) {
      let names;
      try { names = (((await api('GET', '/api/functions')) || {}).functions || []).map((f) => f.name); }
      catch (e) { showError(e.message, 'test'); return; }
      fnSel.replaceChildren(...(names.length ? names.map((n) => h('option', { value: n }, n))
        : [h('option', { value: '' }, '(no functions)')]));
      if (!names.length) { fn = null; validate(); return; }
      if (arg && !names.includes(arg)) showError(`Unknown function: ${arg}`, 'test');
      const pick = arg && names.includes(arg) ? arg : (fn && names.includes(fn) ? fn : names[0]);
      if (pick !== fn) await selectFunction(pick); else fnSel.value = fn;
    }

    async function selectFunction(name) {
      fn = name;
      fnSel.value = name;
      history.replaceState(null, '', '#test/' + enc(name));
      resultEl.hidden = true;
      saveStatus.textContent = '';
      await loadEvents(null);
    }

    // Reloads the event list; selects `want` ({name, source}) or the first event, and loads it into the editor.
    async function loadEvents(want) {
      const forFn = fn;
      let data;
      try { data = await api('GET', `/api/functions/${enc(forFn)}/events`); }
      catch (e) { showError(e.message, 'test'); return; }
      if (forFn !== fn) return;
      events = (data && data.events) || [];
      evSel.replaceChildren(...(events.length
        ? events.map((ev) => h('option', { value: ev.name }, ev.name + (ev.source === 'saved' ? ' (saved)' : '')))
        : [h('option', { value: '' }, '(no events)')]));
      if (!events.length) { setEditor({}); return; }
      let idx = 0;
      if (want) {
        idx = events.findIndex((ev) => ev.name === want.name && ev.source === want.source);
        if (idx < 0) idx = Math.max(0, events.findIndex((ev) => ev.name === want.name));
      }
      evSel.selectedIndex = idx;
      loadEvent(idx);
    }

    function loadEvent(idx) {
      const ev = events[idx];
      if (!ev) return;
      setEditor(ev.event);
      if (ev.source === 'saved') saveName.value = ev.name;
    }

    async function save() {
      if (!fn) return;
      clearError();
      saveStatus.textContent = '';
      const name = saveName.value.trim();
      if (!name) { showError('Enter a name for the event before saving.', 'test'); saveName.focus(); return; }
      saveBtn.disabled = true;
      try {
        const r = await api('PUT', `/api/functions/${enc(fn)}/events/${enc(name)}`, editor.value);
        const saved = (r && r.name) || name;
        await loadEvents({ name: saved, source: 'saved' });
        saveStatus.textContent = `Saved “${saved}”.`;
      } catch (e) { showError(e.message, 'test'); }
      finally { saveBtn.disabled = false; }
    }

    async function invoke() {
      if (busy || !jsonOk || !fn) return;
      clearError();
      busy = true; running.hidden = false; resultEl.hidden = true; validate();
      try {
        renderResult((await api('POST', `/api/functions/${enc(fn)}/invoke`, editor.value)) || {});
      } catch (e) { showError(e.message, 'test'); }
      finally { busy = false; running.hidden = true; validate(); }
    }

    function renderResult(r) {
      const ok = r.status === 'succeeded';
      const status = $('result-status'), err = $('result-error');
      status.textContent = ok ? 'Execution succeeded' : 'Execution failed';
      status.className = ok ? 'ok' : 'fail';
      resultEl.classList.toggle('failed', !ok);
      const errText = [r.errorType, r.errorMessage].filter((x) => x != null && x !== '').join(': ');
      err.textContent = errText;
      err.hidden = ok || !errText;
      $('result-body').textContent = typeof r.result === 'string' ? r.result
        : r.result === undefined ? '' : JSON.stringify(r.result, null, 2);
      const s = r.summary || {};
      $('summary-request-id').textContent = s.requestId || DASH;
      $('summary-duration').textContent = fmtMs(s.duration);
      $('summary-billed').textContent = num(s.billedDuration);
      $('summary-init').textContent = fmtMs(s.initDuration);
      $('summary-memory-size').textContent = num(s.memorySize);
      $('summary-max-memory').textContent = num(s.maxMemoryUsed);
      $('summary-cold').textContent = s.cold ? 'yes' : 'no';
      $('result-log').textContent = r.log || '';
      resultEl.hidden = false;
    }

    fnSel.addEventListener('change', () => { clearError(); if (fnSel.value) selectFunction(fnSel.value); });
    evSel.addEventListener('change', () => loadEvent(evSel.selectedIndex));
    editor.addEventListener('input', validate);
    editor.addEventListener('keydown', (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); invoke(); } });
    invokeBtn.addEventListener('click', invoke);
    saveBtn.addEventListener('click', save);
    saveName.addEventListener('keydown', (e) => { if (e.key === 'Enter') save(); });
    validate();

    return { enter, leave() {}, update(arg) { if (arg && arg !== fn) enter(arg); } };
  })();

  // ---------- Monitor view ----------
  const MonitorView = (() => {
    const WINDOW = 120000;
    const hist = new Map(); // function name -> [{t, inv, err, thr, cold, p50, p99, conc}]
    const cards = new Map();
    const box = $('monitor-cards'), empty = $('monitor-empty');
    let stream = null, lastT = Date.now();
    const CHARTS = [
      { id: 'invocations', title: 'Invocations / s', series: [{ k: 'inv', label: 'invocations', cls: 's-inv' }] },
      { id: 'errors', title: 'Errors / s', series: [{ k: 'err', label: 'errors', cls: 's-err' }] },
      { id: 'duration', title: 'Duration (ms)', series: [{ k: 'p50', label: 'p50', cls: 's-p50' }, { k: 'p99', label: 'p99', cls: 's-p99' }] },
      { id: 'concurrent', title: 'Concurrent executions', series: [{ k: 'conc', label: 'concurrent', cls: 's-conc' }] },
      { id: 'cold-starts', title: 'Cold starts / s', series: [{ k: 'cold', label: 'cold starts', cls: 's-cold' }] },
    ];
    const W = 300, H = 130, L = 40, R = 290, T = 28, B = 110;

    function niceMax(v) {
      if (!(v > 0)) return 1;
      const p = Math.pow(10, Math.floor(Math.log10(v)));
      for (const m of [1, 2, 5, 10]) if (m * p >= v) return m * p;
      return 10 * p;
    }

    function chartSvg(ch, pts) {
      let max = 0;
      for (const p of pts) for (const s of ch.series) if (p[s.k] != null && p[s.k] > max) max = p[s.k];
      const top = niceMax(max);
      const x = (t) => (L + ((t - (lastT - WINDOW)) / WINDOW) * (R - L)).toFixed(1);
      const y = (v) => (B - (Math.min(v, top) / top) * (B - T)).toFixed(1);
      let lines = '';
      for (const s of ch.series) {
        // One polyline per run of non-null values (p50/p99 are null for seconds without invocations).
        const segs = [[]];
        for (const p of pts) {
          const v = p[s.k];
          if (v == null) { if (segs[segs.length - 1].length) segs.push([]); } else segs[segs.length - 1].push(`${x(p.t)},${y(v)}`);
        }
        for (const seg of segs) {
          if (seg.length === 1) seg.push(seg[0]); // round line caps draw a dot
          lines += `<polyline class="${s.cls}" data-series="${s.k}" points="${seg.join(' ')}"/>`;
        }
      }
      const legend = ch.series.length < 2 ? '' : ch.series.map((s, i) => {
        const lx = R - 80 + i * 42;
        return `<line class="legend ${s.cls}" x1="${lx}" y1="11" x2="${lx + 12}" y2="11"/><text x="${lx + 15}" y="14">${s.label}</text>`;
      }).join('');
      return `<figure class="chart"><svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${ch.title}" data-testid="monitor-chart" data-chart="${ch.id}">`
        + `<text class="title" x="6" y="14">${ch.title}</text>${legend}`
        + `<line class="gridline" x1="${L}" y1="${T}" x2="${R}" y2="${T}"/>`
        + `<line class="axis" x1="${L}" y1="${T - 4}" x2="${L}" y2="${B}"/><line class="axis" x1="${L}" y1="${B}" x2="${R}" y2="${B}"/>`
        + `<text class="max" x="${L - 4}" y="${T + 3}" text-anchor="end">${Number(top.toPrecision(3))}</text>`
        + `<text x="${L - 4}" y="${B + 3}" text-anchor="end">0</text>`
        + `<text x="${L}" y="${B + 14}">−120 s</text><text x="${R}" y="${B + 14}" text-anchor="end">now</text>`
        + `${lines}</svg></figure>`;
    }

    function makeCard(name) {
      const stat = (tid) => h('strong', { 'data-testid': tid }, '0');
      const c = { inv: stat('monitor-invocations'), err: stat('monitor-errors'), thr: stat('monitor-throttles'), cold: stat('monitor-cold-starts') };
      c.charts = h('div', { class: 'charts' });
      c.el = h('div', { class: 'card', 'data-testid': 'monitor-card', 'data-name': name },
        h('div', { class: 'card-head' }, h('h3', {}, name),
          h('span', { class: 'stats' }, 'Invocations ', c.inv, ' · Errors ', c.err, ' · Throttles ', c.thr, ' · Cold starts ', c.cold),
          h('span', { class: 'muted small' }, 'totals over the last 120 s')),
        c.charts);
      return c;
    }

    function render() {
      const names = [...hist.keys()].sort();
      empty.hidden = names.length > 0;
      for (const name of names) {
        let c = cards.get(name);
        if (!c) { c = makeCard(name); cards.set(name, c); }
        box.append(c.el); // (re)appending keeps the cards sorted
        const pts = hist.get(name);
        const sum = (k) => pts.reduce((a, p) => a + p[k], 0);
        c.inv.textContent = sum('inv');
        c.err.textContent = sum('err');
        c.err.classList.toggle('fail', sum('err') > 0);
        c.thr.textContent = sum('thr');
        c.cold.textContent = sum('cold');
        c.charts.innerHTML = CHARTS.map((ch) => chartSvg(ch, pts)).join('');
      }
    }

    function onMetrics(m) {
      const t = parseTime(m.time);
      lastT = isNaN(t) ? Date.now() : t;
      const seen = new Set();
      const add = (name, p) => { if (!hist.has(name)) hist.set(name, []); hist.get(name).push(p); };
      for (const f of m.functions || []) {
        if (!f || f.name == null) continue;
        seen.add(f.name);
        add(f.name, { t: lastT, inv: +f.invocations || 0, err: +f.errors || 0, thr: +f.throttles || 0,
          cold: +f.coldStarts || 0, p50: f.p50 ?? null, p99: f.p99 ?? null, conc: +f.concurrent || 0 });
      }
      // Functions absent from this second's message had no activity.
      for (const name of hist.keys()) {
        if (!seen.has(name)) add(name, { t: lastT, inv: 0, err: 0, thr: 0, cold: 0, p50: null, p99: null, conc: 0 });
      }
      for (const [name, pts] of hist) hist.set(name, pts.filter((p) => p.t > lastT - WINDOW && p.t <= lastT));
      render();
    }

    return {
      enter() {
        api('GET', '/api/functions').then((d) => {
          for (const f of (d && d.functions) || []) if (!hist.has(f.name)) hist.set(f.name, []);
          if (current === 'monitor') render();
        }).catch((e) => showError(e.message, 'monitor'));
        stream = openStream('metrics', '/api/metrics', onMetrics);
        render();
      },
      leave() { if (stream) stream.close(); stream = null; },
    };
  })();

  // ---------- Logs view ----------
  const LogsView = (() => {
    const MAX = 2000;
    const list = $('log-list'), fnSel = $('log-function'), lvlSel = $('log-level'), textIn = $('log-text'), countEl = $('log-count');
    const PLATFORM = /^(START|END|REPORT|INIT_START|INIT_REPORT)\b/;
    const LEVELS = { error: 'ERROR', fail: 'ERROR', fatal: 'ERROR', crit: 'ERROR', critical: 'ERROR', warn: 'WARN', warning: 'WARN',
      info: 'INFO', information: 'INFO', debug: 'DEBUG', dbug: 'DEBUG', trace: 'TRACE', trce: 'TRACE' };
    const LEVEL_RE = new RegExp(`\\b(${Object.keys(LEVELS).join('|')})\\b`, 'i');
    const FIELDS = ['timestamp', 'level', 'requestId', 'message'];
    const fnSeen = new Set();
    let entries = [], pending = [], timer = null, stream = null, stick = true;

    const normLevel = (s) => LEVELS[String(s).toLowerCase()] || String(s).toUpperCase();
    const str = (v) => (typeof v === 'string' ? v : JSON.stringify(v));

    function makeEntry(d) {
      const line = String(d.line ?? '').replace(/\s+$/, '');
      const e = { time: d.time, fn: d.function || '', line, lower: line.toLowerCase(), json: null, level: '', node: null };
      if (line.startsWith('{')) {
        try { const o = JSON.parse(line); if (o && typeof o === 'object' && !Array.isArray(o)) e.json = o; } catch { /* plain text */ }
      }
      if (e.json) { if (e.json.level != null) e.level = normLevel(e.json.level); }
      else if (!PLATFORM.test(line)) { const m = LEVEL_RE.exec(line); if (m) e.level = normLevel(m[1]); }
      return e;
    }

    function node(e) {
      if (e.node) return e.node;
      let content;
      if (e.json) {
        content = h('span', { class: 'log-json' });
        for (const k of FIELDS) if (e.json[k] != null) content.append(h('span', { class: 'f-' + k.toLowerCase(), 'data-field': k }, str(e.json[k])));
        for (const [k, v] of Object.entries(e.json)) if (!FIELDS.includes(k)) content.append(h('span', { class: 'f-kv', 'data-field': k }, `${k}=${str(v)}`));
      } else content = h('span', { class: 'log-text' }, e.line);
      const cls = 'log-line' + (PLATFORM.test(e.line) ? ' platform' : '') + (e.level ? ' lvl-' + e.level.toLowerCase() : '');
      e.node = h('div', { class: cls, 'data-testid': 'log-line', 'data-function': e.fn, 'data-level': e.level || null },
        h('span', { class: 'log-time', title: e.time || null }, fmtClock(e.time)),
        h('span', { class: 'log-fn' }, e.fn), content);
      return e.node;
    }

    function matches(e) {
      const f = fnSel.value, lv = lvlSel.value, q = textIn.value.trim().toLowerCase();
      return (!f || e.fn === f) && (!lv || e.level === lv) && (!q || e.lower.includes(q));
    }

    function addFn(name) {
      if (!name || fnSeen.has(name)) return;
      fnSeen.add(name);
      const v = fnSel.value;
      fnSel.replaceChildren(h('option', { value: '' }, 'All'), ...[...fnSeen].sort().map((n) => h('option', { value: n }, n)));
      fnSel.value = v;
    }

    function afterChange() {
      countEl.textContent = `${list.childElementCount} of ${entries.length} lines`;
      if (stick) list.scrollTop = list.scrollHeight;
    }

    function flush() {
      timer = null;
      const batch = pending;
      pending = [];
      const frag = document.createDocumentFragment();
      for (const e of batch) { addFn(e.fn); entries.push(e); if (matches(e)) frag.append(node(e)); }
      if (entries.length > MAX) for (const old of entries.splice(0, entries.length - MAX)) if (old.node) old.node.remove();
      list.append(frag);
      afterChange();
    }

    function rerender() { list.replaceChildren(...entries.filter(matches).map(node)); afterChange(); }
    function clear() { entries = []; pending = []; list.replaceChildren(); afterChange(); }

    list.addEventListener('scroll', () => { stick = list.scrollHeight - list.scrollTop - list.clientHeight < 30; });
    fnSel.addEventListener('change', rerender);
    lvlSel.addEventListener('change', rerender);
    textIn.addEventListener('input', rerender);
    $('log-clear').addEventListener('click', clear);
    afterChange();

    return {
      enter() {
        api('GET', '/api/functions').then((d) => { for (const f of (d && d.functions) || []) addFn(f.name); })
          .catch((e) => showError(e.message, 'logs'));
        // The server replays recent lines on every (re)connect: start from an empty list each time.
        stream = openStream('logs', '/api/logs', (d) => {
          pending.push(makeEntry(d));
          if (!timer) timer = setTimeout(flush, 30);
        }, clear);
        afterChange();
      },
      leave() { if (stream) stream.close(); stream = null; },
    };
  })();

  // ---------- shared JSON helpers (APIs, DynamoDB) ----------
  const pretty = (v) => JSON.stringify(v, null, 2);
  function prettyText(s) {
    if (s == null) return '';
    if (typeof s !== 'string') return pretty(s);
    try { return pretty(JSON.parse(s)); } catch { return s; }
  }
  // Checks that a field holds a JSON object; shows the problem under it and returns false when not.
  function checkJson(field, errEl, what) {
    let msg = '';
    try {
      const v = JSON.parse(field.value);
      if (!v || typeof v !== 'object' || Array.isArray(v)) msg = `${what} must be a JSON object.`;
    } catch (e) { msg = 'Invalid JSON: ' + e.message; }
    errEl.textContent = msg;
    errEl.hidden = !msg;
    field.classList.toggle('invalid', !!msg);
    return !msg;
  }

  // ---------- APIs view ----------
  const ApisView = (() => {
    const list = $('api-list'), empty = $('apis-empty');
    const NO_BODY = ['GET', 'DELETE', 'HEAD'];
    const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
    let loaded = null;

    function validatorCell(v) {
      if (!v) return h('td', { class: 'muted' }, 'none');
      const parts = [];
      if (v.requiredQuery && v.requiredQuery.length) parts.push('query: ' + v.requiredQuery.join(', '));
      if (v.requiredHeaders && v.requiredHeaders.length) parts.push('headers: ' + v.requiredHeaders.join(', '));
      if (v.bodyModel) parts.push('body: ' + v.bodyModel);
      const cell = h('td', { 'data-col': 'validator' }, parts.length ? parts.join(' · ') : h('span', { class: 'muted' }, 'no requirements'));
      if (v.bodySchema) {
        const pre = h('pre', { class: 'schema', 'data-testid': 'schema', hidden: true }, pretty(v.bodySchema));
        const btn = h('button', { type: 'button', class: 'link', 'data-testid': 'schema-toggle', onclick: () => {
          pre.hidden = !pre.hidden;
          btn.textContent = pre.hidden ? 'Show schema' : 'Hide schema';
        } }, 'Show schema');
        cell.append(' ', btn, pre);
      }
      return cell;
    }

    function section(a) {
      const base = a.basePath || '', routes = a.routes || [];
      const sec = h('section', { class: 'api', 'data-testid': 'api', 'data-id': a.logicalId });
      const row = (r) => {
        const tr = h('tr', { 'data-testid': 'route', 'data-method': r.method, 'data-path': r.path },
          h('td', { class: 'mono' }, r.method),
          h('td', { class: 'mono' }, base + r.path),
          h('td', {}, r.function || DASH),
          validatorCell(r.validator),
          h('td', {}, h('button', { type: 'button', 'data-testid': 'try-route', onclick: () => openForm(sec, tr, base, r) }, 'Try')));
        return tr;
      };
      sec.append(h('h3', {}, `${a.logicalId} — ${a.kind}, stage ${a.stage}`),
        h('div', { class: 'scroll-x' }, h('table', { class: 'grid' },
          h('thead', {}, h('tr', {}, h('th', {}, 'Method'), h('th', {}, 'Path'), h('th', {}, 'Function'), h('th', {}, 'Validator'), h('th', {}))),
          h('tbody', {}, routes.length ? routes.map(row) : h('tr', {}, h('td', { colspan: 5, class: 'muted' }, 'No routes.'))))));
      return sec;
    }

    function parseHeaders(text) {
      const out = {};
      for (const [i, line] of text.split('\n').entries()) {
        if (!line.trim()) continue;
        const c = line.indexOf(':');
        if (c < 1) throw new Error(`Header line ${i + 1} is not “Name: value”.`);
        out[line.slice(0, c).trim()] = line.slice(c + 1).trim();
      }
      return out;
    }

    function openForm(sec, tr, base, r) {
      clearError();
      const old = list.querySelector('.request');
      if (old) old.remove();
      for (const el of list.querySelectorAll('tr.selected')) el.classList.remove('selected');
      tr.classList.add('selected');

      const v = r.validator || {};
      const field = (label, ...kids) => h('div', { class: 'field' }, h('span', { class: 'field-label' }, label), ...kids);
      const params = (r.pathParameters || []).map((p) => h('input', { 'data-testid': 'path-param', 'data-name': p, 'aria-label': p, autocomplete: 'off' }));
      const methodSel = r.method === 'ANY' ? h('select', { 'data-testid': 'request-method', 'aria-label': 'Method' }, METHODS.map((m) => h('option', {}, m))) : null;
      const query = h('input', { 'data-testid': 'request-query', 'aria-label': 'Query string', autocomplete: 'off', placeholder: 'a=1&b=2',
        value: (v.requiredQuery || []).map((q) => q + '=').join('&') });
      const headers = h('textarea', { class: 'short', 'data-testid': 'request-headers', 'aria-label': 'Headers', spellcheck: 'false', rows: 3, placeholder: 'Name: value' });
      headers.value = (v.requiredHeaders || []).map((n) => n + ': ').join('\n');
      const body = h('textarea', { 'data-testid': 'request-body', 'aria-label': 'Body', spellcheck: 'false', rows: 8 });
      const bodyField = field('Body', body);
      const verb = () => (methodSel ? methodSel.value : r.method).toUpperCase();
      const syncBody = () => { bodyField.hidden = NO_BODY.includes(verb()); };
      const sendBtn = h('button', { type: 'button', class: 'primary', 'data-testid': 'send' }, 'Send');
      const sending = h('span', { class: 'muted', hidden: true }, 'Sending…');

      const status = h('strong', { 'data-testid': 'response-status' });
      const respHeaders = h('pre', { 'data-testid': 'response-headers' });
      const respBody = h('pre', { 'data-testid': 'response-body' });
      const event = h('pre', { 'data-testid': 'response-event' });
      const proxy = h('pre', { 'data-testid': 'response-proxy' });
      const curl = h('code', { 'data-testid': 'response-curl' });
      const copyBtn = h('button', { type: 'button', 'data-testid': 'copy-curl' }, 'Copy');
      const resp = h('div', { class: 'response', 'data-testid': 'response', hidden: true },
        h('div', { class: 'response-cols' },
          h('div', {}, h('h4', {}, 'HTTP response'), h('div', {}, 'Status ', status),
            h('h5', {}, 'Headers'), respHeaders, h('h5', {}, 'Body'), respBody),
          h('div', {}, h('h4', {}, 'Event the function received'), event),
          h('div', {}, h('h4', {}, 'Proxy response it returned'), proxy)),
        h('div', { class: 'curl' }, curl, copyBtn));

      function show(res) {
        status.textContent = res.status ?? DASH;
        status.className = res.status >= 200 && res.status < 300 ? 'ok' : 'fail';
        const hs = Object.entries(res.headers || {});
        respHeaders.textContent = hs.length ? hs.map(([k, x]) => `${k}: ${Array.isArray(x) ? x.join(', ') : x}`).join('\n') : '(none)';
        respBody.textContent = prettyText(res.body);
        event.textContent = res.event == null ? 'No function ran' : pretty(res.event);
        proxy.textContent = res.proxyResponse == null ? 'No function ran' : pretty(res.proxyResponse);
        curl.textContent = res.curl || '';
        resp.hidden = false;
      }

      async function send() {
        clearError();
        const vals = Object.fromEntries(params.map((p) => [p.dataset.name, p.value]));
        // {name} -> encoded value; a greedy {name+} keeps its slashes (each segment is encoded).
        const path = base + r.path.replace(/\{([^}]+)\}/g, (_, name) => {
          const val = vals[name] ?? vals[name.replace(/\+$/, '')] ?? '';
          return name.endsWith('+') ? val.split('/').map(enc).join('/') : enc(val);
        });
        let req;
        try {
          req = { method: verb(), path, query: query.value.trim().replace(/^\?/, ''), headers: parseHeaders(headers.value),
            body: bodyField.hidden || body.value === '' ? null : body.value };
        } catch (e) { showError(e.message, 'apis'); return; }
        sendBtn.disabled = true; sending.hidden = false;
        try { show((await api('POST', '/api/apis/send', JSON.stringify(req))) || {}); }
        catch (e) { showError(e.message, 'apis'); }
        finally { sendBtn.disabled = false; sending.hidden = true; }
      }

      async function copy() {
        try {
          if (!navigator.clipboard) throw new Error('no clipboard API');
          await navigator.clipboard.writeText(curl.textContent);
          copyBtn.textContent = 'Copied';
        } catch {
          getSelection().selectAllChildren(curl); // let the user copy it by hand
          copyBtn.textContent = 'Selected';
        }
        setTimeout(() => { copyBtn.textContent = 'Copy'; }, 1500);
      }

      sendBtn.addEventListener('click', send);
      copyBtn.addEventListener('click', copy);
      if (methodSel) methodSel.addEventListener('change', syncBody);
      syncBody();
      const form = h('div', { class: 'request', 'data-testid': 'request-form', 'data-method': r.method, 'data-path': r.path },
        h('h3', {}, `${r.method} ${base}${r.path}`),
        methodSel && field('Method', methodSel),
        params.length > 0 && field('Path parameters', h('div', { class: 'toolbar' }, params.map((p) => h('label', {}, p.dataset.name, p)))),
        field('Query string', query), field('Headers (one “Name: value” per line)', headers), bodyField,
        h('div', { class: 'toolbar' }, sendBtn, sending), resp);
      sec.append(form);
      (params[0] || query).focus();
    }

    return {
      async enter() {
        let data;
        try { data = await api('GET', '/api/apis'); } catch (e) { showError(e.message, 'apis'); return; }
        const json = JSON.stringify(data);
        if (json === loaded) return; // unchanged: keep an open request form
        loaded = json;
        const apis = (data && data.apis) || [];
        empty.hidden = apis.length > 0;
        list.replaceChildren(...apis.map(section));
      },
      leave() {},
    };
  })();

  // ---------- DynamoDB view ----------
  const DynamoView = (() => {
    const PAGE = 25;
    const tablesBody = $('tables-body'), note = $('tables-message'), detail = $('table-detail'), itemsBody = $('items-body');
    const firstBtn = $('items-first'), nextBtn = $('items-next'), pageInfo = $('items-page');
    const lookupKey = $('lookup-key'), lookupErr = $('lookup-json-error'), lookupResult = $('lookup-result');
    const editor = $('item-editor'), editorErr = $('item-json-error'), saveBtn = $('item-save'), saveStatus = $('item-save-status');
    const confirmBox = $('confirm');
    let tables = [], sel = null, page = { token: null, n: 1 }, next = null, pendingDelete = null, seq = 0;

    const path = (t, rest) => `/api/tables/${enc(t)}/${rest}`;
    const keyText = (t) => (t.key || []).map((k) => `${k.name} (${k.type}, ${String(k.keyType).toLowerCase()})`).join(', ');
    const skeleton = (t) => Object.fromEntries((t.key || []).map((k) => [k.name, k.type === 'N' ? 0 : '']));
    const keyOf = (item) => Object.fromEntries(((sel && sel.key) || []).map((k) => [k.name, item[k.name]]));

    function tableRow(t) {
      const href = '#dynamodb/' + enc(t.name);
      return h('tr', { 'data-testid': 'table', 'data-name': t.name, class: 'clickable' + (sel && sel.name === t.name ? ' selected' : ''),
        onclick: () => { location.hash = href; } },
      h('td', {}, h('a', { href }, t.name)), h('td', { class: 'mono' }, keyText(t)), h('td', { class: 'num' }, num(t.itemCount)));
    }

    async function loadTables() {
      let data;
      try { data = await api('GET', '/api/tables'); } catch (e) { showError(e.message, 'dynamodb'); return false; }
      tables = (data && data.tables) || [];
      note.textContent = (data && data.message) || '';
      note.hidden = !note.textContent;
      if (sel) sel = tables.find((t) => t.name === sel.name) || null;
      detail.hidden = !sel;
      tablesBody.replaceChildren(...(tables.length ? tables.map(tableRow) : [h('tr', {}, h('td', { colspan: 3, class: 'muted' }, 'No tables.'))]));
      return true;
    }

    function itemRow(item) {
      const key = keyOf(item);
      return h('tr', { 'data-testid': 'item', 'data-key': JSON.stringify(key) },
        h('td', { class: 'item-json' }, JSON.stringify(item)),
        h('td', { class: 'actions' },
          h('button', { type: 'button', 'data-testid': 'item-edit', onclick: () => {
            editor.value = pretty(item); checkJson(editor, editorErr, 'The item'); saveStatus.textContent = ''; editor.focus();
          } }, 'Edit'), ' ',
          h('button', { type: 'button', 'data-testid': 'item-delete', onclick: () => askDelete(key) }, 'Delete')));
    }

    async function loadItems(token, n) {
      if (!sel) return;
      const my = ++seq;
      let data;
      try { data = await api('GET', path(sel.name, `items?limit=${PAGE}`) + (token ? '&next=' + enc(token) : '')); }
      catch (e) { showError(e.message, 'dynamodb'); return; }
      if (my !== seq) return;
      page = { token, n };
      next = (data && data.next) || null;
      const items = (data && data.items) || [];
      itemsBody.replaceChildren(...(items.length ? items.map(itemRow) : [h('tr', {}, h('td', { colspan: 2, class: 'muted' }, 'No items.'))]));
      nextBtn.disabled = !next;
      firstBtn.disabled = !token;
      pageInfo.textContent = `Page ${n}`;
    }

    async function refresh() { if (await loadTables()) await loadItems(page.token, page.n); }

    async function select(name) {
      let t = tables.find((x) => x.name === name);
      if (!t && await loadTables()) t = tables.find((x) => x.name === name);
      if (!t) { showError(`Unknown table: ${name}`, 'dynamodb'); return; }
      if (!sel || sel.name !== name) {
        lookupKey.value = JSON.stringify(skeleton(t));
        editor.value = pretty(skeleton(t));
        for (const [f, err] of [[lookupKey, lookupErr], [editor, editorErr]]) { err.hidden = true; f.classList.remove('invalid'); }
        lookupResult.hidden = true;
        saveStatus.textContent = '';
        confirmBox.hidden = true;
        pendingDelete = null;
      }
      sel = t;
      $('table-title').textContent = name;
      detail.hidden = false;
      for (const tr of tablesBody.querySelectorAll('tr[data-name]')) tr.classList.toggle('selected', tr.dataset.name === name);
      await loadItems(null, 1);
    }

    function askDelete(key) {
      pendingDelete = { table: sel.name, key };
      $('confirm-text').textContent = `Delete the item with key ${JSON.stringify(key)} from ${sel.name}?`;
      confirmBox.hidden = false;
      $('confirm-no').focus();
    }

    async function confirmDelete() {
      const p = pendingDelete;
      pendingDelete = null;
      confirmBox.hidden = true;
      if (!p) return;
      clearError();
      try { await api('POST', path(p.table, 'delete'), JSON.stringify(p.key)); } catch (e) { showError(e.message, 'dynamodb'); }
      await refresh();
    }

    async function lookup() {
      if (!sel || !checkJson(lookupKey, lookupErr, 'The key')) return;
      clearError();
      try {
        // The text is sent as typed, so large numbers keep their precision.
        const r = await api('POST', path(sel.name, 'get'), lookupKey.value);
        lookupResult.textContent = r && r.item ? pretty(r.item) : 'Not found';
        lookupResult.hidden = false;
      } catch (e) { showError(e.message, 'dynamodb'); }
    }

    async function save() {
      saveStatus.textContent = '';
      if (!sel || !checkJson(editor, editorErr, 'The item')) return;
      clearError();
      saveBtn.disabled = true;
      try {
        await api('PUT', path(sel.name, 'items'), editor.value);
        saveStatus.textContent = 'Saved.';
        await refresh();
      } catch (e) { showError(e.message, 'dynamodb'); }
      finally { saveBtn.disabled = false; }
    }

    firstBtn.addEventListener('click', () => loadItems(null, 1));
    nextBtn.addEventListener('click', () => { if (next) loadItems(next, page.n + 1); });
    $('tables-refresh').addEventListener('click', () => { clearError(); refresh(); });
    $('lookup').addEventListener('click', lookup);
    $('item-save').addEventListener('click', save);
    $('confirm-yes').addEventListener('click', confirmDelete);
    $('confirm-no').addEventListener('click', () => { pendingDelete = null; confirmBox.hidden = true; });
    editor.addEventListener('input', () => { saveStatus.textContent = ''; checkJson(editor, editorErr, 'The item'); });
    lookupKey.addEventListener('input', () => checkJson(lookupKey, lookupErr, 'The key'));

    return {
      async enter(arg) {
        if (!(await loadTables())) return;
        if (arg || sel) await select(arg || sel.name);
      },
      leave() {},
      update(arg) { if (arg && (!sel || sel.name !== arg)) select(arg); },
    };
  })();

  // ---------- routing ----------
  const views = { functions: FunctionsView, test: TestView, monitor: MonitorView, logs: LogsView, apis: ApisView, dynamodb: DynamoView };

  function parseHash() {
    const raw = location.hash.replace(/^#\/?/, '');
    const i = raw.indexOf('/');
    const name = (i < 0 ? raw : raw.slice(0, i)).toLowerCase();
    let arg = i < 0 ? '' : raw.slice(i + 1);
    try { arg = decodeURIComponent(arg); } catch { /* keep as is */ }
    return views[name] ? { name, arg } : { name: 'functions', arg: '' };
  }

  function route() {
    const { name, arg } = parseHash();
    if (name === current) { if (views[name].update) views[name].update(arg); return; }
    if (current) { views[current].leave(); $('view-' + current).hidden = true; }
    clearError();
    current = name;
    const section = $('view-' + name);
    section.querySelector('.error-slot').append(errorEl);
    section.hidden = false;
    for (const b of document.querySelectorAll('.tab')) {
      const on = b.dataset.view === name;
      b.classList.toggle('active', on);
      if (on) b.setAttribute('aria-current', 'page'); else b.removeAttribute('aria-current');
    }
    views[name].enter(arg);
  }

  for (const b of document.querySelectorAll('.tab')) b.addEventListener('click', () => { location.hash = '#' + b.dataset.view; });
  window.addEventListener('hashchange', route);
  route();
})();
