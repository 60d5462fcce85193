/*
 * spmonitor country team workspace: import a CSV or DHIS2 file (dry run first, then confirm), list the
 * team's submissions with their version history, and submit or correct one count or financing report.
 * For validators (and administrators): the country's submissions waiting for review (counts, financing
 * reports, indicator results) with what each version changed, validated or returned one by one (on the
 * version shown: a 409 says it changed meanwhile), or validated by period or by import (ADR 0019).
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

  const state = { config: null, countries: [], admin: false, validator: false, page: 0, pending: null,
    programmeNames: {}, reviewItems: {}, reviewLoad: 0, returning: null };

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
    // validators (and administrators) review the country's submissions; the services check it again
    state.validator = state.admin || roles.includes('validator');
    $('review').hidden = !state.validator;
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
    const validatorOnly = state.validator && !state.admin && !roles.includes('reporter');
    $('scope').textContent = state.everyCountry ? t('ws.scope.admin')
      : !state.countries.length ? t('ws.scope.none')
        : t(validatorOnly ? 'ws.review.scope' : 'ws.scope', { countries: state.countries.join(', ') });
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
    if (!response.ok) {
      box.hidden = false;
      box.textContent = t('ws.history.title', { id }) + ': ' + t('error.generic', { detail: response.status });
      return;
    }
    renderVersions(box, t('ws.history.title', { id }), versionEntries(counts ? 'counts' : 'financing', response.body.history));
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

  // ---------- versions: what each one holds and what it changed ----------
  /** A count's figures as flat "name -> value" pairs, to show and compare versions. */
  function countFigures(count) {
    const flat = { total: count.total };
    ['sex', 'ageGroup', 'withDisability', 'informalEconomy'].forEach(group => Object.entries(count[group] || {})
      .filter(([, value]) => value !== null && value !== undefined)
      .forEach(([part, value]) => { flat[group + '.' + part] = value; }));
    return flat;
  }
  /** A financing report's content as flat pairs: currency, GDP, and each line's amounts. */
  function reportFigures(report) {
    const flat = { currency: report.currency };
    ['gdp', 'totalGovernmentExpenditure'].filter(name => report[name]).forEach(name => { flat[name] = report[name]; });
    (report.lines || []).forEach(line => ['allocated', 'executed'].filter(amount => line[amount])
      .forEach(amount => { flat['line.' + line.function + '.' + line.source + '.' + amount] = line[amount]; }));
    return flat;
  }
  function figureLabel(key) {
    const parts = key.split('.');
    if (parts[0] === 'line') {
      return t('ws.review.figure.line', { function: t('ws.function.' + parts[1]), source: t('ws.source.' + parts[2]),
        amount: t('ws.review.figure.' + parts[3]) });
    }
    const own = ['total', 'sex.female', 'sex.male', 'sex.unknown', 'currency', 'gdp', 'totalGovernmentExpenditure', 'value'];
    return own.includes(key) ? t('ws.review.figure.' + key) : key;
  }
  function figureValue(value) {
    return value === undefined || value === null ? '–' : typeof value === 'number' ? i18n.number(value) : String(value);
  }
  function describe(figures) {
    return Object.entries(figures).map(([key, value]) => figureLabel(key) + ' ' + figureValue(value)).join(', ');
  }
  /** What changed from {@code before} to {@code after}: "Total people 1,000 → 1,200; ...", empty when nothing. */
  function changes(before, after) {
    const keys = Array.from(new Set(Object.keys(before).concat(Object.keys(after))));
    return keys.filter(key => String(before[key]) !== String(after[key]))
      .map(key => t('ws.review.change', { name: figureLabel(key), before: figureValue(before[key]),
        after: figureValue(after[key]) })).join('; ');
  }
  function reviewText(decision, comment) {
    return decision === 'VALIDATED' ? t('ws.status.validated') + (comment ? ': ' + comment : '')
      : t('ws.status.returned', { comment: comment || '' });
  }
  /** Versions {version, at, by, channel, what, changed} from the figures of each: each compared with the one before. */
  function withChanges(entries) {
    let previous = null;
    return entries.map(entry => {
      if (!entry.figures) { return Object.assign({ changed: '' }, entry); }
      const changed = previous ? changes(previous, entry.figures) || t('ws.review.noChange') : t('ws.review.firstVersion');
      previous = entry.figures;
      return Object.assign({ what: describe(entry.figures), changed }, entry);
    });
  }
  /** The versions of a count ("counts") or a financing report, from the history GET answers. */
  function versionEntries(kind, history) {
    return withChanges((history || []).map(v => {
      const entry = { version: v.version, at: v.at, by: v.by, channel: v.channel || '' };
      const review = kind === 'counts' ? (/^(VALIDATED|RETURNED)$/.test(v.change) ? v.change : null) : v.review;
      if (review) { return Object.assign(entry, { what: reviewText(review, kind === 'counts' ? v.reason : v.comment) }); }
      if (v.change === 'WITHDRAWN' || v.action === 'WITHDRAWN') {
        return Object.assign(entry, { what: t('ws.history.withdrawn', { reason: v.reason || '' }) });
      }
      return Object.assign(entry, { figures: kind === 'counts' ? countFigures(v) : reportFigures(v.report || {}) });
    }));
  }
  /** The versions of one indicator result, from its programme's history (each change names its field). */
  function indicatorEntries(history, code, period) {
    const field = 'indicators.' + code + '.results.' + period;
    return withChanges(((history && history.versions) || []).map(v => {
      const change = (v.changes || []).find(c => c.field === field || c.field === field + '.review');
      if (!change) { return null; }
      const entry = { version: v.version, at: v.at, by: v.by, channel: '' };
      if (change.field === field) { return Object.assign(entry, { figures: { value: change.current } }); }
      const review = change.current && typeof change.current === 'object' ? change.current : { state: change.current };
      return Object.assign(entry, { what: reviewText(review.state, review.comment) });
    }).filter(Boolean));
  }
  /** The version history as a table in {@code box}, which gets the focus. */
  function renderVersions(box, title, entries) {
    box.innerHTML = '';
    box.hidden = false;
    const heading = document.createElement('h3');
    heading.textContent = title;
    box.appendChild(heading);
    box.appendChild(table(t('ws.history.caption'), [t('ws.report.version'), t('ws.history.at'), t('ws.history.by'),
      t('ws.history.channel'), t('ws.history.what'), t('ws.review.changed')],
    entries.map(e => [e.version, i18n.dateTime(e.at), e.by, e.channel, e.what, e.changed])));
    box.focus();
  }

  // ---------- review: what waits for a validator of the country (ADR 0019) ----------
  const REVIEW_LIST_SIZE = 100;
  const KINDS = ['counts', 'financing', 'indicators'];

  function programmeLabel(id) {
    const name = state.programmeNames[id];
    return id ? (name ? name + ' (' + id + ')' : id) : t('ws.list.wholeCountry');
  }
  function reviewPeriod() { return $('review-period').value.trim(); }

  /**
   * What waits for review in one write service's list ({@code base}, e.g. /api/v1/beneficiary-counts, with
   * {@code filter}), as review items: {items, total} or {error}. {@code toItem} gives each one's id, version,
   * who and when, and its cells; the review path and the version history come from {@code base} and the id.
   */
  async function waitingList(kind, api, base, filter, period, toItem) {
    const response = await call(api, base + '?review=SUBMITTED&' + filter + '&country=' + encodeURIComponent(country())
      + (period ? '&period=' + encodeURIComponent(period) : '') + '&size=' + REVIEW_LIST_SIZE,
    { headers: { Accept: 'application/json' } });
    if (!response.ok) { return { error: response }; }
    return { total: response.body.totalItems, items: response.body.items.map(toItem).map(item => {
      const path = base + '/' + encodeURIComponent(item.id);
      return Object.assign(item, { kind, label: t('ws.review.label', { id: item.id, version: item.version }),
        review: { api, path: path + '/review' },
        versions: async () => {
          const one = await call(api, path);
          return one.ok ? versionEntries(kind, one.body.history) : null;
        } });
    }) };
  }

  /** Counts waiting for review (not withdrawn). */
  function waitingCounts(period) {
    return waitingList('counts', 'beneficiaryApi', '/api/v1/beneficiary-counts', 'withdrawn=false', period, c => ({
      id: c.countId, version: c.version, by: c.updatedBy, at: c.updatedAt,
      cells: [programmeLabel(c.programmeId), c.period, t('ws.targetGroup.' + c.targetGroup) + ', '
        + t('ws.measure.' + c.measure).toLowerCase(), describe(countFigures(c))]
    }));
  }

  /** Financing reports waiting for review (not withdrawn). */
  function waitingReports(period) {
    return waitingList('financing', 'financingApi', '/api/v1/financing-reports', 'status=SUBMITTED', period, r => ({
      id: r.reportId, version: r.version, by: r.updatedBy, at: r.updatedAt,
      cells: [programmeLabel(r.programmeId), r.period, t('ws.review.inCurrency', { currency: r.currency }),
        describe(reportFigures(r))]
    }));
  }

  /** Indicator results waiting for review, from the indicators of each programme of the country. */
  async function waitingResults(period) {
    const items = [];
    let error = null;
    await Promise.all(Object.keys(state.programmeNames).map(async programmeId => {
      const base = '/api/v1/programmes/' + encodeURIComponent(programmeId);
      const response = await call('programmeApi', base + '/indicators', { headers: { Accept: 'application/json' } });
      if (!response.ok) { error = error || response; return; }
      let history = null; // the programme's history, read once for all its results
      const versions = async (code, resultPeriod) => {
        history = history || call('programmeApi', base + '/history', { headers: { Accept: 'application/json' } });
        const answer = await history;
        return answer.ok ? indicatorEntries(answer.body, code, resultPeriod) : null;
      };
      (response.body || []).forEach(indicator => (indicator.results || [])
        .filter(r => r.review === 'SUBMITTED' && (!period || r.period === period))
        .forEach(r => items.push({
          kind: 'indicators', id: programmeId + '/' + indicator.code + '/' + r.period, version: r.version,
          by: r.reportedBy, at: r.reportedAt, reviewable: r.version !== null && r.version !== undefined,
          label: t('ws.review.indicatorLabel', { code: indicator.code, period: r.period, programme: programmeId,
            version: r.version }),
          cells: [programmeLabel(programmeId), r.period, indicator.code + ': ' + indicator.name,
            t('ws.review.figure.value') + ' ' + r.actualValue + (indicator.unit ? ' ' + indicator.unit : '')],
          review: { api: 'programmeApi', path: base + '/indicators/' + encodeURIComponent(indicator.code) + '/results/'
            + encodeURIComponent(r.period) + '/review' },
          versions: () => versions(indicator.code, r.period)
        })));
    }));
    items.sort((a, b) => a.id.localeCompare(b.id));
    return error && !items.length ? { error } : { total: items.length, items };
  }

  /** Lists what waits for review in the chosen country (and period, if one is given). */
  async function loadReview() {
    if (!state.validator) { return; }
    const box = $('review-lists');
    const form = $('review-filter');
    clearErrors(form);
    if (!country()) { box.textContent = t('ws.list.noCountry'); return; }
    const period = reviewPeriod();
    if (period && !PERIOD.test(period)) {
      showViolations(form, $('review-filter-error'), [{ field: 'period', message: t('ws.validation.period') }], '');
      return;
    }
    const load = ++state.reviewLoad;
    box.setAttribute('aria-busy', 'true');
    const lists = await Promise.all([waitingCounts(period), waitingReports(period), waitingResults(period)]);
    // the figures each version changed (a first version needs no reading)
    await Promise.all(lists.flatMap(list => list.items || []).map(async item => {
      const entries = item.kind === 'indicators' || item.version > 1 ? await item.versions() : null;
      const last = entries && entries.filter(e => e.figures).pop();
      item.changed = last ? last.changed : entries ? '' : t('ws.review.firstVersion');
    }));
    if (load !== state.reviewLoad) { return; } // a later load has begun
    box.innerHTML = '';
    box.removeAttribute('aria-busy');
    state.reviewItems = {};
    KINDS.forEach((kind, i) => box.appendChild(reviewTable(kind, lists[i], period)));
  }

  function reviewTable(kind, list, period) {
    if (list.error) {
      const p = document.createElement('p');
      p.className = 'ws-error';
      p.textContent = t('ws.review.listFailed', { what: t('ws.review.kind.' + kind),
        detail: (list.error.body && list.error.body.detail) || list.error.status });
      return p;
    }
    const where = period ? country() + ' ' + period : country();
    if (!list.items.length) {
      const p = document.createElement('p');
      p.id = 'review-' + kind + '-none';
      p.textContent = t('ws.review.none.' + kind, { where });
      return p;
    }
    const rows = list.items.map(item => {
      state.reviewItems[item.kind + ':' + item.id] = item;
      return item.cells.concat([item.version, (item.by || '') + ', ' + i18n.dateTime(item.at), item.changed,
        reviewActions(item)]);
    });
    const caption = t('ws.review.caption.' + kind, { where, count: i18n.number(list.total) })
      + (list.total > list.items.length ? ' ' + t('ws.review.firstOnly', { shown: i18n.number(list.items.length) }) : '');
    const wrap = table(caption, [t('ws.field.programmeId'), t('ws.field.period'), t('ws.review.submission'),
      t('ws.review.figures'), t('ws.report.version'), t('ws.review.submittedBy'), t('ws.review.changed'),
      t('ws.list.actions')], rows);
    wrap.id = 'review-' + kind;
    return wrap;
  }

  function reviewActions(item) {
    const actions = document.createElement('span');
    actions.className = 'ws-row-actions';
    const button = (text, label, onClick) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'link-button';
      b.textContent = text;
      b.setAttribute('aria-label', label);
      b.addEventListener('click', () => onClick(b));
      return b;
    };
    const versions = button(t('ws.review.versions'), t('ws.review.versionsOf', { what: item.label }), async () => {
      const entries = await item.versions();
      if (entries) { renderVersions($('review-versions'), t('ws.history.title', { id: item.id }), entries); }
    });
    if (item.reviewable === false) {
      actions.append(versions, ' ', t('ws.review.notReviewable'));
      return actions;
    }
    const validate = button(t('ws.review.validate'), t('ws.review.validateOf', { what: item.label }),
      b => validateOne(item, b));
    validate.dataset.action = 'validate';
    const send = button(t('ws.review.return'), t('ws.review.returnOf', { what: item.label }), b => openReturn(item, b));
    send.dataset.action = 'return';
    actions.append(validate, ' ', send, ' ', versions);
    return actions;
  }

  function decide(item, decision, comment) {
    const body = { decision, version: item.version };
    if (comment !== undefined) { body.comment = comment; }
    return call(item.review.api, item.review.path, { method: 'POST', headers: { 'Content-Type': 'application/json',
      Accept: 'application/json', 'Idempotency-Key': newKey() }, body: JSON.stringify(body) });
  }

  /** The outcome of an action, shown above the lists, announced, and focused. */
  function reviewMessage(message, isError) {
    const p = $('review-result');
    p.className = isError ? 'ws-error' : 'ws-result';
    p.textContent = message;
    announce(message);
    p.focus();
  }

  async function validateOne(item, button) {
    if (button.disabled) { return; }
    busy(button, true);
    try {
      const response = await decide(item, 'VALIDATED');
      if (response.ok) { await afterReview(t('ws.review.validated', { what: item.label }), false); return; }
      await reviewFailed(item, response);
    } finally {
      busy(button, false);
    }
  }

  /** The lists again (the reviewed submission leaves the review list; the team's list shows its state). */
  async function afterReview(message, isError) {
    $('review-return').hidden = true;
    state.returning = null;
    await Promise.all([loadReview(), loadSubmissions()]);
    reviewMessage(message, isError);
  }

  /** 409: the submission changed meanwhile (a correction, another validator): say so and show the list as it is now. */
  async function reviewFailed(item, response) {
    const problem = response.body && typeof response.body === 'object' ? response.body : {};
    if (response.status === 409 || response.status === 404) {
      await afterReview(t('ws.review.conflict', { what: item.label, detail: problem.detail || '' }), true);
      return;
    }
    reviewMessage(response.status === 403 ? t('ws.error.forbidden', { detail: problem.detail || '' })
      : t('error.generic', { detail: problem.detail || problem.title || response.status }), true);
  }

  function openReturn(item, button) {
    state.returning = { item, button };
    const form = $('review-return-form');
    clearErrors(form);
    form.reset();
    $('review-return-title').textContent = t('ws.review.returnTitle', { what: item.label });
    $('review-return').hidden = false;
    $('review-comment').focus();
  }

  function closeReturn() {
    const returning = state.returning;
    $('review-return').hidden = true;
    state.returning = null;
    const back = returning && returning.button;
    (back && back.isConnected ? back : $('review-title')).focus();
  }

  async function submitReturn(event) {
    event.preventDefault();
    const returning = state.returning;
    if (!returning) { return; }
    const form = $('review-return-form');
    clearErrors(form);
    const comment = $('review-comment').value;
    if (!comment.trim()) {
      showViolations(form, $('review-return-error'), [{ field: 'comment', message: t('ws.review.commentRequired') }],
        t('ws.error.invalid'));
      return;
    }
    const button = $('review-return-submit');
    if (button.disabled) { return; }
    busy(button, true);
    try {
      const response = await decide(returning.item, 'RETURNED', comment);
      if (response.ok) {
        await afterReview(t('ws.review.returned', { what: returning.item.label }), false);
      } else if (response.status === 400) {
        showProblem(form, $('review-return-error'), response);
      } else {
        $('review-return').hidden = true;
        await reviewFailed(returning.item, response);
      }
    } finally {
      busy(button, false);
    }
  }

  // ---------- review many at once: a period of the country, or an import ----------
  function bulkCall(kind, api, path, body) {
    return call(api, path, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json',
      'Idempotency-Key': newKey() }, body: JSON.stringify(body) }).then(response => ({ kind, response, path }));
  }

  async function validatePeriod() {
    const form = $('review-filter');
    clearErrors(form);
    const period = reviewPeriod();
    if (!PERIOD.test(period)) {
      showViolations(form, $('review-filter-error'), [{ field: 'period',
        message: period ? t('ws.validation.period') : t('ws.review.periodRequired') }], '');
      return;
    }
    const button = $('review-validate-period');
    if (button.disabled) { return; }
    busy(button, true);
    try {
      const body = { decision: 'VALIDATED', country: country(), period };
      const results = await waitingResults(period);
      const programmes = Array.from(new Set((results.items || []).filter(i => i.reviewable).map(i => i.id.split('/')[0])));
      const parts = await Promise.all([
        bulkCall('counts', 'beneficiaryApi', '/api/v1/beneficiary-counts/reviews', body),
        bulkCall('financing', 'financingApi', '/api/v1/financing-reports/reviews', body)]
        .concat(programmes.map(id => bulkCall('indicators', 'programmeApi', '/api/v1/programmes/' + encodeURIComponent(id)
          + '/indicator-results/reviews', { decision: 'VALIDATED', period }).then(part => Object.assign(part, { programmeId: id })))));
      await bulkDone(form, $('review-filter-error'), t('ws.review.bulk.periodTitle', { country: country(), period }), parts);
    } finally {
      busy(button, false);
    }
  }

  async function validateImport(event) {
    event.preventDefault();
    const form = $('review-import-form');
    clearErrors(form);
    const importId = $('review-import-id').value.trim();
    if (!importId) {
      showViolations(form, $('review-import-error'), [{ field: 'importId', message: t('ws.review.importIdRequired') }], '');
      return;
    }
    const button = $('review-validate-import');
    if (button.disabled) { return; }
    busy(button, true);
    try {
      const body = { decision: 'VALIDATED', importId };
      const parts = await Promise.all([
        bulkCall('counts', 'beneficiaryApi', '/api/v1/beneficiary-counts/reviews', body),
        bulkCall('financing', 'financingApi', '/api/v1/financing-reports/reviews', body)]);
      await bulkDone(form, $('review-import-error'), t('ws.review.bulk.importTitle', { id: importId }), parts);
    } finally {
      busy(button, false);
    }
  }

  /** Shows a bulk review's results: the tallies, one row per submission, and any part the services refused. */
  async function bulkDone(form, formError, title, parts) {
    const invalid = parts.find(p => p.response.status === 400);
    if (invalid) { showProblem(form, formError, invalid.response); return; }
    const box = $('review-bulk');
    box.innerHTML = '';
    box.hidden = false;
    const heading = document.createElement('h3');
    heading.textContent = title;
    box.appendChild(heading);
    const done = parts.filter(p => p.response.ok);
    const sum = name => done.reduce((s, p) => s + (p.response.body[name] || 0), 0);
    const summary = document.createElement('dl');
    summary.className = 'ws-summary';
    ['reviewed', 'unchanged', 'conflicts'].forEach(name => {
      const div = document.createElement('div');
      div.dataset.figure = name;
      const dt = document.createElement('dt');
      dt.textContent = t('ws.review.bulk.' + name);
      const dd = document.createElement('dd');
      dd.textContent = i18n.number(sum(name));
      div.append(dt, dd);
      summary.appendChild(div);
    });
    box.appendChild(summary);
    const rows = done.flatMap(p => (p.response.body.items || []).map(i => [t('ws.review.kind.' + p.kind),
      i.countId || i.reportId || (p.programmeId + ' ' + i.indicatorCode + ' ' + i.period),
      i.conflict ? t('ws.review.bulk.conflict', { detail: i.conflict })
        : i.outcome === 'UPDATED' ? t('ws.review.bulk.validated', { version: i.version }) : t('ws.review.bulk.same')]));
    if (rows.length) {
      const list = table(t('ws.review.bulk.caption'), [t('ws.review.kind'), t('ws.report.id'), t('ws.report.outcome')], rows);
      list.id = 'review-bulk-items';
      box.appendChild(list);
    } else {
      const p = document.createElement('p');
      p.textContent = t('ws.review.bulk.nothing');
      box.appendChild(p);
    }
    parts.filter(p => !p.response.ok).forEach(p => {
      const problem = p.response.body && typeof p.response.body === 'object' ? p.response.body : {};
      const failed = document.createElement('p');
      failed.className = 'ws-error';
      failed.textContent = t('ws.review.bulk.failed', { what: t('ws.review.kind.' + p.kind),
        detail: problem.detail || problem.title || p.response.status });
      box.appendChild(failed);
    });
    await Promise.all([loadReview(), loadSubmissions()]);
    announce(title + ': ' + t('ws.review.bulk.summary', { reviewed: sum('reviewed'), unchanged: sum('unchanged'),
      conflicts: sum('conflicts') }));
    box.focus();
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
    state.programmeNames = {};
    if (!country()) { return; }
    const response = await call('programmeApi', '/api/v1/programmes?country=' + encodeURIComponent(country())
      + '&size=100', { headers: { Accept: 'application/json' } });
    if (!response.ok || !response.body || !Array.isArray(response.body.items)) { return; }
    response.body.items.forEach(p => {
      list.appendChild(option(p.id, p.name || ''));
      state.programmeNames[p.id] = p.name || '';
    });
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
    await Promise.all([loadProgrammes().then(loadReview), loadSubmissions(), loadOwed()]);
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
    $('review-filter').addEventListener('submit', event => { event.preventDefault(); loadReview(); });
    $('review-validate-period').addEventListener('click', validatePeriod);
    $('review-import-form').addEventListener('submit', validateImport);
    $('review-return-form').addEventListener('submit', submitReturn);
    $('review-return-cancel').addEventListener('click', closeReturn);
    $('review-return').addEventListener('keydown', event => { if (event.key === 'Escape') { closeReturn(); } });
    auth.on('signed-in', refresh);
    onKindChange();
    auth.on('signed-out', () => {
      $('submissions').textContent = '';
      $('history').hidden = true;
      $('import-report').hidden = true;
      $('review-lists').textContent = '';
      $('review-return').hidden = true;
      $('review-bulk').hidden = true;
      $('review-versions').hidden = true;
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
