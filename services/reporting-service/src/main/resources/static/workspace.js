/*
 * spmonitor country team workspace: import a CSV or DHIS2 file (dry run first, then confirm), list the
 * team's submissions with their version history, and submit or correct one count or financing report.
 *
 * The page calls the write services directly (their base URLs come from GET /config.json; each allows
 * this origin through CORS) with the bearer token of window.spmonitorAuth. It reads the token's
 * "countries" and "roles" claims for display only, to offer only the countries the user may write for:
 * the services check every write again, and their refusal (403) is shown as it comes.
 * Every error is an RFC 9457 problem; a violation that names a field is shown next to that field.
 */
(function () {
  'use strict';

  const i18n = window.spmonitorI18n;
  const auth = window.spmonitorAuth;
  const t = (key, params) => i18n.t(key, params);
  const $ = id => document.getElementById(id);

  const TARGET_GROUPS = ['CHILDREN', 'MOTHERS_WITH_NEWBORNS', 'PERSONS_WITH_DISABILITIES', 'UNEMPLOYED',
    'OLDER_PERSONS', 'WORK_INJURY_VICTIMS', 'POOR_AND_VULNERABLE', 'INFORMAL_ECONOMY_WORKERS'];
  const MEASURES = ['ACTIVE', 'NEW'];
  const FUNCTIONS = ['MEDICAL_CARE', 'SICKNESS', 'UNEMPLOYMENT', 'OLD_AGE', 'EMPLOYMENT_INJURY', 'FAMILY', 'MATERNITY',
    'INVALIDITY', 'SURVIVORS', 'HEALTH', 'GENERAL_SOCIAL_ASSISTANCE', 'ADMINISTRATION'];
  const SOURCES = ['DOMESTIC_TAX', 'SOCIAL_CONTRIBUTIONS', 'EXTERNAL_GRANT', 'EXTERNAL_LOAN'];
  /** The same rules as the services (ReportingPeriod, CountRules.MAX_COUNT, financing amounts). */
  const PERIOD = /^\d{4}(Q[1-4]|-(0[1-9]|1[0-2]))?$/;
  const WHOLE = /^\d+$/;
  const AMOUNT = /^\d{1,20}(\.\d{1,4})?$/;
  const MAX_COUNT = 10000000000;
  const PAGE_SIZE = 20;
  const IMPORTS = {
    'counts-csv': { api: 'beneficiaryApi', path: '/api/v1/beneficiary-counts/imports', format: 'csv' },
    'counts-dhis2': { api: 'beneficiaryApi', path: '/api/v1/beneficiary-counts/imports', format: 'dhis2' },
    'financing-csv': { api: 'financingApi', path: '/api/v1/financing-reports/imports' }
  };

  const state = { config: null, countries: [], admin: false, page: 0, pending: null };

  // ---------- the user ----------
  /** The token's claims, for display only (the services verify the signature). */
  function claims() {
    let token = null;
    try { token = sessionStorage.getItem('spmonitor.accessToken'); } catch (e) { return {}; }
    if (!token) { return {}; }
    try {
      const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      const bytes = Uint8Array.from(atob(part + '==='.slice((part.length + 3) % 4)), c => c.charCodeAt(0));
      return JSON.parse(new TextDecoder().decode(bytes)) || {};
    } catch (e) {
      return {};
    }
  }
  function asList(value) {
    if (Array.isArray(value)) { return value.map(String); }
    return typeof value === 'string' && value ? value.split(/[\s,]+/) : [];
  }

  function readUser() {
    const c = claims();
    const roles = asList(c.roles);
    state.admin = roles.includes('admin');
    const claimed = asList(c.countries).filter(code => /^[A-Z]{3}$/.test(code)).sort();
    // an administrator acts for every country; a token that names none then offers them all
    state.everyCountry = state.admin && claimed.length === 0;
    state.countries = state.everyCountry ? Object.keys(window.spmonitorCountryCodes || {}).sort() : claimed;
    const select = $('country');
    const previous = select.value || new URLSearchParams(location.search).get('country');
    select.innerHTML = '';
    state.countries.forEach(code => select.appendChild(option(code, state.everyCountry ? countryLabel(code) : code)));
    if (previous && state.countries.includes(previous)) { select.value = previous; }
    select.disabled = state.countries.length === 0;
    $('scope').textContent = state.everyCountry ? t('ws.scope.admin')
      : state.countries.length ? t('ws.scope', { countries: state.countries.join(', ') }) : t('ws.scope.none');
  }
  /** "KHM: Cambodia" in the page's language, where the browser knows the name. */
  function countryLabel(code) {
    const alpha2 = (window.spmonitorCountryCodes[code] || [])[0];
    try {
      const name = alpha2 && new Intl.DisplayNames([document.documentElement.lang || 'en'], { type: 'region' }).of(alpha2);
      return name && name !== alpha2 ? code + ': ' + name : code;
    } catch (e) {
      return code;
    }
  }
  function country() { return $('country').value; }

  // ---------- calling the services ----------
  async function loadConfig() {
    const fallback = { programmeApi: 'http://127.0.0.1:8081', financingApi: 'http://127.0.0.1:8082',
      beneficiaryApi: 'http://127.0.0.1:8083' };
    try {
      const response = await fetch('/config.json', { headers: { Accept: 'application/json' }, cache: 'no-store' });
      const loaded = response.ok ? await response.json() : {};
      return Object.assign(fallback, ...Object.keys(fallback).filter(k => loaded[k]).map(k => ({ [k]: loaded[k] })));
    } catch (e) {
      return fallback;
    }
  }

  /** A call to a write service: { status, ok, body } with the body parsed when it is JSON. */
  async function call(api, path, options) {
    const response = await auth.fetch(state.config[api] + path, options || {});
    const type = response.headers.get('content-type') || '';
    const body = type.includes('json') ? await response.json().catch(() => null) : await response.text();
    return { status: response.status, ok: response.ok, body };
  }

  function newKey() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
  }

  // ---------- small DOM helpers ----------
  function option(value, label) {
    const o = document.createElement('option');
    o.value = value;
    o.textContent = label;
    return o;
  }
  function cell(row, text, className) {
    const td = document.createElement('td');
    td.textContent = text === null || text === undefined ? '' : String(text);
    if (className) { td.className = className; }
    row.appendChild(td);
    return td;
  }
  function table(caption, headers, rows) {
    const wrap = document.createElement('div');
    wrap.className = 'table-wrap';
    const tableEl = document.createElement('table');
    const cap = document.createElement('caption');
    cap.textContent = caption;
    tableEl.appendChild(cap);
    const head = tableEl.createTHead().insertRow();
    headers.forEach(h => {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = h;
      head.appendChild(th);
    });
    const body = tableEl.createTBody();
    rows.forEach(values => {
      const tr = body.insertRow();
      values.forEach(v => (v instanceof Node ? tr.insertCell().appendChild(v) : cell(tr, v)));
    });
    wrap.appendChild(tableEl);
    return wrap;
  }
  function announce(message) { $('announcer').textContent = message; }
  function busy(button, on) {
    button.disabled = on;
    button.setAttribute('aria-busy', on ? 'true' : 'false');
  }
  function outcomeLabel(outcome, dryRun) {
    return t('ws.outcome.' + outcome + (dryRun ? '.dry' : ''));
  }

  // ---------- problems, next to the field they name ----------
  function clearErrors(form) {
    form.querySelectorAll('[aria-invalid]').forEach(el => el.removeAttribute('aria-invalid'));
    form.querySelectorAll('.ws-field-error, .ws-error').forEach(el => { el.textContent = ''; });
  }
  /** The form control (or fieldset) for a field the service named: "sex.female", "lines[0].executed"... */
  function fieldElement(form, field) {
    let name = field;
    while (name) {
      const found = form.querySelector('[data-field="' + CSS.escape(name) + '"]');
      if (found) { return found; }
      const cut = Math.max(name.lastIndexOf('.'), name.lastIndexOf('['));
      name = cut > 0 ? name.substring(0, cut) : '';
    }
    return null;
  }
  function errorSlot(form, el) {
    const ids = (el.getAttribute('aria-describedby') || '').split(/\s+/).filter(id => id.endsWith('-error'));
    if (ids.length) { return $(ids[0]); }
    const fieldset = el.closest('fieldset');
    return fieldset ? errorSlot(form, fieldset) : null;
  }
  /** Shows violations [{field, message}] at their fields; the rest, with the problem's detail, above the buttons. */
  function showViolations(form, formError, violations, detail) {
    const general = [];
    let first = null;
    violations.forEach(v => {
      const el = v.field ? fieldElement(form, v.field) : null;
      const slot = el && errorSlot(form, el);
      if (!el || !slot) {
        general.push((v.field ? v.field + ': ' : '') + v.message);
        return;
      }
      el.setAttribute('aria-invalid', 'true');
      slot.textContent = (slot.textContent ? slot.textContent + ' ' : '') + v.message;
      first = first || el;
    });
    formError.textContent = [detail].concat(general).filter(Boolean).join(' ');
    const focus = first && (first.tagName === 'FIELDSET' ? first.querySelector('input, select') : first);
    if (focus) { focus.focus(); }
  }
  function showProblem(form, formError, response) {
    const problem = response.body && typeof response.body === 'object' ? response.body : {};
    const violations = Array.isArray(problem.errors) ? problem.errors : [];
    const detail = response.status === 403
      ? t('ws.error.forbidden', { detail: problem.detail || '' })
      : violations.length ? t('ws.error.invalid') : t('error.generic', { detail: problem.detail || problem.title
        || response.status });
    showViolations(form, formError, violations, detail);
  }

  // ---------- imports ----------
  function importKind() { return IMPORTS[$('import-kind').value]; }
  function onKindChange() {
    const kind = importKind();
    $('mapping-field').hidden = kind.format !== 'dhis2';
    $('template-link').textContent = kind.format === 'dhis2' ? t('ws.import.mappingExample') : t('ws.import.template');
    resetImport();
  }
  function resetImport() {
    state.pending = null;
    $('confirm-button').hidden = true;
    $('cancel-import-button').hidden = true;
    $('dry-run-button').hidden = false;
  }

  async function downloadTemplate(event) {
    event.preventDefault();
    const kind = importKind();
    const path = kind.path + (kind.format === 'dhis2' ? '/dhis2-mapping-example.json' : '/template.csv');
    const response = await auth.fetch(state.config[kind.api] + path);
    if (!response.ok) { $('page-error').textContent = t('error.generic', { detail: response.status }); return; }
    const link = document.createElement('a');
    link.href = URL.createObjectURL(await response.blob());
    link.download = path.substring(path.lastIndexOf('/') + 1);
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  async function sendImport(kind, files, dryRun, key) {
    const body = new FormData();
    body.append('file', files.file, files.file.name);
    if (files.mapping) { body.append('mapping', files.mapping, files.mapping.name); }
    const query = '?dryRun=' + dryRun + (kind.format ? '&format=' + kind.format : '');
    const headers = { Accept: 'application/json, application/problem+json' };
    if (key) { headers['Idempotency-Key'] = key; }
    return call(kind.api, kind.path + query, { method: 'POST', body, headers });
  }

  async function dryRun(event) {
    event.preventDefault();
    const form = $('import-form');
    clearErrors(form);
    $('page-error').textContent = '';
    const kind = importKind();
    const file = $('import-file').files[0];
    const mapping = kind.format === 'dhis2' ? $('import-mapping').files[0] : null;
    const violations = [];
    if (!file) { violations.push({ field: 'file', message: t('ws.validation.fileRequired') }); }
    if (kind.format === 'dhis2' && !mapping) { violations.push({ field: 'mapping', message: t('ws.validation.mappingRequired') }); }
    if (violations.length) { showImportViolations(violations); return; }
    const button = $('dry-run-button');
    busy(button, true);
    try {
      const response = await sendImport(kind, { file, mapping }, true);
      if (!response.ok) { showImportProblem(response); return; }
      state.pending = { kind, files: { file, mapping }, key: newKey() };
      renderReport(response.body, true);
      $('dry-run-button').hidden = true;
      $('confirm-button').hidden = false;
      $('cancel-import-button').hidden = false;
    } finally {
      busy(button, false);
    }
  }

  async function confirmImport() {
    const pending = state.pending;
    if (!pending) { return; }
    const button = $('confirm-button');
    if (button.disabled) { return; }
    $('page-error').textContent = '';
    busy(button, true);
    try {
      // the key of this dry run: a second click, or a retry after a lost answer, imports once
      const response = await sendImport(pending.kind, pending.files, false, pending.key);
      if (!response.ok) { showImportProblem(response); return; }
      renderReport(response.body, false);
      resetImport();
      $('import-form').reset();
      onKindChange();
      loadSubmissions();
    } finally {
      busy(button, false);
    }
  }

  /** File-level problems ("file.dataValues", "mapping.dataElements[0].breakdown") show at the file inputs. */
  function showImportViolations(violations, detail) {
    showViolations($('import-form'), $('page-error'), violations, detail || '');
  }
  function showImportProblem(response) {
    const problem = response.body && typeof response.body === 'object' ? response.body : {};
    const errors = Array.isArray(problem.errors) ? problem.errors : [];
    showImportViolations(errors, errors.length ? t('ws.error.fileRefused')
      : response.status === 403 ? t('ws.error.forbidden', { detail: problem.detail || '' })
        : t('error.generic', { detail: problem.detail || problem.title || response.status }));
  }

  function renderReport(report, isDryRun) {
    const box = $('import-report');
    box.innerHTML = '';
    box.hidden = false;
    box.className = 'ws-report' + (isDryRun ? ' dry-run' : ' done');
    const heading = document.createElement('h3');
    heading.id = 'import-report-title';
    heading.textContent = isDryRun ? t('ws.report.dryRunTitle') : t('ws.report.doneTitle');
    box.appendChild(heading);
    const summary = document.createElement('dl');
    summary.className = 'ws-summary';
    const figures = [['received', report.received], ['created', report.created], ['updated', report.updated],
      ['unchanged', report.unchanged], ['rejected', report.rejected]];
    if (report.withdrawals) { figures.push(['withdrawn', report.withdrawals.filter(w => /^WITHDRAW/.test(w.outcome)).length]); }
    figures.forEach(([name, value]) => {
      const div = document.createElement('div');
      div.dataset.figure = name;
      const dt = document.createElement('dt');
      dt.textContent = t('ws.report.' + name + (isDryRun ? '.dry' : ''));
      const dd = document.createElement('dd');
      dd.textContent = i18n.number(value || 0);
      div.append(dt, dd);
      summary.appendChild(div);
    });
    box.appendChild(summary);
    const where = r => (r.line !== undefined && r.line !== null ? t('ws.report.line', { n: r.line })
      : r.value !== undefined && r.value !== null ? t('ws.report.value', { n: r.value }) : '');
    if (report.rejections && report.rejections.length) {
      const rejections = table(t('ws.report.rejections'), [t('ws.report.where'), t('ws.report.field'), t('ws.report.reason')],
        report.rejections.map(r => [where(r), r.field || '', r.message]));
      rejections.id = 'rejections';
      box.appendChild(rejections);
    }
    if (report.changes && report.changes.length) {
      box.appendChild(table(t('ws.report.changes'), [t('ws.report.where'), t('ws.report.id'), t('ws.report.outcome'),
        t('ws.report.version')], report.changes.map(c => [
        Array.isArray(c.lines) ? c.lines.map(n => t('ws.report.line', { n })).join(', ') : where(c),
        c.countId || c.reportId, outcomeLabel(c.outcome, true), c.version])));
    }
    if (report.withdrawals && report.withdrawals.length) {
      box.appendChild(table(t('ws.report.withdrawals'), [t('ws.report.where'), t('ws.report.count'), t('ws.report.outcome')],
        report.withdrawals.map(w => [where(w), w.count, outcomeLabel(w.outcome, isDryRun)])));
    }
    if (report.ignoredDataElements && report.ignoredDataElements.length) {
      const p = document.createElement('p');
      p.textContent = t('ws.report.ignored', { n: report.ignored, names: report.ignoredDataElements.join(', ') });
      box.appendChild(p);
    }
    const next = document.createElement('p');
    next.className = 'ws-next';
    next.textContent = isDryRun ? t('ws.report.confirmHint') : t('ws.report.importId', { id: report.importId });
    box.appendChild(next);
    announce(heading.textContent);
    box.focus();
  }

  // ---------- the team's submissions ----------
  async function loadSubmissions() {
    const box = $('submissions');
    if (!country()) { box.textContent = t('ws.list.noCountry'); return; }
    const counts = $('list-kind').value === 'counts';
    const path = (counts ? '/api/v1/beneficiary-counts' : '/api/v1/financing-reports') + '?country='
      + encodeURIComponent(country()) + '&page=' + state.page + '&size=' + PAGE_SIZE;
    const response = await call(counts ? 'beneficiaryApi' : 'financingApi', path, { headers: { Accept: 'application/json' } });
    box.innerHTML = '';
    if (!response.ok) {
      box.textContent = t('error.generic', { detail: (response.body && response.body.detail) || response.status });
      return;
    }
    const page = response.body;
    $('page-info').textContent = t('ws.list.page', { page: page.page + 1, pages: Math.max(page.totalPages, 1),
      total: i18n.number(page.totalItems) });
    $('previous-page').disabled = page.page <= 0;
    $('next-page').disabled = page.page + 1 >= page.totalPages;
    if (!page.items.length) { box.textContent = t('ws.list.empty'); return; }
    const rows = page.items.map(item => {
      const actions = document.createElement('span');
      actions.className = 'ws-row-actions';
      const history = document.createElement('button');
      history.type = 'button';
      history.className = 'link-button';
      history.textContent = t('ws.list.history');
      history.setAttribute('aria-label', t('ws.list.historyOf', { id: counts ? item.countId : item.reportId }));
      history.addEventListener('click', () => showHistory(counts, counts ? item.countId : item.reportId));
      const correct = document.createElement('button');
      correct.type = 'button';
      correct.className = 'link-button';
      correct.textContent = t('ws.list.correct');
      correct.setAttribute('aria-label', t('ws.list.correctOf', { id: counts ? item.countId : item.reportId }));
      correct.addEventListener('click', () => (counts ? fillCount(item) : fillFinancing(item)));
      actions.append(history, ' ', correct);
      const status = item.withdrawn || item.status === 'WITHDRAWN' ? t('ws.status.withdrawn')
        : item.review === 'VALIDATED' ? t('ws.status.validated')
          : item.review === 'RETURNED' ? t('ws.status.returned', { comment: item.reviewComment || '' })
            : t('ws.status.submitted');
      return counts
        ? [item.programmeId, item.period, t('ws.targetGroup.' + item.targetGroup), t('ws.measure.' + item.measure),
          i18n.number(item.total), status, item.version, i18n.dateTime(item.updatedAt), actions]
        : [item.programmeId || t('ws.list.wholeCountry'), item.period, item.currency, status, item.version,
          i18n.dateTime(item.updatedAt), actions];
    });
    const headers = counts
      ? [t('ws.field.programmeId'), t('ws.field.period'), t('ws.field.targetGroup'), t('ws.field.measure'),
        t('ws.field.total'), t('ws.list.status'), t('ws.report.version'), t('ws.list.updated'), t('ws.list.actions')]
      : [t('ws.field.programmeId'), t('ws.field.period'), t('ws.field.currency'), t('ws.list.status'),
        t('ws.report.version'), t('ws.list.updated'), t('ws.list.actions')];
    const list = table(t(counts ? 'ws.list.countsOf' : 'ws.list.financingOf', { country: country() }), headers, rows);
    list.id = 'submissions-table';
    box.appendChild(list);
  }

  async function showHistory(counts, id) {
    const response = await call(counts ? 'beneficiaryApi' : 'financingApi',
      (counts ? '/api/v1/beneficiary-counts/' : '/api/v1/financing-reports/') + encodeURIComponent(id));
    const box = $('history');
    box.innerHTML = '';
    box.hidden = false;
    const heading = document.createElement('h3');
    heading.textContent = t('ws.history.title', { id });
    box.appendChild(heading);
    if (!response.ok) {
      box.appendChild(document.createTextNode(t('error.generic', { detail: response.status })));
      return;
    }
    const versions = response.body.history || [];
    const rows = versions.map(v => {
      const withdrawn = v.change === 'WITHDRAWN' || v.action === 'WITHDRAWN';
      const what = withdrawn ? t('ws.history.withdrawn', { reason: v.reason || '' })
        : counts ? t('ws.history.total', { total: i18n.number(v.total) })
          : (v.report && v.report.lines ? v.report.lines.map(l => l.function + '/' + l.source + ': '
            + (l.allocated || '–') + ' / ' + (l.executed || '–')).join('; ') : '');
      return [v.version, i18n.dateTime(v.at), v.by, v.channel || '', what];
    });
    box.appendChild(table(t('ws.history.caption'), [t('ws.report.version'), t('ws.history.at'), t('ws.history.by'),
      t('ws.history.channel'), t('ws.history.what')], rows));
    box.focus();
  }

  // ---------- one count ----------
  function fillCount(item) {
    const set = (id, value) => { $(id).value = value === null || value === undefined ? '' : value; };
    set('count-programmeId', item.programmeId);
    set('count-period', item.period);
    set('count-targetGroup', item.targetGroup);
    set('count-measure', item.measure);
    set('count-total', item.total);
    set('count-sex-female', item.sex && item.sex.female);
    set('count-sex-male', item.sex && item.sex.male);
    set('count-sex-unknown', item.sex && item.sex.unknown);
    $('count-total').focus();
  }

  function validateCount(form) {
    const v = [];
    const value = name => form.elements[name].value.trim();
    if (!value('programmeId')) { v.push({ field: 'programmeId', message: t('ws.validation.required') }); }
    if (!PERIOD.test(value('period'))) { v.push({ field: 'period', message: t('ws.validation.period') }); }
    const total = value('total');
    if (!WHOLE.test(total) || Number(total) > MAX_COUNT) { v.push({ field: 'total', message: t('ws.validation.whole') }); }
    const parts = ['sex.female', 'sex.male', 'sex.unknown'].filter(name => value(name) !== '');
    parts.filter(name => !WHOLE.test(value(name)))
      .forEach(name => v.push({ field: name, message: t('ws.validation.whole') }));
    if (parts.length && WHOLE.test(total) && parts.every(name => WHOLE.test(value(name)))) {
      const sum = parts.reduce((s, name) => s + Number(value(name)), 0);
      if (sum !== Number(total)) { v.push({ field: 'sex', message: t('ws.validation.sexSum', { sum: i18n.number(sum) }) }); }
    }
    return v;
  }

  async function submitCount(event) {
    event.preventDefault();
    const form = $('count-form');
    clearErrors(form);
    $('count-result').textContent = '';
    const violations = validateCount(form);
    if (violations.length) { showViolations(form, $('count-form-error'), violations, t('ws.error.invalid')); return; }
    const value = name => form.elements[name].value.trim();
    const number = name => (value(name) === '' ? undefined : Number(value(name)));
    const body = { programmeId: value('programmeId'), period: value('period'), targetGroup: value('targetGroup'),
      measure: value('measure'), total: Number(value('total')) };
    if (['sex.female', 'sex.male', 'sex.unknown'].some(name => value(name) !== '')) {
      body.sex = { female: number('sex.female'), male: number('sex.male'), unknown: number('sex.unknown') };
    }
    const button = $('count-submit');
    busy(button, true);
    try {
      const response = await call('beneficiaryApi', '/api/v1/beneficiary-counts', { method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': newKey() },
        body: JSON.stringify(body) });
      if (!response.ok) { showProblem(form, $('count-form-error'), response); return; }
      $('count-result').textContent = t('ws.count.done', { id: response.body.countId, version: response.body.version,
        outcome: outcomeLabel(response.body.outcome, false) });
      loadSubmissions();
    } finally {
      busy(button, false);
    }
  }

  // ---------- one financing report ----------
  function fillFinancing(item) {
    const line = (item.lines && item.lines[0]) || {};
    $('financing-period').value = item.period || '';
    $('financing-currency').value = item.currency || '';
    $('financing-programmeId').value = item.programmeId || '';
    $('financing-function').value = line.function || FUNCTIONS[0];
    $('financing-source').value = line.source || SOURCES[0];
    $('financing-allocated').value = line.allocated || '';
    $('financing-executed').value = line.executed || '';
    $('financing-gdp').value = item.gdp || '';
    $('financing-period').focus();
  }

  function validateFinancing(form) {
    const v = [];
    const value = name => form.elements[name].value.trim();
    if (!PERIOD.test(value('period'))) { v.push({ field: 'period', message: t('ws.validation.period') }); }
    if (!/^[A-Za-z]{3}$/.test(value('currency'))) { v.push({ field: 'currency', message: t('ws.validation.currency') }); }
    ['lines[0].allocated', 'lines[0].executed', 'gdp'].filter(name => value(name) !== '' && !AMOUNT.test(value(name)))
      .forEach(name => v.push({ field: name, message: t('ws.validation.amount') }));
    if (value('lines[0].allocated') === '' && value('lines[0].executed') === '') {
      v.push({ field: 'lines[0].allocated', message: t('ws.validation.allocatedOrExecuted') });
    }
    return v;
  }

  async function submitFinancing(event) {
    event.preventDefault();
    const form = $('financing-form');
    clearErrors(form);
    $('financing-result').textContent = '';
    const violations = validateFinancing(form);
    if (violations.length) { showViolations(form, $('financing-form-error'), violations, t('ws.error.invalid')); return; }
    const value = name => form.elements[name].value.trim() || undefined;
    const body = { country: country(), period: value('period'), currency: value('currency').toUpperCase(),
      programmeId: value('programmeId'), gdp: value('gdp'),
      lines: [{ function: value('lines[0].function'), source: value('lines[0].source'),
        allocated: value('lines[0].allocated'), executed: value('lines[0].executed') }] };
    const button = $('financing-submit');
    busy(button, true);
    try {
      const response = await call('financingApi', '/api/v1/financing-reports', { method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': newKey() },
        body: JSON.stringify(body) });
      if (!response.ok) { showProblem(form, $('financing-form-error'), response); return; }
      const warnings = (response.body.warnings || []).map(w => w.message || w).join(' ');
      $('financing-result').textContent = t('ws.financing.done', { id: response.body.reportId,
        version: response.body.version, outcome: outcomeLabel(response.body.outcome, false) })
        + (warnings ? ' ' + warnings : '');
      loadSubmissions();
    } finally {
      busy(button, false);
    }
  }

  // ---------- what the country still owes (completeness, ADR 0020) ----------
  /** The obligations past due with data missing, this year and last year, from reporting-service. */
  async function loadOwed() {
    const box = $('owed');
    box.innerHTML = '';
    if (!country()) { return; }
    const year = new Date().getUTCFullYear();
    const owed = [];
    for (const y of [year, year - 1]) {
      const response = await auth.fetch('/api/v1/dashboards/countries/' + encodeURIComponent(country())
        + '/completeness?year=' + y, { headers: { Accept: 'application/json' } });
      if (!response.ok) {
        box.textContent = t('error.generic', { detail: response.status });
        return;
      }
      owed.push(...((await response.json()).owed || []));
    }
    if (!owed.length) { box.textContent = t('ws.owed.none', { country: country() }); return; }
    owed.sort((a, b) => String(a.dueDate).localeCompare(String(b.dueDate)) || a.programmeId.localeCompare(b.programmeId));
    const rows = owed.map(o => [o.programmeId, o.period, t('ws.dataset.' + o.dataset), i18n.date(o.dueDate + 'T00:00:00Z'),
      (o.missing || []).join(', ')]);
    const list = table(t('ws.owed.caption', { country: country(), count: i18n.number(owed.length) }),
      [t('ws.field.programmeId'), t('ws.field.period'), t('ws.owed.dataset'), t('ws.owed.due'), t('ws.owed.missing')], rows);
    list.id = 'owed-table';
    box.appendChild(list);
  }

  // ---------- drafts: unsent text survives the page going away ----------
  // A token renewal sends the page to the issuer and back (auth.js): what the user typed into a form and
  // did not send yet is kept in this tab's sessionStorage and put back when the page loads again.
  const DRAFTS_KEY = 'spmonitor.workspace.drafts';
  const DRAFTED_FORMS = ['count-form', 'financing-form'];

  function draftable(form) {
    return Array.from(form.elements).filter(e => e.name && 'value' in e && e.type !== 'file' && e.type !== 'submit');
  }
  function saveDrafts() {
    const drafts = {};
    DRAFTED_FORMS.forEach(id => {
      drafts[id] = Object.fromEntries(draftable($(id)).map(e => [e.name, e.value]));
    });
    try { sessionStorage.setItem(DRAFTS_KEY, JSON.stringify(drafts)); } catch (e) { /* storage unavailable */ }
  }
  function restoreDrafts() {
    let drafts = {};
    try { drafts = JSON.parse(sessionStorage.getItem(DRAFTS_KEY) || '{}') || {}; } catch (e) { return; }
    DRAFTED_FORMS.forEach(id => {
      const saved = drafts[id] || {};
      draftable($(id)).filter(e => typeof saved[e.name] === 'string').forEach(e => { e.value = saved[e.name]; });
    });
  }

  // ---------- the country's programmes, as suggestions ----------
  async function loadProgrammes() {
    const list = $('programmes');
    list.innerHTML = '';
    if (!country()) { return; }
    const response = await call('programmeApi', '/api/v1/programmes?country=' + encodeURIComponent(country())
      + '&size=100', { headers: { Accept: 'application/json' } });
    if (!response.ok || !response.body || !Array.isArray(response.body.items)) { return; }
    response.body.items.forEach(p => list.appendChild(option(p.id, p.name || '')));
  }

  function fillChoices() {
    TARGET_GROUPS.forEach(g => $('count-targetGroup').appendChild(option(g, t('ws.targetGroup.' + g))));
    MEASURES.forEach(m => $('count-measure').appendChild(option(m, t('ws.measure.' + m))));
    FUNCTIONS.forEach(f => $('financing-function').appendChild(option(f, t('ws.function.' + f))));
    SOURCES.forEach(s => $('financing-source').appendChild(option(s, t('ws.source.' + s))));
  }

  async function refresh() {
    readUser();
    state.page = 0;
    await Promise.all([loadProgrammes(), loadSubmissions(), loadOwed()]);
  }

  async function start() {
    await i18n.ready;
    state.config = await loadConfig();
    fillChoices();
    restoreDrafts();
    DRAFTED_FORMS.forEach(id => ['input', 'change'].forEach(type => $(id).addEventListener(type, saveDrafts)));
    $('import-form').addEventListener('submit', dryRun);
    $('import-kind').addEventListener('change', onKindChange);
    $('import-file').addEventListener('change', resetImport);
    $('import-mapping').addEventListener('change', resetImport);
    $('confirm-button').addEventListener('click', confirmImport);
    $('cancel-import-button').addEventListener('click', () => { resetImport(); $('import-report').hidden = true; });
    $('template-link').addEventListener('click', downloadTemplate);
    $('count-form').addEventListener('submit', submitCount);
    $('financing-form').addEventListener('submit', submitFinancing);
    $('list-kind').addEventListener('change', () => { state.page = 0; loadSubmissions(); });
    $('refresh-button').addEventListener('click', loadSubmissions);
    $('previous-page').addEventListener('click', () => { state.page = Math.max(0, state.page - 1); loadSubmissions(); });
    $('next-page').addEventListener('click', () => { state.page++; loadSubmissions(); });
    $('country').addEventListener('change', refresh);
    auth.on('signed-in', refresh);
    onKindChange();
    auth.on('signed-out', () => {
      $('submissions').textContent = '';
      $('history').hidden = true;
      $('import-report').hidden = true;
      readUser();
    });
    if (!auth.isSignedIn()) {
      // the countries come from the token: sign in first ('signed-in' then refreshes the page)
      await auth.signIn();
    }
    await refresh();
    document.body.dataset.ready = 'true';
  }

  start().catch(error => { $('page-error').textContent = t('error.generic', { detail: error.message }); });
})();
