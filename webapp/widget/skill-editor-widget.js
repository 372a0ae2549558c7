/*
 * <skill-editor-widget>: the Skill Broker's Webex Contact Center Desktop widget.
 *
 * A Web Component (Shadow DOM) in plain JavaScript: no framework, no build step. The Desktop sets
 *   access-token  = $STORE.auth.accessToken  (renewed by the Desktop; read afresh for every call, never stored)
 *   broker-url    = the broker's public URL, e.g. https://broker.example.com/skill-broker
 *   dark-mode     = $STORE.app.darkMode       (optional, "true"/"false")
 *   org-id        = $STORE.agent.orgId        (optional, informational)
 * It calls the broker's /api/skill-profiles with the supervisor's own token; the admin token stays on the server.
 * Everything shown is built with textContent: nothing from the network is ever parsed as HTML.
 */
(() => {
  'use strict';

  const TAG = 'skill-editor-widget';
  if (customElements.get(TAG)) {
    return;
  }

  const STYLE = `
:host { display: block; height: 100%; container-type: inline-size; color-scheme: light;
  --fg: #1f2933; --muted: #5f6b7a; --bg: #ffffff; --panel: #f5f7fa; --line: #d3dce6; --brand: #0b5cab;
  --brand-fg: #ffffff; --ok-bg: #e3f4e8; --ok: #1a6b35; --bad-bg: #fde8e7; --bad: #a61b11; --info-bg: #e8f1fb;
  --focus: #3b82c4; --changed: #fff4d6;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
:host([dark-mode="true"]) { color-scheme: dark;
  --fg: #e6edf3; --muted: #a3b1c2; --bg: #16191d; --panel: #1f242a; --line: #39424d; --brand: #4c9be8;
  --brand-fg: #0b1520; --ok-bg: #173a24; --ok: #8fe0a8; --bad-bg: #47201d; --bad: #ffb4ab; --info-bg: #1c2c40;
  --focus: #8cc4ff; --changed: #3d3217; }
@media (prefers-color-scheme: dark) {
  :host(:not([dark-mode])) { color-scheme: dark;
    --fg: #e6edf3; --muted: #a3b1c2; --bg: #16191d; --panel: #1f242a; --line: #39424d; --brand: #4c9be8;
    --brand-fg: #0b1520; --ok-bg: #173a24; --ok: #8fe0a8; --bad-bg: #47201d; --bad: #ffb4ab; --info-bg: #1c2c40;
    --focus: #8cc4ff; --changed: #3d3217; }
}
* { box-sizing: border-box; }
.root { background: var(--bg); color: var(--fg); min-height: 100%; padding: 12px; }
h2 { font-size: 1.15rem; margin: 0 0 8px; }
h3 { font-size: 1.05rem; margin: 0 0 4px; }
.layout { display: grid; gap: 12px; grid-template-columns: 1fr; }
@container (min-width: 640px) { .layout { grid-template-columns: minmax(220px, 300px) 1fr; } }
.pane { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 10px; min-width: 0; }
label.search { display: block; font-weight: 600; margin-bottom: 4px; }
input[type=search], input[type=number] { font: inherit; color: var(--fg); background: var(--bg);
  border: 1px solid var(--line); border-radius: 6px; padding: 6px 8px; }
input[type=search] { width: 100%; }
input[type=number] { width: 4.5em; text-align: right; }
ul.profiles { list-style: none; margin: 8px 0 0; padding: 0; max-height: 50vh; overflow: auto; }
ul.profiles li + li { margin-top: 4px; }
button { font: inherit; border-radius: 6px; padding: 6px 12px; border: 1px solid var(--line); cursor: pointer;
  background: var(--bg); color: var(--fg); }
button.profile { width: 100%; text-align: left; display: block; }
button.profile[aria-current="true"] { border-color: var(--brand); box-shadow: inset 3px 0 0 var(--brand); }
button.profile small { display: block; color: var(--muted); }
button.primary { background: var(--brand); color: var(--brand-fg); border-color: var(--brand); font-weight: 600; }
button:disabled, input:disabled { opacity: .55; cursor: not-allowed; }
button:focus-visible, input:focus-visible, h3:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.pager { display: flex; align-items: center; justify-content: space-between; gap: 8px; margin-top: 8px; }
.muted { color: var(--muted); }
fieldset { border: 0; margin: 0; padding: 0; min-width: 0; }
table { width: 100%; border-collapse: collapse; margin: 8px 0; }
th, td { text-align: left; padding: 6px 4px; border-bottom: 1px solid var(--line); vertical-align: middle; }
th { font-weight: 600; color: var(--muted); font-size: .85rem; }
td.value { white-space: nowrap; }
tr.changed td { background: var(--changed); }
.bar { display: inline-block; width: 70px; height: 6px; border-radius: 3px; background: var(--line);
  vertical-align: middle; margin-left: 8px; overflow: hidden; }
.bar > span { display: block; height: 100%; background: var(--brand); }
.actions { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.message { margin: 0 0 10px; padding: 8px 10px; border-radius: 6px; }
.message:empty { display: none; }
.message[data-kind="success"] { background: var(--ok-bg); color: var(--ok); }
.message[data-kind="error"] { background: var(--bad-bg); color: var(--bad); }
.message[data-kind="info"] { background: var(--info-bg); }
.message strong { display: block; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

  /** Tiny element builder: h('button', {type: 'button'}, 'text', child). Text is always a text node. */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === false || value === null || value === undefined) continue;
      if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
      else el.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined && child !== false) {
        el.append(child instanceof Node ? child : document.createTextNode(String(child)));
      }
    }
    return el;
  }

  /** A failed call, with what the supervisor needs to read and do. */
  class CallError extends Error {
    constructor(status, title, detail, retryAfter) {
      super(title);
      this.status = status;
      this.title = title;
      this.detail = detail;
      this.retryAfter = retryAfter;
    }
  }

  function seconds(text) {
    const n = Number.parseInt(text, 10);
    return Number.isFinite(n) && n >= 0 ? n : null;
  }

  function itemsOf(json) {
    if (Array.isArray(json)) return json;
    return json.items || json.data || json.skillProfiles || json.profiles || json.content || [];
  }

  function skillValue(skill) {
    for (const key of ['value', 'proficiencyValue', 'booleanValue', 'textValue', 'enumValue']) {
      if (skill[key] !== undefined && skill[key] !== null) return skill[key];
    }
    return null;
  }

  function shown(value) {
    if (value === true) return 'Yes';
    if (value === false) return 'No';
    if (value === null || value === undefined || value === '') return '—';
    return String(value);
  }

  class SkillEditorWidget extends HTMLElement {
    static get observedAttributes() {
      return ['access-token', 'broker-url', 'dark-mode', 'org-id'];
    }

    constructor() {
      super();
      this.shadow = this.attachShadow({mode: 'open'});
      this.state = {search: '', page: 0, hasNext: false, profiles: [], profile: null, edits: new Map(),
        busy: false, retryUntil: 0, authFailed: false};
      this.listSeq = 0;
      this.listAbort = null;
      this.searchTimer = null;
      this.retryTimer = null;
      this.build();
    }

    connectedCallback() {
      if (!this.loaded && this.ready()) this.loadList();
    }

    disconnectedCallback() {
      clearTimeout(this.searchTimer);
      clearTimeout(this.retryTimer);
      if (this.listAbort) this.listAbort.abort();
    }

    attributeChangedCallback(name, oldValue, newValue) {
      if (oldValue === newValue || !this.isConnected) return;
      if (name === 'access-token' || name === 'broker-url') {
        // The Desktop renews the token: the next call reads the new value. Reload when nothing is shown
        // yet or the last call failed for want of a valid token.
        if (this.ready() && (!this.loaded || this.state.authFailed)) {
          this.state.authFailed = false;
          this.say('info', 'Loading…');
          this.loadList();
        }
      }
    }

    /** The token as the Desktop holds it right now; read for each call, kept nowhere. */
    token() {
      return (this.getAttribute('access-token') || '').trim();
    }

    base() {
      return (this.getAttribute('broker-url') || '').trim().replace(/\/+$/, '');
    }

    ready() {
      if (!this.base()) {
        this.say('error', 'Not configured', 'The widget has no broker-url attribute. Ask your administrator to check the Desktop layout.');
        return false;
      }
      if (!this.token() || this.token().startsWith('$STORE')) {
        this.say('info', 'Waiting for your Desktop sign-in…');
        return false;
      }
      return true;
    }

    // ---- DOM ----

    build() {
      this.search = h('input', {type: 'search', id: 'search', autocomplete: 'off', 'aria-controls': 'profiles',
        placeholder: 'Filter by name', oninput: () => this.onSearch()});
      this.list = h('ul', {class: 'profiles', id: 'profiles', 'aria-label': 'Skill profiles'});
      this.listInfo = h('p', {class: 'muted', id: 'list-info'});
      this.prev = h('button', {type: 'button', id: 'prev', onclick: () => this.turn(-1)}, 'Previous');
      this.next = h('button', {type: 'button', id: 'next', onclick: () => this.turn(1)}, 'Next');
      this.pageLabel = h('span', {class: 'muted', id: 'page'});
      this.message = h('div', {class: 'message', id: 'message', role: 'status', 'aria-live': 'polite',
        'aria-atomic': 'true'});
      this.editor = h('section', {class: 'pane', id: 'editor', 'aria-label': 'Selected skill profile'},
        h('p', {class: 'muted'}, 'Choose a skill profile to see its skills.'));
      this.shadow.append(
        h('style', {}, STYLE),
        h('div', {class: 'root'},
          h('h2', {}, 'Skills'),
          this.message,
          h('div', {class: 'layout'},
            h('section', {class: 'pane', 'aria-label': 'Skill profiles you may change'},
              h('label', {class: 'search', for: 'search'}, 'Find a skill profile'),
              this.search, this.list, this.listInfo,
              h('div', {class: 'pager'}, this.prev, this.pageLabel, this.next)),
            this.editor)));
      this.renderList();
    }

    say(kind, title, detail) {
      this.message.replaceChildren();
      this.message.dataset.kind = kind;
      if (!title) return;
      if (detail) this.message.append(h('strong', {}, title), h('span', {}, detail));
      else this.message.append(h('span', {}, title));
    }

    renderList() {
      const s = this.state;
      this.list.replaceChildren(...s.profiles.map(p => h('li', {},
        h('button', {type: 'button', class: 'profile', 'data-id': p.id,
            'aria-current': s.profile && s.profile.id === p.id ? 'true' : false,
            disabled: s.busy, onclick: () => this.open(p.id)},
          p.name || p.id, p.description ? h('small', {}, p.description) : null))));
      this.listInfo.textContent = this.loaded && s.profiles.length === 0
        ? (s.search ? 'No skill profile matches “' + s.search + '”.' : 'There are no skill profiles you may change.')
        : '';
      this.prev.disabled = s.busy || s.page <= 0;
      this.next.disabled = s.busy || !s.hasNext;
      this.pageLabel.textContent = s.page > 0 || s.hasNext ? 'Page ' + (s.page + 1) : '';
    }

    renderEditor(focus) {
      const s = this.state;
      const p = s.profile;
      if (!p) {
        this.editor.replaceChildren(h('p', {class: 'muted'}, 'Choose a skill profile to see its skills.'));
        return;
      }
      const skills = Array.isArray(p.activeSkills) ? p.activeSkills : [];
      const rows = skills.map(skill => this.row(skill));
      const changes = s.edits.size;
      const waiting = Math.max(0, Math.ceil((s.retryUntil - Date.now()) / 1000));
      const title = h('h3', {id: 'profile-title', tabindex: '-1'}, p.name || p.id);
      this.saveButton = h('button', {type: 'submit', class: 'primary', id: 'save',
        disabled: changes === 0 || waiting > 0},
        s.busy ? 'Saving…' : changes === 0 ? 'Save' : 'Save ' + changes + (changes === 1 ? ' change' : ' changes'));
      const form = h('form', {id: 'skills-form', onsubmit: e => { e.preventDefault(); this.save(); }},
        h('fieldset', {disabled: s.busy, 'aria-busy': s.busy ? 'true' : false},
          h('legend', {class: 'sr-only'}, 'Skills of ' + (p.name || p.id)),
          skills.length === 0 ? h('p', {class: 'muted'}, 'This profile has no active skills.')
            : h('table', {},
              h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'Skill'), h('th', {scope: 'col'}, 'Value'))),
              h('tbody', {}, rows)),
          h('div', {class: 'actions'}, this.saveButton,
            h('button', {type: 'button', id: 'undo', disabled: changes === 0, onclick: () => this.undo()}, 'Undo changes'),
            h('button', {type: 'button', id: 'reload', onclick: () => this.open(p.id)}, 'Reload'),
            waiting > 0 ? h('span', {class: 'muted', id: 'wait'}, 'Save is possible again in ' + waiting + ' s') : null)));
      this.editor.replaceChildren(title,
        h('p', {class: 'muted'}, 'Proficiency runs from 0 (none) to 10 (expert). Other skill types are shown read-only.'),
        form);
      if (focus) title.focus();
    }

    row(skill) {
      const s = this.state;
      const id = skill.skillId;
      const name = skill.name || skill.skillName || id;
      const type = String(skill.type || '').toUpperCase();
      const original = skillValue(skill);
      if (type !== 'PROFICIENCY' || skill.editable === false) {
        const why = type !== 'PROFICIENCY' ? (type.toLowerCase() || 'other') + ', read-only' : 'not editable here';
        return h('tr', {'data-skill': id, class: 'readonly'},
          h('th', {scope: 'row'}, name, h('small', {class: 'muted'}, ' (' + why + ')')),
          h('td', {class: 'value'}, shown(original)));
      }
      const value = s.edits.has(id) ? s.edits.get(id) : original;
      const inputId = 'skill-' + id;
      const bar = h('span', {class: 'bar', 'aria-hidden': 'true'}, h('span', {style: false}));
      bar.firstChild.style.width = (Math.max(0, Math.min(10, Number(value) || 0)) * 10) + '%';
      const input = h('input', {type: 'number', id: inputId, min: 0, max: 10, step: 1, inputmode: 'numeric',
        value: value === null ? '' : value, 'data-skill': id, 'aria-describedby': inputId + '-was',
        oninput: e => this.edit(skill, e.target, bar)});
      return h('tr', {'data-skill': id, class: s.edits.has(id) ? 'changed' : false},
        h('th', {scope: 'row'}, h('label', {for: inputId}, name)),
        h('td', {class: 'value'}, input, bar,
          h('span', {class: 'sr-only', id: inputId + '-was'}, 'Proficiency 0 to 10, saved value ' + shown(original))));
    }

    edit(skill, input, bar) {
      const raw = input.value.trim();
      const n = Number(raw);
      const original = skillValue(skill);
      const valid = raw !== '' && Number.isInteger(n) && n >= 0 && n <= 10;
      input.setAttribute('aria-invalid', valid ? 'false' : 'true');
      if (!valid) {
        this.state.edits.delete(skill.skillId);
        this.say('error', 'Enter a whole number from 0 to 10 for ' + (skill.name || skill.skillId) + '.');
      } else if (n === original) {
        this.state.edits.delete(skill.skillId);
      } else {
        this.state.edits.set(skill.skillId, n);
      }
      if (valid && this.message.dataset.kind === 'error' && this.message.textContent.startsWith('Enter a whole')) {
        this.say('info', '');
      }
      bar.firstChild.style.width = (valid ? n * 10 : 0) + '%';
      const row = input.closest('tr');
      row.classList.toggle('changed', this.state.edits.has(skill.skillId));
      const changes = this.state.edits.size;
      this.saveButton.disabled = changes === 0 || this.state.retryUntil > Date.now();
      this.saveButton.textContent = changes === 0 ? 'Save' : 'Save ' + changes + (changes === 1 ? ' change' : ' changes');
      this.shadow.getElementById('undo').disabled = changes === 0;
    }

    undo() {
      this.state.edits.clear();
      this.renderEditor(false);
      this.say('info', 'Changes undone.');
    }

    setBusy(busy) {
      this.state.busy = busy;
      this.search.disabled = busy;
      this.renderList();
      this.renderEditor(false);
    }

    // ---- calls ----

    async call(method, path, body) {
      const headers = {Accept: 'application/json', Authorization: 'Bearer ' + this.token()};
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      let response;
      try {
        response = await fetch(this.base() + path, {method, headers, mode: 'cors', credentials: 'omit',
          cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body),
          signal: path.startsWith('/api/skill-profiles?') && this.listAbort ? this.listAbort.signal : undefined});
      } catch (e) {
        if (e && e.name === 'AbortError') throw e;
        throw new CallError(0, 'The Skill Broker cannot be reached',
          'Check your network connection and try again. If it keeps failing, ask your administrator to check the broker at ' + this.base() + '.');
      }
      const text = await response.text();
      let json = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch (e) {
        json = null;
      }
      if (response.ok) return json || {};
      const problem = json && typeof json === 'object' ? json : {};
      let retryAfter = seconds(response.headers.get('Retry-After'));
      if (retryAfter === null && typeof problem.detail === 'string') {
        const m = /(\d+)\s*(?:s\b|sec|second)/.exec(problem.detail);
        if (m) retryAfter = seconds(m[1]);
      }
      throw new CallError(response.status, problem.title || 'The request failed (HTTP ' + response.status + ')',
        problem.detail || '', retryAfter);
    }

    /** Says what went wrong and what to do about it. */
    fail(error, action) {
      if (error && error.name === 'AbortError') return;
      if (!(error instanceof CallError)) {
        this.say('error', action + ' failed', String(error && error.message || error));
        return;
      }
      let todo = '';
      if (error.status === 401) {
        this.state.authFailed = true;
        todo = 'Your Desktop sign-in is no longer valid. Reload the Desktop or sign in again; the widget retries as soon as it gets a new token.';
      } else if (error.status === 403) {
        todo = 'If you need to change skills, ask your administrator for access.';
      } else if (error.status === 409) {
        todo = 'Someone else changed this profile. Choose Reload to see the current values, then make your change again.';
      } else if (error.status === 429 || error.status === 503) {
        const n = error.retryAfter === null ? 30 : error.retryAfter;
        todo = /try again in/i.test(error.detail || '') ? 'Your changes are kept.'
          : 'Your changes are kept: try again in ' + n + ' s.';
        this.holdSave(n);
      } else if (error.status === 404) {
        todo = 'The profile may have been deleted. Choose another one.';
      } else if (error.status >= 500) {
        todo = 'Try again in a minute. If it keeps failing, tell your administrator.';
      }
      const detail = [error.detail, todo].filter(Boolean).join(' ');
      this.say('error', action + ' failed: ' + error.title, detail);
    }

    holdSave(n) {
      clearTimeout(this.retryTimer);
      this.state.retryUntil = Date.now() + n * 1000;
      // Re-enable Save when the wait is over (a timer for the UI only, nothing polls the broker).
      this.retryTimer = setTimeout(() => {
        this.state.retryUntil = 0;
        if (!this.state.busy) this.renderEditor(false);
      }, n * 1000);
    }

    onSearch() {
      clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => {
        this.state.search = this.search.value.trim();
        this.state.page = 0;
        this.loadList();
      }, 250);
    }

    turn(delta) {
      this.state.page = Math.max(0, this.state.page + delta);
      this.loadList();
    }

    async loadList() {
      if (!this.ready()) return;
      if (this.listAbort) this.listAbort.abort();
      this.listAbort = new AbortController();
      const seq = ++this.listSeq;
      const s = this.state;
      const query = new URLSearchParams({search: s.search, page: String(s.page)});
      this.list.setAttribute('aria-busy', 'true');
      try {
        const json = await this.call('GET', '/api/skill-profiles?' + query);
        if (seq !== this.listSeq) return;
        s.profiles = itemsOf(json).filter(p => p && p.id);
        const page = Number.isInteger(json.page) ? json.page : s.page;
        s.page = page;
        s.hasNext = json.hasNext === true || json.hasMore === true
          || (Number.isInteger(json.totalPages) && page + 1 < json.totalPages)
          || (json.next !== undefined && json.next !== null && json.next !== false);
        this.loaded = true;
        if (this.message.dataset.kind !== 'success' && this.message.dataset.kind !== 'error') this.say('info', '');
        if (this.message.dataset.kind === 'error' && s.authFailed === false
          && /^Loading profiles failed/.test(this.message.textContent)) this.say('info', '');
      } catch (e) {
        if (seq === this.listSeq) this.fail(e, 'Loading profiles');
      } finally {
        if (seq === this.listSeq) {
          this.list.removeAttribute('aria-busy');
          this.renderList();
        }
      }
    }

    async open(id) {
      if (this.state.busy) return;
      this.setBusy(true);
      try {
        const profile = await this.call('GET', '/api/skill-profiles/' + encodeURIComponent(id));
        this.state.profile = profile;
        this.state.edits.clear();
        this.say('info', '');
      } catch (e) {
        this.fail(e, 'Opening the profile');
      } finally {
        this.state.busy = false;
        this.search.disabled = false;
        this.renderList();
        this.renderEditor(true);
      }
    }

    async save() {
      const s = this.state;
      if (s.busy || !s.profile || s.edits.size === 0 || s.retryUntil > Date.now()) return;
      const changes = [...s.edits].map(([skillId, value]) => ({skillId, proficiencyValue: value}));
      const names = new Map((s.profile.activeSkills || []).map(k => [k.skillId, k]));
      const summary = changes.map(c => {
        const k = names.get(c.skillId) || {};
        return (k.name || c.skillId) + ' ' + shown(skillValue(k)) + ' → ' + c.proficiencyValue;
      }).join(', ');
      this.say('info', 'Saving…');
      this.setBusy(true);
      try {
        const updated = await this.call('PATCH', '/api/skill-profiles/' + encodeURIComponent(s.profile.id),
          {activeSkills: changes});
        s.profile = updated && updated.activeSkills ? updated : s.profile;
        s.edits.clear();
        this.say('success', 'Saved.', summary + ' in “' + (s.profile.name || s.profile.id) + '”.');
      } catch (e) {
        this.fail(e, 'Saving');
      } finally {
        s.busy = false;
        this.search.disabled = false;
        this.renderList();
        this.renderEditor(false);
      }
    }
  }

  customElements.define(TAG, SkillEditorWidget);
})();
