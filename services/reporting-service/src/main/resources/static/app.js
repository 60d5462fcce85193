/*
 * spmonitor donor dashboard: global, country and programme views over the dashboards API, live via
 * server-sent events. Every request carries the signed-in user's bearer token (auth.js); the event
 * stream is read with fetch (event-stream.js), since EventSource cannot send one.
 *
 * Every label comes from i18n/dashboard.<lang>.json and every number and date is formatted in the
 * chosen language (i18n.js). The view is all in the URL's hash, so a link shares it and a reload
 * restores it: #/countries/KHM?year=2025&donor=EU&targetGroup=CHILDREN&q=cash. Without a year the
 * page opens on the latest year that has data. validation=validated switches every view to validated
 * figures only (ADR 0019); either way the page shows the share of beneficiary counts validated.
 * asOf=YYYY-MM-DD shows every view, its links and its exports as they were at the end of that day (UTC),
 * with live updates paused (ADR 0021); the country and programme pages open the audit trail of their
 * figures, and the country and world pages show the reporting completeness (ADR 0020).
 */
(function () {
  'use strict';

  const API = '/api/v1/dashboards';
  const WORLD_MAP = 'vendor/world-atlas-2.0.2/countries-110m.json';
  const auth = window.spmonitorAuth;
  const I = window.spmonitorI18n;
  const T = (key, params) => I.t(key, params);
  const CODES = window.spmonitorCountryCodes || {};
  const COLOURS = ['#0b4f8a', '#d97706', '#15803d', '#b91c1c', '#6d28d9', '#0e7490', '#a16207', '#be185d'];
  /** The programme filters, in the order of the URL and of the filter bar; each is a query parameter of the API. */
  const FILTERS = ['donor', 'partner', 'targetGroup', 'floorGuarantee', 'branch'];
  const CODE_LISTS = {
    targetGroup: ['CHILDREN', 'MOTHERS_WITH_NEWBORNS', 'PERSONS_WITH_DISABILITIES', 'UNEMPLOYED', 'OLDER_PERSONS',
      'WORK_INJURY_VICTIMS', 'POOR_AND_VULNERABLE', 'INFORMAL_ECONOMY_WORKERS'],
    floorGuarantee: ['HEALTH_CARE', 'CHILDREN', 'WORKING_AGE', 'OLDER_PERSONS'],
    branch: ['MEDICAL_CARE', 'SICKNESS', 'UNEMPLOYMENT', 'OLD_AGE', 'EMPLOYMENT_INJURY', 'FAMILY', 'MATERNITY',
      'INVALIDITY', 'SURVIVORS']
  };
  /* Export formats offered beside each view: our CSV and SDMX-CSV 2.0.0 (ILOSTAT's SDG 1.3.1 shape, docs/sdmx-export.md). */
  const EXPORT_FORMATS = [{ format: 'csv', key: 'export.csv' }, { format: 'sdmx-csv', key: 'export.sdmx' }];
  /** Figures at or above this are shown compact on cards (e.g. $2.69 bn), the exact value on hover. */
  const COMPACT_FROM = 1e6;

  const charts = [];
  let current = null;       // { kind, id, year, filters, q }
  let reloadTimer = null;
  let updates = 0;
  let stream = null;        // the live event stream, while signed in
  let signedOut = false;    // the user signed out: the page waits for a new sign-in to show anything
  let waitingForSignIn = false; // a sign-in did not complete before any view was shown: the page asks for one
  let worldMap = null;      // the map's features, loaded once
  let optionsYear = null;   // the year whose donors and partners fill the filter bar
  let view = 'all';         // which figures: 'all' (every accepted figure) or 'validated' (validated only)
  let asOf = null;          // the day the figures are shown as of ('YYYY-MM-DD', its end in UTC), or null: live
  let paused = false;       // the live stream was closed for a view as of a date; it reopens back on live figures
  let auditOpener = null;   // the button that opened the audit trail, focused again when it closes

  const main = document.getElementById('main');
  const yearSelect = document.getElementById('year');
  const validationSelect = document.getElementById('validation');
  const asOfInput = document.getElementById('as-of');
  const auditDialog = document.getElementById('audit-dialog');
  const selection = document.getElementById('selection');

  // ---------- formatting, in the chosen language ----------
  const cents = new Intl.NumberFormat(I.lang, { style: 'currency', currency: 'USD', minimumFractionDigits: 2,
    maximumFractionDigits: 2 });
  const regionNames = (() => {
    try { return new Intl.DisplayNames([I.lang], { type: 'region' }); } catch (e) { return null; }
  })();
  function isMissing(v) { return v === null || v === undefined; }
  function missing(reason) {
    return '<span class="missing" title="' + esc(reason || T('value.notAvailable')) + '">' + esc(T('value.missing')) + '</span>';
  }
  function notReported() { return '<span class="none">' + esc(T('value.notReported')) + '</span>'; }
  /** A figure that fits its card: compact when large, the exact value as its title and for screen readers. */
  function fitted(exact, compact, large) {
    if (!large) { return esc(exact); }
    return '<span class="fit" title="' + esc(exact) + '" aria-hidden="true">' + esc(compact) + '</span>'
      + '<span class="visually-hidden">' + esc(exact) + '</span>';
  }
  function money(f, v) { return !f || f.reports === 0 ? notReported() : usd(v, rateReason(f)); }
  function num(v, reason) { return isMissing(v) ? missing(reason) : esc(I.number(v)); }
  function usd(v, reason) { return isMissing(v) ? missing(reason) : esc(I.money(v, 'USD')); }
  /** For cards: compact above a million, exact on hover. */
  function numFit(v, reason) {
    return isMissing(v) ? missing(reason) : fitted(I.number(v), I.compactNumber(v), Math.abs(Number(v)) >= COMPACT_FROM);
  }
  function usdFit(v, reason) {
    return isMissing(v) ? missing(reason)
      : fitted(I.money(v, 'USD'), I.compactMoney(v, 'USD'), Math.abs(Number(v)) >= COMPACT_FROM);
  }
  function moneyFit(f, v) { return !f || f.reports === 0 ? notReported() : usdFit(v, rateReason(f)); }
  function usdPerPerson(v, reason) { return isMissing(v) ? missing(reason) : esc(cents.format(Number(v))); }
  function pct(v, digits, reason) { return isMissing(v) ? missing(reason) : esc(I.percent(v, digits)); }
  function decimal(v) {
    return isMissing(v) ? missing() : esc(new Intl.NumberFormat(I.lang, { maximumFractionDigits: 2 }).format(Number(v)));
  }
  function date(v) { return isMissing(v) ? '' : esc(I.date(v + (String(v).length === 10 ? 'T00:00:00Z' : ''))); }
  function esc(s) {
    return String(s === null || s === undefined ? '' : s).replace(/[&<>"']/g,
      c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  }
  /** A code of the domain (status, target group, branch, ...) in the chosen language. */
  function label(code) {
    if (isMissing(code) || code === '') { return ''; }
    const key = 'code.' + code;
    const text = T(key);
    return text === key ? String(code).toLowerCase().replace(/_/g, ' ').replace(/^./, c => c.toUpperCase()) : text;
  }
  /** A country's name in the chosen language, from its ISO 3166-1 alpha-3 code. */
  function countryName(iso3) {
    const codes = CODES[iso3];
    if (!codes || !regionNames) { return iso3; }
    try { return regionNames.of(codes[0]) || iso3; } catch (e) { return iso3; }
  }
  function countryLink(iso3, year, filters) {
    return '<a href="' + href('country', iso3, year, filters) + '" title="' + esc(iso3) + '">' + esc(countryName(iso3)) + '</a>';
  }
  /** Beside a total missing for want of a rate: the part known, as a plain-text hint. */
  function knownHint(f) {
    if (!f || !f.excluded || !f.excluded.length || isMissing(f.executedUsdKnown)) { return undefined; }
    return T('hint.knownSoFar', { amount: I.money(f.executedUsdKnown, 'USD'),
      without: f.excluded.map(e => e.currency + ' ' + e.year).join(', ') });
  }
  function rateReason(financing) {
    if (!financing || !financing.missingRates || financing.missingRates.length === 0) {
      return T('reason.noFinancing');
    }
    return T('reason.noRate', { rates: financing.missingRates.map(m => m.currency + ' ' + m.year).join(', ') });
  }

  // ---------- routing: the whole view is in the hash ----------
  function parseRoute() {
    const hash = location.hash.replace(/^#/, '') || '/';
    const [path, query] = hash.split('?');
    const params = new URLSearchParams(query || '');
    const parts = path.split('/').filter(Boolean);
    const year = params.get('year') ? Number(params.get('year')) : null;
    const filters = {};
    FILTERS.forEach(name => { if (params.get(name)) { filters[name] = params.get(name); } });
    const q = params.get('q') || '';
    const validation = params.get('validation') === 'validated' ? 'validated' : 'all';
    const day = isDay(params.get('asOf')) ? params.get('asOf') : null;
    if (parts[0] === 'countries' && parts[1]) {
      return { kind: 'country', id: parts[1].toUpperCase(), year, filters, q, validation, asOf: day };
    }
    if (parts[0] === 'programmes' && parts[1]) {
      return { kind: 'programme', id: decodeURIComponent(parts[1]), year, filters, q, validation, asOf: day };
    }
    return { kind: 'global', id: null, year, filters, q, validation, asOf: day };
  }
  /** A calendar day as the date control gives it (YYYY-MM-DD) that exists. */
  function isDay(value) {
    return /^\d{4}-\d{2}-\d{2}$/.test(value || '') && !Number.isNaN(Date.parse(value + 'T00:00:00Z'))
      && new Date(value + 'T00:00:00Z').toISOString().startsWith(value);
  }
  /** The view's query; links keep the figures shown (all or validated only). */
  function query(year, filters, q) {
    const params = new URLSearchParams();
    params.set('year', year);
    FILTERS.forEach(name => { if (filters && filters[name]) { params.set(name, filters[name]); } });
    if (view === 'validated') { params.set('validation', 'validated'); }
    if (asOf) { params.set('asOf', asOf); }
    if (q) { params.set('q', q); }
    return '?' + params.toString();
  }
  /** The API's parameter of the figures shown: validated only, or (absent) every accepted figure. */
  function viewParam() { return view === 'validated' ? '&validation=validated' : ''; }
  /** The API's parameter of the instant shown: the end of the as-of day (UTC), or (absent) now. */
  function asOfParam() { return asOf ? '&asOf=' + encodeURIComponent(endOfDay(asOf)) : ''; }
  /** Both: which figures, and when. Every dashboard call, export and list of the view carries them. */
  function shownParams() { return viewParam() + asOfParam(); }
  function endOfDay(day) { return day + 'T23:59:59.999Z'; }
  /** A day (YYYY-MM-DD) in the chosen language, as the UTC day it names, whatever the browser's time zone. */
  function dayText(day) {
    return new Intl.DateTimeFormat(I.lang, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' })
      .format(new Date(day + 'T00:00:00Z'));
  }
  function href(kind, id, year, filters, q) {
    const y = query(year, filters, q);
    if (kind === 'country') { return '#/countries/' + id + y; }
    if (kind === 'programme') { return '#/programmes/' + encodeURIComponent(id) + y; }
    return '#/' + y;
  }
  /** The API's query parameters of the filters (each also a parameter of the dashboards API). */
  function filterParams(filters) {
    return FILTERS.filter(name => filters && filters[name])
      .map(name => '&' + name + '=' + encodeURIComponent(filters[name])).join('');
  }
  function hasFilters(filters) { return FILTERS.some(name => filters && filters[name]); }

  async function failed(response) {
    let detail = response.statusText || 'HTTP ' + response.status;
    try { detail = (await response.json()).detail || detail; } catch (e) { /* not JSON */ }
    const error = new Error(detail);
    error.status = response.status;
    return error;
  }

  async function getJson(url) {
    const response = await auth.fetch(url, { headers: { Accept: 'application/json' } });
    if (!response.ok) {
      throw await failed(response);
    }
    return response.json();
  }

  /**
   * A part of a view that must not take the view down with it (a list, a series, completeness): its answer,
   * or {problem: {status, detail}} (e.g. a 400 problem: the server does not answer it as of a date yet).
   */
  async function optionalJson(url) {
    try {
      return await getJson(url);
    } catch (error) {
      if (signedOut) { throw error; }
      return { problem: { status: error.status, detail: error.message } };
    }
  }
  /** Where a part of the view could not be had: what and why, in the server's words. */
  function problemNote(problem, what) {
    return '<p class="note" role="status" data-problem="' + esc(what) + '">' + esc(T(asOf ? 'asOf.refused' : 'section.failed',
      { what: T('section.' + what), date: asOf ? dayText(asOf) : '', detail: problem.detail || String(problem.status) }))
      + '</p>';
  }
  /** As of a date, beside a part whose answer does not say it is as of that date: it shows the present. */
  function presentOnlyNote(answer, what) {
    return asOf && answer && !answer.problem && !answer.asOf ? '<p class="note" data-present-only="' + esc(what) + '">'
      + esc(T('asOf.presentOnly', { what: T('section.' + what) })) + '</p>' : '';
  }

  /** An export through fetch (so that it carries the token), handed to the browser as a file. */
  async function download(button) {
    if (button.getAttribute('aria-disabled') === 'true') { return; }
    const text = button.textContent;
    button.setAttribute('aria-disabled', 'true');
    button.textContent = T('export.preparing');
    try {
      const response = await auth.fetch(button.dataset.export, { headers: { Accept: 'text/csv' } });
      if (!response.ok) {
        throw await failed(response);
      }
      const blob = await response.blob();
      const name = fileName(response.headers.get('Content-Disposition')) || 'dashboard.csv';
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = name;
      link.hidden = true;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 60000);
      announce(T('export.downloaded', { name }));
    } catch (error) {
      announce(T('export.failed', { detail: error.message }));
    } finally {
      button.textContent = text;
      button.removeAttribute('aria-disabled');
    }
  }
  function fileName(disposition) {
    const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition || '');
    if (!match) { return null; }
    try { return decodeURIComponent(match[1]); } catch (e) { return match[1]; }
  }
  function announce(message) { document.getElementById('announcer').textContent = message; }

  let latestWithData = null;   // the year the API says the page opens on
  async function loadYears() {
    let years = [];
    try {
      const answer = await getJson(API + '/years' + shownParams().replace('&', '?'));
      years = answer.years || [];
      latestWithData = answer.latestWithData || null;
    } catch (e) { years = []; }
    years = years.slice().sort((a, b) => b - a);
    const selected = yearSelect.value;
    yearSelect.innerHTML = years.map(y => '<option value="' + y + '">' + y + '</option>').join('');
    if (selected && years.includes(Number(selected))) { yearSelect.value = selected; }
    return years;
  }

  /** The latest year that has figures (up to the current year), as the API tells; the current year when none has. */
  async function defaultYear() {
    const years = await loadYears();
    return latestWithData || years[0] || new Date().getUTCFullYear();
  }

  // ---------- the filter bar ----------
  function option(value, text, selected) {
    return '<option value="' + esc(value) + '"' + (selected ? ' selected' : '') + '>' + esc(text) + '</option>';
  }
  function fillSelect(name, values, selectedValue, text) {
    const select = document.getElementById('filter-' + name);
    const list = values.slice();
    if (selectedValue && !list.includes(selectedValue)) { list.push(selectedValue); }
    select.innerHTML = option('', T('filter.all'), !selectedValue)
      + list.map(v => option(v, text ? text(v) : v, v === selectedValue)).join('');
  }
  /** Donors and partners of the year's programmes, the codes of the others; the route's values selected. */
  async function fillFilters(route) {
    if (optionsYear !== route.year) {
      let programmes = [];
      try { programmes = (await getJson(API + '/programmes?year=' + route.year)).programmes || []; } catch (e) { programmes = []; }
      const distinct = key => [...new Set(programmes.flatMap(p => p[key] || []))].sort((a, b) => a.localeCompare(b, I.lang));
      selection.dataset.donors = JSON.stringify(distinct('donors'));
      selection.dataset.partners = JSON.stringify(distinct('partners'));
      optionsYear = route.year;
    }
    fillSelect('donor', JSON.parse(selection.dataset.donors || '[]'), route.filters.donor);
    fillSelect('partner', JSON.parse(selection.dataset.partners || '[]'), route.filters.partner);
    Object.keys(CODE_LISTS).forEach(name => fillSelect(name, CODE_LISTS[name], route.filters[name], label));
    const active = hasFilters(route.filters);
    document.getElementById('filter-clear').hidden = !active;
    document.getElementById('filter-summary').textContent = active
      ? T('filter.active', { filters: FILTERS.filter(n => route.filters[n])
        .map(n => T('filter.' + n) + ': ' + (CODE_LISTS[n] ? label(route.filters[n]) : route.filters[n])).join(', ') })
      : T('filter.none');
    selection.hidden = route.kind === 'programme';
  }
  function filtersFromBar() {
    const filters = {};
    FILTERS.forEach(name => {
      const value = document.getElementById('filter-' + name).value;
      if (value) { filters[name] = value; }
    });
    return filters;
  }

  // ---------- rendering helpers ----------
  function headline(items) {
    return '<dl class="headline">' + items.map(i =>
      '<div><dt id="dt-' + i.key + '">' + esc(i.label) + '</dt><dd data-figure="' + i.key + '" aria-labelledby="dt-' + i.key + '">'
      + i.value + (i.hint ? '<small>' + esc(i.hint) + '</small>' : '') + '</dd></div>').join('') + '</dl>';
  }
  function table(caption, headers, rows, attrs) {
    return '<div class="table-wrap"><table' + (attrs || '') + '><caption>' + esc(caption) + '</caption><thead><tr>'
      + headers.map(h => '<th scope="col"' + (h.num ? ' class="num"' : '') + '>' + esc(h.label) + '</th>').join('')
      + '</tr></thead><tbody>'
      + (rows.length ? rows.join('') : '<tr><td colspan="' + headers.length + '">' + esc(T('table.empty')) + '</td></tr>')
      + '</tbody></table></div>';
  }
  function chartFigure(id, caption, describedBy) {
    return '<figure class="chart"><figcaption id="' + id + '-caption">' + esc(caption) + '</figcaption>'
      + '<div class="chart-box"><canvas id="' + id + '" role="img" aria-labelledby="' + id + '-caption"'
      + (describedBy ? ' aria-describedby="' + describedBy + '"' : '') + '></canvas></div></figure>';
  }
  function chartOptions(options) {
    return Object.assign({ responsive: true, maintainAspectRatio: false, animation: false, locale: I.lang },
      options || {});
  }
  function drawChart(id, type, labels, datasets, options) {
    const canvas = document.getElementById(id);
    if (!canvas || typeof Chart === 'undefined') { return; }
    canvas.setAttribute('aria-label', canvas.getAttribute('aria-label') || describe(labels, datasets));
    const base = { plugins: { legend: { display: datasets.length > 1 || type === 'doughnut' } } };
    charts.push(new Chart(canvas, {
      type,
      data: { labels, datasets: datasets.map((d, i) => Object.assign({
        backgroundColor: type === 'doughnut' ? COLOURS : COLOURS[i % COLOURS.length],
        borderColor: type === 'doughnut' ? '#fff' : COLOURS[i % COLOURS.length]
      }, d)) },
      options: chartOptions(Object.assign(base, options || {}))
    }));
  }
  function describe(labels, datasets) {
    return datasets.map(d => d.label + ': ' + labels.map((l, i) =>
      l + ' ' + (isMissing(d.data[i]) ? T('value.missing') : I.number(d.data[i], Number.isInteger(d.data[i]) ? 0 : 2)))
      .join(', ')).join('; ');
  }
  function destroyCharts() { while (charts.length) { charts.pop().destroy(); } }

  function quarterlyChart(id, quarterly) {
    drawChart(id, 'bar', quarterly.map(q => q.period), [
      { label: T('chart.activeEndOfQuarter'), data: quarterly.map(q => q.activeBeneficiaries) },
      { label: T('chart.newInQuarter'), data: quarterly.map(q => q.newBeneficiaries) }
    ]);
  }
  function breakdownChart(id, breakdown) {
    const keys = Object.keys(breakdown.parts);
    const labels = keys.map(label);
    const data = keys.map(k => breakdown.parts[k]);
    if (breakdown.notReported) { labels.push(T('value.notReported')); data.push(breakdown.notReported); }
    drawChart(id, 'doughnut', labels, [{ label: T('figure.activeBeneficiaries'), data }]);
  }
  function breakdownTable(caption, breakdown) {
    const rows = Object.keys(breakdown.parts).map(k =>
      '<tr><th scope="row">' + esc(label(k)) + '</th><td class="num">' + num(breakdown.parts[k]) + '</td></tr>');
    rows.push('<tr><th scope="row">' + esc(T('value.notReported')) + '</th><td class="num">' + num(breakdown.notReported) + '</td></tr>');
    return table(caption, [{ label: T('table.group') }, { label: T('figure.activeBeneficiaries'), num: true }], rows);
  }

  function financingSection(f, scope, filtered) {
    const reason = rateReason(f);
    let html = '<h2 id="financing">' + esc(T('financing.title')) + '</h2>';
    if (filtered) { html += '<p class="note">' + esc(T('financing.filtered')) + '</p>'; }
    if (!f || f.reports === 0) {
      return html + '<p>' + esc(T('financing.none')) + '</p>';
    }
    if (f.missingRates.length) {
      html += '<p class="note" data-figure="missingRates">' + esc(T('financing.missingRate', {
        rates: f.missingRates.map(m => m.currency + ' ' + m.year).join(', ') })) + '</p>';
    }
    if (f.excluded && f.excluded.length) {
      html += '<p class="note" data-figure="' + scope + 'KnownTotals">' + esc(T('financing.knownSoFar', {
        executed: isMissing(f.executedUsdKnown) ? T('financing.nothingExecuted') : I.money(f.executedUsdKnown, 'USD'),
        allocated: isMissing(f.allocatedUsdKnown) ? '' : I.money(f.allocatedUsdKnown, 'USD'),
        excluded: f.excluded.map(e => e.currency + ' ' + e.year + ' (' + e.countries.join(', ') + ', '
          + T('financing.reports', { count: e.reports }) + ')').join('; '),
        share: isMissing(f.reportsCoveredShare) ? '' : I.percent(f.reportsCoveredShare, 0) })) + '</p>';
    }
    html += headline([
      { key: scope + 'AllocatedUsd', label: T('figure.allocated'), value: usdFit(f.allocatedUsd, reason) },
      { key: scope + 'ExecutedUsd', label: T('figure.executed'), value: usdFit(f.executedUsd, reason) },
      { key: scope + 'ExecutionRate', label: T('figure.executionRate'), value: pct(f.executionRate, 1, T('reason.nothingAllocated')) },
      { key: scope + 'ShareOfGdp', label: T('figure.shareOfGdp'), value: pct(f.spendingShareOfGdp, 2, T('reason.noGdp')) }
    ]);
    html += '<h3 id="' + scope + '-results">' + esc(T('financing.moneyAgainstResults')) + '</h3>' + headline([
      { key: scope + 'CostPerBeneficiary', label: T('figure.costPerBeneficiary'),
        value: usdPerPerson(f.executedUsdPerActiveBeneficiary, T('reason.noCostPerBeneficiary')) },
      { key: scope + 'CostPerTargetPerson', label: T('figure.costPerTargetPerson'),
        value: usdPerPerson(f.executedUsdPerTargetPerson, T('reason.noCostPerTargetPerson')) },
      { key: scope + 'ShareOfGovernmentExpenditure', label: T('figure.shareOfGovernmentExpenditure'),
        value: pct(f.spendingShareOfGovernmentExpenditure, 2, T('reason.noGovernmentExpenditure')) },
      { key: scope + 'AllocatedOnlyShare', label: T('figure.allocatedOnlyShare'),
        value: pct(f.allocatedOnlyShare, 1, T('reason.nothingAllocated')) }
    ]);
    const figureRows = list => list.map(r => '<tr><th scope="row">' + esc(label(r.key)) + '</th><td class="num">'
      + usd(r.allocatedUsd, reason) + '</td><td class="num">' + usd(r.executedUsd, reason) + '</td><td class="num">'
      + pct(r.executionRate, 1, T('reason.nothingAllocated')) + '</td></tr>');
    const headers = [{ label: T('table.function') }, { label: T('table.allocatedUsd'), num: true },
      { label: T('table.executedUsd'), num: true }, { label: T('figure.executionRate'), num: true }];
    html += '<div class="charts">' + chartFigure(scope + '-fin-chart', T('chart.executedByFunction')) + '</div>';
    html += table(T('table.byFunction'), headers, figureRows(f.byFunction));
    html += table(T('table.bySource'), [{ label: T('table.source') }].concat(headers.slice(1)), figureRows(f.bySource));
    return html;
  }
  /** Executed by quarter against the year's budget, so a donor sees whether spending lags it. */
  function quarterlyExecution(quarterly, reason) {
    if (!quarterly.some(q => !isMissing(q.executedUsd) || !isMissing(q.executedUsdKnown))) {
      return '';
    }
    return table(T('table.executionByQuarter'), [{ label: T('table.quarter') },
      { label: T('table.executedInQuarter'), num: true }, { label: T('table.executedToDate'), num: true },
      { label: T('table.shareExecutedToDate'), num: true }],
    quarterly.map(q => '<tr><th scope="row">' + esc(q.period) + '</th><td class="num">'
      + (isMissing(q.executedUsdKnown) ? notReported() : usd(q.executedUsd, reason)) + '</td><td class="num">'
      + usd(q.executedUsdToDate, reason) + '</td><td class="num">'
      + pct(q.executedShareOfAllocatedToDate, 1, T('reason.noBudget')) + '</td></tr>'),
    ' id="quarterly-execution"');
  }
  function drawFinancing(f, scope) {
    if (f && f.reports > 0) {
      drawChart(scope + '-fin-chart', 'bar', f.byFunction.map(r => label(r.key)),
        [{ label: T('table.executedUsd'), maxBarThickness: 36,
          data: f.byFunction.map(r => r.executedUsd === null ? null : Number(r.executedUsd)) }],
        { indexAxis: 'y' });
    }
  }

  function statusCards(byStatus, prefix) {
    return '<dl class="headline">' + Object.keys(byStatus).map(s => '<div><dt>' + esc(label(s)) + '</dt><dd class="status-'
      + s + '"' + (prefix ? ' data-figure="' + prefix + s + '"' : '') + '>' + num(byStatus[s]) + '</dd></div>').join('') + '</dl>';
  }
  /** Overdue when the due date has passed (in or before the year shown) and the milestone is not achieved. */
  function isOverdue(m, year) {
    if (!m.dueDate || m.status === 'ACHIEVED') { return false; }
    return m.dueDate < new Date().toISOString().substring(0, 10) && Number(m.dueDate.substring(0, 4)) <= year;
  }
  function overdueBadge() { return ' <strong class="overdue">' + esc(T('milestones.overdue')) + '</strong>'; }
  function milestonesSection(byStatus, milestones, year) {
    let html = '<h2 id="milestones">' + esc(T('milestones.title')) + '</h2>' + statusCards(byStatus, 'milestones-');
    html += table(T('milestones.title'), [{ label: T('milestones.milestone') }, { label: T('milestones.due') },
      { label: T('milestones.status') }, { label: T('milestones.note') }],
    milestones.map(m => '<tr' + (isOverdue(m, year) ? ' class="is-overdue"' : '') + '><th scope="row">' + esc(m.title)
      + '</th><td>' + date(m.dueDate) + '</td><td class="status-' + esc(m.status) + '">' + esc(label(m.status))
      + (isOverdue(m, year) ? overdueBadge() : '') + '</td><td>' + esc(m.note) + '</td></tr>'));
    return html;
  }
  /** Milestones overdue in the programmes listed, whatever year they were due in. */
  function overdueSection(answer, year) {
    const programmes = answer.programmes || [];
    if (answer.problem) { return ''; }
    const rows = [];
    programmes.forEach(p => (p.overdueMilestones || []).forEach(m => rows.push('<tr class="is-overdue"><th scope="row">'
      + esc(m.title) + '</th><td><a href="' + href('programme', p.programmeId, year) + '">' + esc(p.name || p.programmeId)
      + '</a></td><td><span title="' + esc(p.country) + '">' + esc(countryName(p.country)) + '</span></td><td>'
      + date(m.dueDate) + '</td><td class="status-' + esc(m.status) + '">' + esc(label(m.status)) + '</td></tr>')));
    return '<h2 id="overdue">' + esc(T('milestones.overdueTitle')) + '</h2><p class="subtitle">'
      + esc(T('milestones.overdueHelp', { year })) + '</p>'
      + table(T('milestones.overdueTitle'), [{ label: T('milestones.milestone') }, { label: T('programmes.programme') },
        { label: T('programmes.country') }, { label: T('milestones.due') }, { label: T('milestones.status') }], rows,
      ' id="overdue-milestones" data-count="' + rows.length + '"');
  }
  function indicatorsSection(indicators, scope) {
    return '<h2 id="indicators">' + esc(T('indicators.title')) + '</h2>'
      + (indicators.length ? '<div class="charts">' + chartFigure(scope + '-indicators', T('indicators.chart'),
        scope + '-indicators-table') + '</div>' : '')
      + table(T('indicators.table'),
        [{ label: T('indicators.indicator') }, { label: T('indicators.unit') }, { label: T('indicators.baseline'), num: true },
          { label: T('indicators.target'), num: true }, { label: T('indicators.actual'), num: true },
          { label: T('indicators.period') }, { label: T('indicators.progress'), num: true }],
        indicators.map(i => '<tr><th scope="row">' + esc(i.name || i.indicatorCode) + '</th><td>' + esc(i.unit)
          + '</td><td class="num">' + (isMissing(i.baselineValue) ? missing() : decimal(i.baselineValue) + ' (' + esc(i.baselineYear) + ')')
          + '</td><td class="num">' + (isMissing(i.targetValue) ? missing() : decimal(i.targetValue) + ' (' + esc(i.targetYear) + ')')
          + '</td><td class="num">' + (isMissing(i.actualValue) ? missing() : decimal(i.actualValue)) + '</td><td>'
          + esc(i.actualPeriod) + '</td><td class="num">' + pct(i.progress, 0, T('reason.noBaselineOrTarget')) + '</td></tr>'),
        ' id="' + scope + '-indicators-table"');
  }
  /** Each indicator's baseline, latest actual and target, side by side. */
  function drawIndicators(indicators, scope) {
    if (!indicators.length) { return; }
    const value = v => (isMissing(v) ? null : Number(v));
    drawChart(scope + '-indicators', 'bar', indicators.map(i => i.name || i.indicatorCode), [
      { label: T('indicators.baseline'), data: indicators.map(i => value(i.baselineValue)) },
      { label: T('indicators.actual'), data: indicators.map(i => value(i.actualValue)) },
      { label: T('indicators.target'), data: indicators.map(i => value(i.targetValue)) }
    ]);
  }
  function freshness(f, note) {
    if (!f || !f.newestEventTime) {
      return '<p class="freshness" data-figure="freshness">' + esc(T('freshness.none')) + '</p>';
    }
    return '<p class="freshness" data-figure="freshness">' + esc(T('freshness.upTo', { time: I.dateTime(f.newestEventTime) }))
      + (isMissing(f.projectionLagMillis) ? '' : esc(T('freshness.lag', { lag: I.number(f.projectionLagMillis) })))
      + '. ' + esc(note || '') + '</p>';
  }
  /**
   * Which figures the view holds and the share validated (ADR 0019): of its beneficiary counts, then of its
   * financing reports, its indicator results and all of them together, each in its own data-figure.
   */
  function validationNote(v) {
    if (!v) { return ''; }
    const share = isMissing(v.validatedShare) ? T('validation.noCounts')
      : T('validation.share', { share: I.percent(Number(v.validatedShare), 1), validated: I.number(v.validatedFacts),
        facts: I.number(v.facts) });
    const datasets = [['financingReports', (v.byDataset || {}).financingReports], ['indicatorResults',
      (v.byDataset || {}).indicatorResults], ['overall', v.overall]].filter(d => d[1]).map(([key, s]) => {
      const dataset = T('validation.' + key);
      const said = isMissing(s.validatedShare) ? T('validation.datasetNone', { dataset })
        : T('validation.dataset', { dataset, share: I.percent(Number(s.validatedShare), 1),
          validated: I.number(s.validatedFacts), facts: I.number(s.facts) });
      return ' <span data-figure="validatedShare.' + key + '">' + esc(said) + '</span>';
    });
    return '<p class="validation" data-figure="validatedShare" data-view="' + esc(v.view) + '">'
      + (v.view === 'validated' ? '<strong>' + esc(T('validation.showingValidated')) + '</strong> ' : '')
      + esc(share) + datasets.join('') + '</p>';
  }
  function coverageHint(d) {
    if (isMissing(d.targetPopulation)) { return T('hint.noTargetPopulation'); }
    const covered = !isMissing(d.activeBeneficiariesWithTarget) ? d.activeBeneficiariesWithTarget : d.activeBeneficiaries;
    return T('hint.ofEligible', { covered: I.number(covered), eligible: I.number(d.targetPopulation) });
  }
  function beneficiaryHeadline(d, extra) {
    return headline([
      { key: 'activeBeneficiaries', label: T('figure.activeBeneficiaries'), value: numFit(d.activeBeneficiaries), hint: T('hint.latestPeriod') },
      { key: 'newBeneficiaries', label: T('figure.newBeneficiaries'), value: numFit(d.newBeneficiaries), hint: T('hint.enrolled') },
      { key: 'coverageRate', label: T('figure.coverageRate'), value: pct(d.coverageRate, 1, T('reason.noTargetPopulation')), hint: coverageHint(d) }
    ].concat(extra || []));
  }
  /** The breakdowns; with audit ({country, programmeId?}), each target group's counts open their audit trail. */
  function breakdownsSection(d, scope, audit) {
    const auditCell = g => (audit ? '<td>' + ['ACTIVE', 'NEW'].map(measure => auditButton(T('audit.measure.' + measure),
      Object.assign({ targetGroup: g.targetGroup, measure }, audit), label(g.targetGroup))).join(' ') + '</td>' : '');
    return '<h2>' + esc(T('breakdowns.title')) + '</h2><div class="charts">'
      + chartFigure(scope + '-sex', T('breakdowns.sex')) + chartFigure(scope + '-age', T('breakdowns.age')) + '</div>'
      + '<div class="charts">' + breakdownTable(T('breakdowns.sex'), d.sex) + breakdownTable(T('breakdowns.age'), d.ageGroup)
      + breakdownTable(T('breakdowns.disability'), d.withDisability) + breakdownTable(T('breakdowns.informal'), d.informalEconomy)
      + '</div>' + table(T('breakdowns.targetGroup'), [{ label: T('filter.targetGroup') }, { label: T('table.active'), num: true },
        { label: T('table.new'), num: true }, { label: T('table.groupTargetPopulation'), num: true },
        { label: T('table.groupCoverage'), num: true }].concat(audit ? [{ label: T('audit.column') }] : []),
      // coverage per group is SDG indicator 1.3.1 for that group: missing (never 0) without a target population
      d.byTargetGroup.map(g => '<tr data-group="' + esc(g.targetGroup) + '"><th scope="row">' + esc(label(g.targetGroup))
          + '</th><td class="num">' + num(g.activeBeneficiaries) + '</td><td class="num">' + num(g.newBeneficiaries)
          + '</td><td class="num">' + num(g.targetPopulation, T('reason.noTargetPopulation')) + '</td><td class="num">'
          + pct(g.coverageRate, 1, T('reason.noTargetPopulation')) + '</td>' + auditCell(g) + '</tr>'), ' id="'
        + scope + '-target-groups"');
  }
  function exportLinks(url) {
    return '<p class="actions">' + EXPORT_FORMATS.map(e => '<button type="button" class="link-button" data-export="'
      + esc(url + (url.includes('?') ? '&' : '?') + 'format=' + e.format) + '"' + (e.format === 'csv' ? ' data-csv' : '')
      + '>' + esc(T(e.key)) + '</button>').join(' ') + '</p>';
  }

  /** Beneficiaries, coverage and execution over the years that have data. */
  function trendsSection(id) {
    return '<h2 id="trends">' + esc(T('trends.title')) + '</h2><div class="charts">'
      + chartFigure(id + '-beneficiaries', T('trends.beneficiaries'), id + '-table')
      + chartFigure(id + '-rates', T('trends.rates'), id + '-table') + '</div><div id="' + id + '-holder"></div>';
  }
  async function drawTrends(id, country, filters) {
    const answer = await optionalJson(API + '/trends?' + (country ? 'country=' + encodeURIComponent(country) : '')
      + filterParams(filters) + shownParams());
    if (answer.problem) {
      document.getElementById(id + '-holder').innerHTML = problemNote(answer.problem, 'trends');
      return;
    }
    const series = answer.years || [];
    const years = series.map(y => String(y.year));
    const share = v => (isMissing(v) ? null : Number(v) * 100);
    drawChart(id + '-beneficiaries', 'line', years, [
      { label: T('figure.activeBeneficiaries'), data: series.map(y => y.activeBeneficiaries) },
      { label: T('figure.newBeneficiaries'), data: series.map(y => y.newBeneficiaries) }]);
    drawChart(id + '-rates', 'line', years, [
      { label: T('figure.coverageRate') + ' (%)', data: series.map(y => share(y.coverageRate)), spanGaps: true },
      { label: T('figure.executionRate') + ' (%)', data: series.map(y => share(y.executionRate)), spanGaps: true }],
    { scales: { y: { beginAtZero: true } } });
    document.getElementById(id + '-holder').innerHTML = presentOnlyNote(answer, 'trends') + table(T('trends.table'), [{ label: T('table.year') },
      { label: T('figure.activeBeneficiaries'), num: true }, { label: T('figure.newBeneficiaries'), num: true },
      { label: T('figure.coverageRate'), num: true }, { label: T('table.executedUsd'), num: true },
      { label: T('figure.executionRate'), num: true }],
    series.map(y => '<tr><th scope="row">' + esc(y.year) + '</th><td class="num">' + num(y.activeBeneficiaries)
      + '</td><td class="num">' + num(y.newBeneficiaries) + '</td><td class="num">'
      + pct(y.coverageRate, 1, T('reason.noTargetPopulation')) + '</td><td class="num">'
      + (isMissing(y.executedUsd) ? notReported() : usd(y.executedUsd)) + '</td><td class="num">'
      + pct(y.executionRate, 1, T('reason.nothingAllocated')) + '</td></tr>'), ' id="' + id + '-table"');
  }

  /** The programmes of the year, searchable by name, country (name or ISO3), donor and partner. */
  function programmesSection(answer, year, q, iso3) {
    const programmes = answer.programmes || [];
    programmes.forEach(p => { if (p.name) { programmeNames[p.programmeId] = p.name; } });
    if (answer.problem) {
      return '<h2 id="programmes">' + esc(T('programmes.title')) + '</h2>' + problemNote(answer.problem, 'programmes');
    }
    const rows = programmes.map(p => {
      const haystack = [p.name, p.programmeId, p.country, countryName(p.country)].concat(p.donors || [], p.partners || [])
        .join(' ').toLocaleLowerCase(I.lang);
      return '<tr data-programme="' + esc(p.programmeId) + '" data-search="' + esc(haystack) + '"><th scope="row"><a href="'
        + href('programme', p.programmeId, year) + '">' + esc(p.name || p.programmeId) + '</a></th><td><span title="'
        + esc(p.country) + '">' + esc(countryName(p.country)) + '</span></td><td>' + esc((p.donors || []).join(', '))
        + '</td><td>' + esc(label(p.status)) + '</td><td class="num">' + num(p.activeBeneficiaries) + '</td><td class="num">'
        + num(p.targetBeneficiaries, T('reason.noTargetBeneficiaries')) + '</td><td class="num" data-col="achievement">'
        + pct(p.achievementOfTargetBeneficiaries, 1, T('reason.noTargetBeneficiaries')) + '</td><td class="num">'
        + pct(p.coverageRate, 1, T('reason.noTargetPopulation')) + '</td><td class="num">'
        + ((p.overdueMilestones || []).length ? '<strong class="overdue">' + num(p.overdueMilestones.length) + '</strong>' : num(0))
        + '</td>' + (iso3 ? '<td>' + auditButton(T('audit.open'), { country: iso3, programmeId: p.programmeId },
          p.name || p.programmeId) + '</td>' : '') + '</tr>';
    });
    const headers = [{ label: T('programmes.programme') }, { label: T('programmes.country') },
      { label: T('filter.donor') }, { label: T('programmes.status') }, { label: T('table.active'), num: true },
      { label: T('programmes.targetBeneficiaries'), num: true }, { label: T('programmes.achievement'), num: true },
      { label: T('figure.coverageRate'), num: true }, { label: T('milestones.overdue'), num: true }]
      .concat(iso3 ? [{ label: T('audit.column') }] : []);
    return '<h2 id="programmes">' + esc(T('programmes.title')) + '</h2>' + presentOnlyNote(answer, 'programmes')
      + '<p class="search"><label for="programme-search">' + esc(T('programmes.search')) + '</label> '
      + '<input id="programme-search" type="search" value="' + esc(q) + '" aria-describedby="programme-search-count" '
      + 'autocomplete="off"> <span id="programme-search-count" role="status"></span></p>'
      + table(T('programmes.caption', { year }), headers, rows, ' id="programme-table"');
  }
  function applySearch(q) {
    const input = document.getElementById('programme-search');
    if (!input) { return; }
    const words = String(q || '').toLocaleLowerCase(I.lang).split(/\s+/).filter(Boolean);
    const rows = [...document.querySelectorAll('#programme-table tbody tr[data-programme]')];
    let shown = 0;
    rows.forEach(row => {
      const hit = words.every(w => row.dataset.search.includes(w));
      row.hidden = !hit;
      if (hit) { shown += 1; }
    });
    document.getElementById('programme-search-count').textContent = T('programmes.shown', { shown, total: rows.length });
  }

  /** Coverage by country on a world map (chartjs-chart-geo, world-atlas 110m); the country table says the same. */
  function mapSection() {
    return '<h2 id="map">' + esc(T('map.title')) + '</h2><figure class="chart map"><figcaption id="coverage-map-caption">'
      + esc(T('map.caption')) + '</figcaption><div class="map-box"><canvas id="coverage-map" role="img" '
      + 'aria-labelledby="coverage-map-caption" aria-describedby="country-table"></canvas></div>'
      + '<p class="map-alt">' + esc(T('map.alternative')) + ' <a href="#country-table">' + esc(T('map.toTable')) + '</a></p></figure>';
  }
  async function drawMap(countries) {
    const canvas = document.getElementById('coverage-map');
    if (!canvas || typeof Chart === 'undefined' || !window.ChartGeo) { return; }
    if (!worldMap) {
      const response = await fetch(WORLD_MAP, { headers: { Accept: 'application/json' } });
      const topology = await response.json();
      worldMap = ChartGeo.topojson.feature(topology, topology.objects.countries).features
        .filter(f => f.properties.name !== 'Antarctica');
    }
    const byNumeric = {};
    countries.forEach(c => { if (CODES[c.country]) { byNumeric[CODES[c.country][1]] = c; } });
    const value = f => {
      const row = byNumeric[f.id];
      return row && !isMissing(row.coverageRate) ? Number(row.coverageRate) * 100 : null;
    };
    const withData = countries.filter(c => !isMissing(c.coverageRate));
    canvas.setAttribute('aria-label', T('map.caption') + ': ' + (withData.length
      ? withData.map(c => countryName(c.country) + ' ' + I.percent(c.coverageRate, 1)).join(', ') : T('map.noData')));
    charts.push(new Chart(canvas, {
      type: 'choropleth',
      data: {
        labels: worldMap.map(f => f.properties.name),
        datasets: [{ label: T('figure.coverageRate'), outline: worldMap, showOutline: true,
          data: worldMap.map(f => ({ feature: f, value: value(f) })) }]
      },
      options: chartOptions({
        showOutline: true,
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: ctx => {
          const row = byNumeric[ctx.raw.feature.id];
          return row ? countryName(row.country) + ' (' + row.country + '): ' + (isMissing(row.coverageRate)
            ? T('value.missing') : I.percent(row.coverageRate, 1)) : ctx.raw.feature.properties.name + ': ' + T('value.notReported');
        } } } },
        scales: {
          projection: { axis: 'x', projection: 'equalEarth' },
          color: { axis: 'x', interpolate: 'blues', missing: '#eef1f4', min: 0,
            legend: { position: 'bottom-right', align: 'right' },
            ticks: { callback: v => I.number(v) + ' %' } }
        }
      })
    }));
  }

  function filteredNote(filters) {
    return hasFilters(filters) ? '<p class="note" data-figure="filtered">' + esc(document.getElementById('filter-summary').textContent)
      + ' ' + esc(T('filter.explain')) + '</p>' : '';
  }

  // ---------- views ----------
  async function renderGlobal(route) {
    const year = route.year;
    const filters = route.filters;
    const [d, list, completeness] = await Promise.all([
      getJson(API + '/global?year=' + year + filterParams(filters) + shownParams()),
      optionalJson(API + '/programmes?year=' + year + filterParams(filters) + shownParams()),
      optionalJson(API + '/completeness?year=' + year + asOfParam())]);
    document.title = T('global.documentTitle', { year });
    breadcrumbs([{ text: T('global.crumb') }]);
    const f = d.financing;
    main.innerHTML = '<h1>' + esc(T('global.title', { year })) + '</h1><p class="subtitle">' + esc(T('note.enrolments')) + '</p>'
      + filteredNote(filters)
      + beneficiaryHeadline(d, [
        { key: 'countryCount', label: T('figure.countries'), value: num(d.countryCount) },
        { key: 'executedUsd', label: T('figure.executedUsd'), value: moneyFit(f, f.executedUsd), hint: knownHint(f) },
        { key: 'executionRate', label: T('figure.executionRate'), value: f.reports === 0 ? notReported()
          : pct(f.executionRate, 1, T('reason.nothingAllocated')) },
        { key: 'spendingShareOfGdp', label: T('figure.shareOfGdp'), value: f.reports === 0 ? notReported()
          : pct(f.spendingShareOfGdp, 2, T('reason.noGdp')) }])
      + freshness(d.freshness) + validationNote(d.validation)
      + trendsSection('global-trends')
      + mapSection()
      + '<h2>' + esc(T('global.countries')) + '</h2>'
      + table(T('global.countriesCaption', { year }), [{ label: T('programmes.country') }, { label: T('global.programmes'), num: true },
        { label: T('table.active'), num: true }, { label: T('table.new'), num: true }, { label: T('figure.coverageRate'), num: true },
        { label: T('table.executedUsd'), num: true }, { label: T('figure.executionRate'), num: true },
        { label: T('table.shareOfGdp'), num: true }, { label: T('figure.costPerBeneficiary'), num: true }],
      d.countries.map(c => '<tr data-country="' + esc(c.country) + '"><th scope="row">' + countryLink(c.country, year, filters)
          + '</th><td class="num">' + num(c.programmes) + '</td><td class="num" data-col="active">'
          + num(c.activeBeneficiaries) + '</td><td class="num">' + num(c.newBeneficiaries) + '</td><td class="num" data-col="coverage">'
          + pct(c.coverageRate, 1, T('reason.noTargetPopulation')) + '</td><td class="num" data-col="executedUsd">'
          + (c.financingReports === 0 ? notReported() : usd(c.executedUsd, T('reason.noRateShort'))) + '</td><td class="num">'
          + (c.financingReports === 0 ? notReported() : pct(c.executionRate, 1, T('reason.nothingAllocated'))) + '</td><td class="num">'
          + (c.financingReports === 0 ? notReported() : pct(c.spendingShareOfGdp, 2, T('reason.noGdp')))
          + '</td><td class="num" data-col="costPerBeneficiary">' + (c.financingReports === 0 ? notReported()
            : usdPerPerson(c.executedUsdPerActiveBeneficiary, T('reason.noCostPerBeneficiary')))
          + '</td></tr>'), ' id="country-table"')
      + '<div class="charts">' + chartFigure('countries-chart', T('global.activeByCountry'))
      + chartFigure('quarterly-chart', T('global.byQuarter')) + '</div>'
      + programmesSection(list, year, route.q) + overdueSection(list, year)
      + globalCompletenessSection(completeness, year, filters)
      + financingSection(f, 'global', hasFilters(filters)) + quarterlyExecution(d.quarterly, rateReason(f)) + breakdownsSection(d, 'global')
      + '<h2>' + esc(T('milestones.dueIn', { year })) + '</h2>' + statusCards(d.milestonesByStatus)
      + exportLinks(API + '/global?year=' + year + filterParams(filters) + shownParams());
    applySearch(route.q);
    drawChart('countries-chart', 'bar', d.countries.map(c => countryName(c.country)),
      [{ label: T('figure.activeBeneficiaries'), maxBarThickness: 48, data: d.countries.map(c => c.activeBeneficiaries) }]);
    quarterlyChart('quarterly-chart', d.quarterly);
    drawFinancing(f, 'global');
    breakdownChart('global-sex', d.sex);
    breakdownChart('global-age', d.ageGroup);
    await Promise.all([drawTrends('global-trends', null, filters), drawMap(d.countries)]);
  }

  /**
   * What changed on the country's dashboard between an earlier date and the date the page shows (the
   * page-wide as-of date, or now), by whom and when (ADR 0021): a date stands for the end of that day (UTC).
   */
  function historySection(iso3, year) {
    return '<h2 id="history">' + esc(T('history.title')) + '</h2>'
      + '<form class="history-form selection" id="history-form" data-country="' + esc(iso3) + '" data-year="' + esc(year) + '">'
      + '<p class="field"><label for="history-from">' + esc(T('history.from')) + '</label>'
      + '<input type="date" id="history-from" name="from" required' + (asOf ? ' max="' + esc(asOf) + '"' : '') + '></p>'
      + '<p class="field filter-actions"><button type="submit" value="compare">'
      + esc(T(asOf ? 'history.compareAsOf' : 'history.compareNow', { date: asOf ? dayText(asOf) : '' }))
      + '</button></p></form><div id="history-result"></div>';
  }
  function figureLabel(name) {
    const parts = name.split('.');
    const measure = T('history.figure.' + parts[parts.length - 1]);
    if (parts[0] === 'byTargetGroup') { return label(parts[1]) + ' · ' + measure; }
    if (parts[0] === 'programmes') { return programmeName(parts.slice(1, -1).join('.')) + ' · ' + measure; }
    return measure;
  }
  function figureValue(v) {
    if (isMissing(v)) { return missing(''); }
    return typeof v === 'number' && !Number.isInteger(v) ? decimal(v) : esc(I.number(v));
  }
  function stepsTable(steps) {
    return table(T('history.steps'), stepHeaders(true), steps.map(s => stepRow(s, true)));
  }
  async function showHistory(form) {
    const result = document.getElementById('history-result');
    const from = form.elements.from.value;
    if (!from) {
      result.innerHTML = '<p class="error" role="alert">' + esc(T('history.needFrom')) + '</p>';
      return;
    }
    const title = T('history.changesTitle', { from: dayText(from), to: asOf ? dayText(asOf) : T('history.now') });
    try {
      const changes = await getJson(API + '/countries/' + encodeURIComponent(form.dataset.country) + '/changes?year='
        + form.dataset.year + '&from=' + encodeURIComponent(endOfDay(from)) + asOfParam().replace('&asOf=', '&to='));
      result.innerHTML = '<h3>' + esc(title) + '</h3>'
        + (changes.figures.length === 0 ? '<p>' + esc(T('history.noChanges')) + '</p>'
          : table(T('history.figures'), [{ label: T('history.figure') }, { label: T('history.before'), num: true },
            { label: T('history.after'), num: true }], changes.figures.map(f => '<tr data-change="' + esc(f.figure)
              + '"><th scope="row">' + esc(figureLabel(f.figure)) + '</th><td class="num">' + figureValue(f.before)
              + '</td><td class="num">' + figureValue(f.after) + '</td></tr>')))
        + stepsTable(changes.steps);
      announce(title);
    }
    catch (e) {
      result.innerHTML = '<p class="error" role="alert">' + esc(T('history.failed', { detail: e.message })) + '</p>';
    }
  }

  // ---------- the audit trail of a figure (ADR 0021) ----------
  const programmeNames = {};   // programme id -> name, from the lists and dashboards shown
  function programmeName(id) { return programmeNames[id] || id; }
  /**
   * A button opening the audit trail of the figures params name ({country, programmeId?, targetGroup?, measure?,
   * dataset?}); context says which (a programme, a target group, a section), the measure's button its measure too.
   */
  function auditButton(text, params, context) {
    const data = Object.keys(params).filter(k => params[k])
      .map(k => ' data-audit-' + k.replace(/[A-Z]/g, c => '-' + c.toLowerCase()) + '="' + esc(params[k]) + '"').join('');
    return '<button type="button" class="link-button" data-audit' + data + ' data-audit-label="'
      + esc(params.measure ? context + ' · ' + text : context) + '" aria-label="' + esc(text + ': ' + context) + '">'
      + esc(text) + '</button>';
  }
  /** Below a section of the country page: the audit trail of every report of one dataset of the country-year. */
  function datasetAudit(iso3, dataset, context) {
    return '<p class="actions" data-audit-of="' + dataset + '">' + auditButton(T('audit.openProgramme'),
      { country: iso3, dataset }, context) + '</p>';
  }
  /** What a step did: reported, corrected (a new version of a figure there before), withdrawn, validated, returned. */
  function stepKind(s) {
    if (/Validated$/.test(s.event)) { return 'VALIDATED'; }
    if (/Returned$/.test(s.event)) { return 'RETURNED'; }
    if (/Withdrawn$/.test(s.event)) { return 'WITHDRAWN'; }
    if (/(Reported|Submitted)$/.test(s.event) && (s.kind === 'COUNT' || s.kind === 'FINANCING' || s.kind === 'INDICATOR')) {
      return s.before || s.version > 1 ? 'CORRECTED' : 'REPORTED';
    }
    return null;
  }
  function stepWhat(s) {
    const kind = stepKind(s);
    const event = T('history.event.' + s.event);
    return kind ? T('audit.step.' + kind) : event === 'history.event.' + s.event ? s.event : event;
  }
  function amount(v) { return isMissing(v) || v === '' ? '' : decimal(v); }
  /** A fact's figures in a step, by kind: a count's total, a report's amounts, an indicator's actual value. */
  function stepFigures(f) {
    if (!f) { return ''; }
    if (!isMissing(f.total)) { return esc(I.number(f.total)); }
    if (Array.isArray(f.lines)) {
      const sum = key => f.lines.reduce((t, l) => (isMissing(l[key]) ? t : t + Number(l[key])), 0);
      return esc(T('audit.amounts', { allocated: I.number(sum('allocated')), executed: I.number(sum('executed')) }));
    }
    if (!isMissing(f.actualValue)) { return amount(f.actualValue); }
    if (!isMissing(f.unitsPerUsd)) { return amount(f.unitsPerUsd); }
    return '';
  }
  function channelText(s) {
    if (!s.channel) { return ''; }
    const key = 'audit.channel.' + s.channel;
    const name = T(key) === key ? s.channel : T(key);
    return [name, s.reference, s.sourceRecord].filter(Boolean).join(' · ');
  }
  function factText(s) {
    return [s.programmeId ? programmeName(s.programmeId) : null, s.period, s.targetGroup ? label(s.targetGroup) : null,
      s.measure ? T('audit.measure.' + s.measure) : null].filter(Boolean).join(' · ');
  }
  function stepHeaders(withFact) {
    return [{ label: T('history.time') }, { label: T('history.event') }]
      .concat(withFact ? [{ label: T('history.period') }] : [])
      .concat([{ label: T('history.before'), num: true }, { label: T('history.after'), num: true },
        { label: T('history.by') }, { label: T('history.channel') }, { label: T('audit.comment') }]);
  }
  /** One step; as of a date, a step made after it is marked: the trail shows the whole chain. */
  function stepRow(s, withFact) {
    const later = asOf && s.time && s.time > endOfDay(asOf);
    return '<tr data-step="' + esc(s.event) + '" data-audit-step="' + esc(stepKind(s) || '') + '"'
      + (later ? ' class="later"' : '') + '><th scope="row">' + esc(s.time ? I.dateTime(s.time) : '')
      + (later ? ' <small>' + esc(T('audit.later', { date: dayText(asOf) })) + '</small>' : '') + '</th><td>'
      + esc(stepWhat(s)) + (s.reviewedVersion ? ' <small>' + esc(T('audit.ofVersion', { version: s.reviewedVersion }))
        + '</small>' : '') + '</td>'
      + (withFact ? '<td>' + esc(factText(s)) + '</td>' : '')
      + '<td class="num" data-col="before">' + stepFigures(s.before) + '</td><td class="num" data-col="after">'
      + stepFigures(s.after) + '</td><td data-col="by">' + esc(s.by || T('audit.unknown')) + '</td><td data-col="channel">'
      + esc(channelText(s)) + '</td><td data-col="comment">' + esc(s.comment || '') + '</td></tr>';
  }
  function auditFact(title, state, steps, id) {
    return '<section class="audit-fact" data-fact="' + esc(id) + '" data-state="' + esc(state || '') + '"><h4>' + esc(title)
      + ' <span class="state">' + esc(T('audit.state', { state: T('audit.state.' + state) })) + '</span></h4>'
      + table(T('audit.steps'), stepHeaders(false), steps.map(s => stepRow(s, false))) + '</section>';
  }
  function auditBody(trail) {
    const counts = trail.counts || [];
    const reports = trail.financingReports || [];
    const results = trail.indicatorResults || [];
    if (!counts.length && !reports.length && !results.length) {
      return '<p>' + esc(T('audit.none')) + '</p>';
    }
    return '<p class="subtitle">' + esc(T('audit.help')) + '</p>'
      + (counts.length ? '<h3>' + esc(T('audit.counts')) + '</h3>' + counts.map(c => auditFact(factText(c), c.state,
        c.steps, c.countId)).join('') : '')
      + (reports.length ? '<h3>' + esc(T('audit.reports')) + '</h3>' + reports.map(r => auditFact([r.programmeId
        ? programmeName(r.programmeId) : T('audit.wholeCountry'), r.period].join(' · '), r.state, r.steps, r.reportId)).join('') : '')
      + (results.length ? '<h3>' + esc(T('audit.results')) + '</h3>' + results.map(r => auditFact([programmeName(r.programmeId),
        r.indicatorCode, r.period].join(' · '), r.state, r.steps, r.programmeId + '/' + r.indicatorCode + '/' + r.period))
        .join('') : '');
  }
  async function openAudit(button) {
    const p = button.dataset;
    const params = new URLSearchParams({ year: String(current.year) });
    if (p.auditProgrammeId) { params.set('programmeId', p.auditProgrammeId); }
    if (p.auditTargetGroup) { params.set('targetGroup', p.auditTargetGroup); }
    if (p.auditMeasure) { params.set('measure', p.auditMeasure); }
    if (p.auditDataset) { params.set('dataset', p.auditDataset); }
    const body = document.getElementById('audit-body');
    auditOpener = button;
    delete document.body.dataset.audit;
    document.getElementById('audit-title').textContent = T('audit.titleOf', { figure: p.auditLabel });
    body.innerHTML = '<p role="status">' + esc(T('audit.loading')) + '</p>';
    if (!auditDialog.open) { auditDialog.showModal(); }
    try {
      body.innerHTML = auditBody(await getJson(API + '/countries/' + encodeURIComponent(p.auditCountry) + '/audit?'
        + params.toString()));
    } catch (e) {
      body.innerHTML = '<p role="alert">' + esc(T('audit.failed', { detail: e.message })) + '</p>';
    }
    document.body.dataset.audit = 'shown';
  }

  // ---------- reporting completeness (ADR 0020) ----------
  const DATASETS = ['BENEFICIARY_COUNTS', 'FINANCING', 'INDICATOR_RESULTS'];
  function onTimeShare(t) {
    return isMissing(t.onTimeShare) ? '<span class="none">' + esc(T('completeness.nothingDue')) + '</span>'
      : esc(I.percent(Number(t.onTimeShare), 1));
  }
  function tallyCells(t) {
    t = t || {};
    return ['expected', 'received', 'validated', 'onTime', 'receivedLate', 'overdue'].map(k => '<td class="num" data-col="'
      + k + '">' + num(t[k] || 0) + '</td>').join('') + '<td class="num" data-col="onTimeShare">' + onTimeShare(t) + '</td>';
  }
  function tallyHeaders(first) {
    return first.concat(['expected', 'received', 'validated', 'onTime', 'receivedLate', 'overdue', 'onTimeShare']
      .map(k => ({ label: T('completeness.' + k), num: true })));
  }
  function missingText(item) {
    if (item === 'report') { return T('completeness.financingReport'); }
    const parts = String(item).split('/');
    return parts.length === 2 ? label(parts[0]) + ' · ' + T('audit.measure.' + parts[1]) : item;
  }
  function completenessIntro(answer) {
    return '<p class="subtitle">' + esc(T('completeness.help')) + ' ' + esc(T('completeness.judged',
      { time: I.dateTime(answer.asOf) })) + '</p>';
  }
  function countryCompletenessSection(answer, iso3, year) {
    let html = '<h2 id="completeness">' + esc(T('completeness.title')) + '</h2>';
    if (answer.problem) { return html + problemNote(answer.problem, 'completeness'); }
    const programmes = answer.programmes || [];
    programmes.forEach(p => { if (p.name) { programmeNames[p.programmeId] = p.name; } });
    html += completenessIntro(answer)
      + table(T('completeness.byDataset', { year }), tallyHeaders([{ label: T('completeness.dataset') }]),
        DATASETS.map(k => '<tr data-dataset="' + k + '"><th scope="row">' + esc(T('completeness.dataset.' + k)) + '</th>'
          + tallyCells(answer.datasets && answer.datasets[k]) + '</tr>')
          .concat(['<tr data-dataset="TOTAL"><th scope="row">' + esc(T('completeness.total')) + '</th>' + tallyCells(answer.total)
            + '</tr>']), ' id="completeness-datasets"')
      + table(T('completeness.byProgramme', { year }), tallyHeaders([{ label: T('programmes.programme') },
        { label: T('completeness.frequency') }, { label: T('completeness.dueLag'), num: true }]),
      programmes.map(p => '<tr data-programme="' + esc(p.programmeId) + '"><th scope="row"><a href="'
        + href('programme', p.programmeId, year) + '">' + esc(p.name || p.programmeId) + '</a></th><td>'
        + esc(label(p.reportingFrequency)) + '</td><td class="num">' + num(p.dueLagDays) + '</td>' + tallyCells(p.total)
        + '</tr>'), ' id="completeness-programmes"')
      + table(T('completeness.owedCaption', { count: (answer.owed || []).length }), [{ label: T('programmes.programme') },
        { label: T('completeness.period') }, { label: T('completeness.dataset') }, { label: T('completeness.dueDate') },
        { label: T('completeness.missing') }],
      (answer.owed || []).map(o => '<tr class="is-overdue" data-owed="' + esc(o.programmeId + '/' + o.period + '/' + o.dataset)
        + '"><th scope="row">' + esc(programmeName(o.programmeId)) + '</th><td>' + esc(o.period) + '</td><td>'
        + esc(T('completeness.dataset.' + o.dataset)) + '</td><td>' + date(o.dueDate) + '</td><td>'
        + esc((o.missing || []).map(missingText).join(', ')) + '</td></tr>'), ' id="completeness-owed"')
      + '<p class="actions"><button type="button" class="link-button" data-export="' + esc(API + '/countries/'
        + encodeURIComponent(iso3) + '/completeness?year=' + year + asOfParam() + '&format=csv') + '" data-completeness-csv>'
      + esc(T('completeness.csv')) + '</button></p>';
    return html;
  }
  function globalCompletenessSection(answer, year, filters) {
    let html = '<h2 id="completeness">' + esc(T('completeness.title')) + '</h2>';
    if (answer.problem) { return html + problemNote(answer.problem, 'completeness'); }
    return html + completenessIntro(answer)
      + table(T('completeness.byCountry', { year }), [{ label: T('programmes.country') },
        { label: T('completeness.expected'), num: true }, { label: T('completeness.received'), num: true },
        { label: T('completeness.validated'), num: true }, { label: T('completeness.onTime'), num: true },
        { label: T('completeness.late'), num: true }, { label: T('completeness.owed'), num: true },
        { label: T('completeness.onTimeShare'), num: true }],
      (answer.countries || []).map(c => '<tr data-country="' + esc(c.country) + '"><th scope="row">'
        + countryLink(c.country, year, filters) + '</th><td class="num" data-col="expected">' + num(c.total.expected)
        + '</td><td class="num" data-col="received">' + num(c.total.received) + '</td><td class="num" data-col="validated">'
        + num(c.total.validated) + '</td><td class="num" data-col="onTime">' + num(c.total.onTime)
        + '</td><td class="num" data-col="late">' + num(c.total.late) + '</td><td class="num" data-col="owed">'
        + (c.owed ? '<strong class="overdue">' + num(c.owed) + '</strong>' : num(0)) + '</td><td class="num" data-col="onTimeShare">'
        + onTimeShare(c.total) + '</td></tr>'), ' id="completeness-countries"')
      + '<p class="actions"><button type="button" class="link-button" data-export="' + esc(API + '/completeness?year=' + year
        + asOfParam() + '&format=csv') + '" data-completeness-csv>' + esc(T('completeness.csvCountries')) + '</button></p>';
  }

  async function renderCountry(route) {
    const iso3 = route.id;
    const year = route.year;
    const filters = route.filters;
    const [d, list, completeness] = await Promise.all([
      getJson(API + '/countries/' + encodeURIComponent(iso3) + '?year=' + year + filterParams(filters) + shownParams()),
      optionalJson(API + '/programmes?year=' + year + '&country=' + encodeURIComponent(iso3) + filterParams(filters)
        + shownParams()),
      optionalJson(API + '/countries/' + encodeURIComponent(iso3) + '/completeness?year=' + year + asOfParam())]);
    const name = countryName(iso3);
    document.title = T('country.documentTitle', { country: name, year });
    breadcrumbs([{ text: T('global.crumb'), href: href('global', null, year, filters) }, { text: name, title: iso3 }]);
    main.innerHTML = '<h1>' + esc(T('country.title', { country: name, iso3, year })) + '</h1><p class="subtitle">'
      + esc(T('note.enrolments')) + '</p>' + filteredNote(filters)
      + beneficiaryHeadline(d, [
        { key: 'executedUsd', label: T('figure.executedUsd'), value: moneyFit(d.financing, d.financing.executedUsd),
          hint: knownHint(d.financing) },
        { key: 'executionRate', label: T('figure.executionRate'), value: d.financing.reports === 0 ? notReported()
          : pct(d.financing.executionRate, 1, T('reason.nothingAllocated')) }])
      + freshness(d.freshness) + validationNote(d.validation)
      + trendsSection('country-trends')
      + '<div class="charts">' + chartFigure('quarterly-chart', T('country.byQuarter')) + '</div>'
      + programmesSection(list, year, route.q, iso3) + overdueSection(list, year)
      + countryCompletenessSection(completeness, iso3, year, list)
      + financingSection(d.financing, 'country', hasFilters(filters)) + quarterlyExecution(d.quarterly, rateReason(d.financing))
      + datasetAudit(iso3, 'FINANCING', T('financing.title'))
      + breakdownsSection(d, 'country', { country: iso3 })
      + milestonesSection(d.milestonesByStatus, d.milestones, year) + indicatorsSection(d.indicators, 'country')
      + datasetAudit(iso3, 'INDICATOR_RESULTS', T('indicators.title'))
      + (hasFilters(filters) ? '' : historySection(iso3, year))
      + exportLinks(API + '/countries/' + encodeURIComponent(iso3) + '?year=' + year + filterParams(filters) + shownParams());
    applySearch(route.q);
    quarterlyChart('quarterly-chart', d.quarterly);
    drawFinancing(d.financing, 'country');
    breakdownChart('country-sex', d.sex);
    breakdownChart('country-age', d.ageGroup);
    drawIndicators(d.indicators, 'country');
    await drawTrends('country-trends', iso3, filters);
  }

  async function renderProgramme(route) {
    const id = route.id;
    const year = route.year;
    const d = await getJson(API + '/programmes/' + encodeURIComponent(id) + '?year=' + year + shownParams());
    if (d.name) { programmeNames[id] = d.name; }
    const name = countryName(d.country);
    document.title = T('programme.documentTitle', { name: d.name || id, year });
    breadcrumbs([{ text: T('global.crumb'), href: href('global', null, year) },
      { text: name, title: d.country, href: href('country', d.country, year) }, { text: d.name || id }]);
    const tags = (list, coded) => (list || []).map(t => '<span>' + esc(coded ? label(t) : t) + '</span>').join('');
    const achievement = isMissing(d.targetBeneficiaries) || !d.targetBeneficiaries ? null
      : d.activeBeneficiaries / d.targetBeneficiaries;
    main.innerHTML = '<h1>' + esc(d.name || id) + '</h1><p class="subtitle"><span title="' + esc(d.country) + '">' + esc(name)
      + '</span> · ' + esc(label(d.status)) + ' · ' + esc(T('programme.period', { start: d.startDate ? I.date(d.startDate) : '?',
        end: d.endDate ? I.date(d.endDate) : T('programme.open') })) + ' · ' + year + '</p>'
      + (d.description ? '<p>' + esc(d.description) + '</p>' : '')
      + '<dl class="tags"><dt>' + esc(T('programme.partners')) + '</dt><dd>' + tags(d.partners) + '</dd><dt>'
      + esc(T('programme.donors')) + '</dt><dd>' + tags(d.donors) + '</dd><dt>' + esc(T('programme.floorGuarantees'))
      + '</dt><dd>' + tags(d.floorGuarantees, true) + '</dd><dt>' + esc(T('programme.branches')) + '</dt><dd>'
      + tags(d.branches, true) + '</dd><dt>' + esc(T('programme.targetGroups')) + '</dt><dd>' + tags(d.targetGroups, true) + '</dd></dl>'
      + beneficiaryHeadline(d, [
        { key: 'targetBeneficiaries', label: T('programmes.targetBeneficiaries'), value: numFit(d.targetBeneficiaries, T('reason.noTargetBeneficiaries')) },
        { key: 'achievement', label: T('programmes.achievement'), value: pct(achievement, 1, T('reason.noTargetBeneficiaries')),
          hint: T('programme.achievementHint') }])
      + freshness(d.freshness) + validationNote(d.validation)
      + '<p class="actions">' + auditButton(T('audit.openProgramme'), { country: d.country, programmeId: id },
        d.name || id) + '</p>'
      + '<div class="charts">' + chartFigure('quarterly-chart', T('country.byQuarter')) + '</div>'
      + financingSection(d.financing, 'programme') + quarterlyExecution(d.quarterly, rateReason(d.financing))
      + breakdownsSection(d, 'programme', { country: d.country, programmeId: id })
      + milestonesSection(d.milestonesByStatus, d.milestones, year) + indicatorsSection(d.indicators, 'programme')
      + exportLinks(API + '/programmes/' + encodeURIComponent(id) + '?year=' + year + shownParams());
    quarterlyChart('quarterly-chart', d.quarterly);
    drawFinancing(d.financing, 'programme');
    breakdownChart('programme-sex', d.sex);
    breakdownChart('programme-age', d.ageGroup);
    drawIndicators(d.indicators, 'programme');
  }

  function breadcrumbs(items) {
    document.getElementById('breadcrumbs').innerHTML = items.map((item, i) => '<li>' + (item.href
      ? '<a href="' + item.href + '"' + (item.title ? ' title="' + esc(item.title) + '"' : '') + '>' + esc(item.text) + '</a>'
      : '<span' + (item.title ? ' title="' + esc(item.title) + '"' : '') + (i === items.length - 1 ? ' aria-current="page"' : '')
        + '>' + esc(item.text) + '</span>') + '</li>').join('');
  }

  /** As of a date: which date, that live updates wait, and the way back to live figures (atop every view). */
  function asOfBanner() {
    if (!asOf) { return ''; }
    return '<div class="as-of-banner" id="as-of-banner" data-as-of="' + esc(asOf) + '"><p><strong>'
      + esc(T('asOf.banner', { date: dayText(asOf) })) + '</strong> ' + esc(T('asOf.bannerHelp')) + '</p>'
      + '<button type="button" class="account-button" data-live>' + esc(T('asOf.backToLive')) + '</button></div>';
  }
  async function render(route, live) {
    destroyCharts();
    delete document.body.dataset.view;
    try {
      if (route.kind === 'country') { await renderCountry(route); }
      else if (route.kind === 'programme') { await renderProgramme(route); }
      else { await renderGlobal(route); }
      main.insertAdjacentHTML('afterbegin', asOfBanner());
      document.body.dataset.view = route.kind;
      document.body.dataset.updates = String(updates);
      if (live) {
        main.classList.remove('updated-flash');
        void main.offsetWidth;
        main.classList.add('updated-flash');
      }
    } catch (error) {
      if (signedOut) { return; }
      main.innerHTML = asOfBanner() + '<h1>' + esc(T('error.title')) + '</h1><p role="alert" data-problem="view">'
        + esc(error.status === 404 ? T('error.notFound') : error.status === 403 ? T('error.forbidden')
          : error.status === 400 ? T(asOf ? 'asOf.refusedView' : 'error.refused', { date: asOf ? dayText(asOf) : '',
            detail: error.message }) : T('error.load', { detail: error.message })) + '</p>';
    }
  }

  /** The view shown is about to change: until it is drawn, the page says no view (body[data-view]). */
  function leaving() { delete document.body.dataset.view; }

  async function navigate() {
    leaving();
    const route = parseRoute();
    view = route.validation;
    validationSelect.value = view;
    asOf = route.asOf;
    asOfInput.value = asOf || '';
    asOfInput.max = new Date().toISOString().substring(0, 10);
    if (asOf) { pause(); } else if (paused) { paused = false; connect(); }
    if (!route.year) {
      route.year = await defaultYear();
      history.replaceState(null, '', href(route.kind, route.id, route.year, route.filters, route.q));
    } else {
      await loadYears();
    }
    if (![...yearSelect.options].some(o => Number(o.value) === route.year)) {
      yearSelect.insertAdjacentHTML('afterbegin', '<option value="' + route.year + '">' + route.year + '</option>');
    }
    yearSelect.value = String(route.year);
    await fillFilters(route);
    const changedPage = !current || current.kind !== route.kind || current.id !== route.id;
    current = route;
    await render(route, false);
    if (changedPage && !selection.contains(document.activeElement) && document.activeElement !== yearSelect) {
      main.focus({ preventScroll: true });
    }
  }

  // ---------- live updates ----------
  function concerns(event, data) {
    if (!current || asOf) { return false; }
    if (event === 'read-models-switched') { return true; }
    if (Number(data.year) !== current.year) { return false; }
    if (current.kind === 'global') { return event === 'global-updated'; }
    if (current.kind === 'country') { return event === 'dashboard-updated' && data.country === current.id; }
    return event === 'dashboard-updated';
  }
  function scheduleReload(message) {
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(async () => {
      updates += 1;
      await loadYears();
      yearSelect.value = String(current.year);
      const search = document.getElementById('programme-search');
      if (search) { current.q = search.value; }
      await render(current, true);
      announce(T('live.updated', { message, time: new Date().toLocaleTimeString(I.lang) }));
    }, 150);
  }
  function connectionStatus(live, message) {
    document.getElementById('connection').classList.toggle('on', live);
    document.getElementById('connection-text').textContent = message;
    document.body.dataset.live = live ? 'on' : 'off';
  }
  /** A view as of a date does not change: the stream is closed until the page shows live figures again. */
  function pause() {
    clearTimeout(reloadTimer);
    if (stream) { stream.close(); stream = null; }
    paused = true;
    connectionStatus(false, T('live.paused'));
  }
  function connect() {
    if (asOf) { pause(); return; }
    if (stream || !window.SpmonitorEventStream || !window.ReadableStream) { return; }
    stream = SpmonitorEventStream.connect(API + '/stream', {
      fetch: auth.fetch,
      onOpen: () => connectionStatus(true, T('live.on')),
      onError: () => connectionStatus(false, T('live.reconnecting')),
      onEvent: event => {
        let data = {};
        try { data = JSON.parse(event.data); } catch (err) { return; }
        if (concerns(event.type, data)) {
          scheduleReload(event.type === 'dashboard-updated' ? T('live.countryFigures', { country: countryName(data.country) })
            : T('live.figures'));
        }
      }
    });
  }
  function disconnect() {
    if (stream) { stream.close(); stream = null; }
    connectionStatus(false, T('live.off'));
  }

  // ---------- signing in and out ----------
  auth.on('signed-out', () => {
    signedOut = true;
    clearTimeout(reloadTimer);
    disconnect();
    destroyCharts();
    current = null;
    delete document.body.dataset.view;
    document.getElementById('breadcrumbs').innerHTML = '';
    // in the page's language: on the return from the issuer's sign-out this runs before the bundles are loaded
    I.ready.then(() => {
      if (signedOut) {
        main.innerHTML = '<h1>' + esc(T('signedOut.title')) + '</h1><p>' + esc(T('signedOut.text')) + '</p>';
      }
    });
  });
  auth.on('dismissed', () => {
    if (current && !signedOut) { return; }
    waitingForSignIn = true;
    I.ready.then(() => {
      main.innerHTML = '<h1>' + esc(T('signIn.title')) + '</h1><p>' + esc(T('signIn.text'))
        + ' <button type="button" class="link-button" data-sign-in>' + esc(T('account.signIn')) + '</button></p>';
    });
  });
  auth.on('signed-in', () => {
    if (signedOut || waitingForSignIn) {
      signedOut = false;
      waitingForSignIn = false;
      navigate().then(connect);
    }
  });
  main.addEventListener('click', event => {
    const exported = event.target.closest('button[data-export]');
    if (exported) { download(exported); return; }
    const audit = event.target.closest('button[data-audit]');
    if (audit) { openAudit(audit); return; }
    if (event.target.closest('button[data-live]')) { showAsOf(null); return; }
    if (event.target.closest('button[data-sign-in]')) { auth.signIn(); }
  });
  main.addEventListener('submit', event => {
    if (event.target.id !== 'history-form') { return; }
    event.preventDefault();
    showHistory(event.target);
  });
  document.getElementById('audit-close').addEventListener('click', () => auditDialog.close());
  auditDialog.addEventListener('close', () => {
    delete document.body.dataset.audit;
    if (auditOpener && document.body.contains(auditOpener)) { auditOpener.focus(); } else { main.focus({ preventScroll: true }); }
    auditOpener = null;
  });
  /** The whole page as of a day (YYYY-MM-DD), or live (null): kept in the URL like the rest of the view. */
  function showAsOf(day) {
    leaving();
    const route = parseRoute();
    asOf = isDay(day) ? day : null;
    location.hash = href(route.kind, route.id, route.year || Number(yearSelect.value), route.filters, route.q).substring(1);
  }
  asOfInput.addEventListener('change', () => {
    if (asOfInput.value === '' || isDay(asOfInput.value)) { showAsOf(asOfInput.value || null); }
  });
  main.addEventListener('input', event => {
    if (event.target.id !== 'programme-search' || !current) { return; }
    current.q = event.target.value;
    applySearch(current.q);
    // the search is part of the shared view, without reloading it
    history.replaceState(null, '', href(current.kind, current.id, current.year, current.filters, current.q));
  });

  document.getElementById('filters').addEventListener('submit', event => event.preventDefault());
  yearSelect.addEventListener('change', () => {
    leaving();
    const route = parseRoute();
    location.hash = href(route.kind, route.id, Number(yearSelect.value), route.filters, route.q).substring(1);
  });
  validationSelect.addEventListener('change', () => {
    leaving();
    const route = parseRoute();
    view = validationSelect.value === 'validated' ? 'validated' : 'all';
    location.hash = href(route.kind, route.id, route.year || Number(yearSelect.value), route.filters, route.q).substring(1);
  });
  selection.addEventListener('submit', event => event.preventDefault());
  selection.addEventListener('change', () => {
    leaving();
    const route = parseRoute();
    location.hash = href(route.kind, route.id, route.year || Number(yearSelect.value), filtersFromBar(), route.q).substring(1);
  });
  document.getElementById('filter-clear').addEventListener('click', () => {
    leaving();
    const route = parseRoute();
    location.hash = href(route.kind, route.id, route.year || Number(yearSelect.value), {}, route.q).substring(1);
  });
  window.addEventListener('hashchange', navigate);
  // a page opened signed out (back from the issuer's sign-out) waits for a new sign-in
  I.ready.then(() => (signedOut || waitingForSignIn ? undefined : navigate().then(connect)));
})();
