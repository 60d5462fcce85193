/*
 * spmonitor donor dashboard: global, country and programme views over the dashboards API, live via
 * server-sent events. Every request carries the signed-in user's bearer token (auth.js); the event
 * stream is read with fetch (event-stream.js), since EventSource cannot send one.
 */
(function () {
  'use strict';

  const API = '/api/v1/dashboards';
  const auth = window.spmonitorAuth;
  const COLOURS = ['#0b4f8a', '#d97706', '#15803d', '#b91c1c', '#6d28d9', '#0e7490', '#a16207', '#be185d'];
  const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
  const usdFormat = new Intl.NumberFormat('en', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
  const usdCents = new Intl.NumberFormat('en', { style: 'currency', currency: 'USD', minimumFractionDigits: 2,
    maximumFractionDigits: 2 });
  const charts = [];
  let current = null;       // { kind, id, year }
  let reloadTimer = null;
  let updates = 0;
  let stream = null;        // the live event stream, while signed in
  let signedOut = false;    // the user signed out: the page waits for a new sign-in to show anything

  const main = document.getElementById('main');
  const yearSelect = document.getElementById('year');

  // ---------- formatting ----------
  function isMissing(v) { return v === null || v === undefined; }
  function missing(reason) {
    return '<span class="missing" title="' + esc(reason || 'not available') + '">missing</span>';
  }
  function notReported() { return '<span class="none">not reported</span>'; }
  function money(f, v) { return !f || f.reports === 0 ? notReported() : usd(v, rateReason(f)); }
  function num(v, reason) { return isMissing(v) ? missing(reason) : integer.format(Number(v)); }
  function usd(v, reason) { return isMissing(v) ? missing(reason) : usdFormat.format(Number(v)); }
  function usdPerPerson(v, reason) { return isMissing(v) ? missing(reason) : usdCents.format(Number(v)); }
  function pct(v, digits, reason) {
    return isMissing(v) ? missing(reason) : (Number(v) * 100).toFixed(digits === undefined ? 1 : digits) + ' %';
  }
  function esc(s) {
    return String(s === null || s === undefined ? '' : s).replace(/[&<>"']/g,
      c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  }
  function label(code) {
    return String(code || '').toLowerCase().replace(/_/g, ' ').replace(/^./, c => c.toUpperCase());
  }
  /** Beside a total missing for want of a rate: the part known, as a plain-text hint. */
  function knownHint(f) {
    if (!f || !f.excluded || !f.excluded.length || isMissing(f.executedUsdKnown)) { return undefined; }
    return 'known so far: ' + usdFormat.format(Number(f.executedUsdKnown)) + ', without '
      + f.excluded.map(e => e.currency + ' ' + e.year).join(', ');
  }
  function rateReason(financing) {
    if (!financing || !financing.missingRates || financing.missingRates.length === 0) {
      return 'no financing reported';
    }
    return 'no exchange rate for ' + financing.missingRates.map(m => m.currency + ' ' + m.year).join(', ');
  }

  // ---------- routing ----------
  function parseRoute() {
    const hash = location.hash.replace(/^#/, '') || '/';
    const [path, query] = hash.split('?');
    const params = new URLSearchParams(query || '');
    const parts = path.split('/').filter(Boolean);
    const year = params.get('year') ? Number(params.get('year')) : null;
    if (parts[0] === 'countries' && parts[1]) { return { kind: 'country', id: parts[1].toUpperCase(), year }; }
    if (parts[0] === 'programmes' && parts[1]) { return { kind: 'programme', id: decodeURIComponent(parts[1]), year }; }
    return { kind: 'global', id: null, year };
  }
  function href(kind, id, year) {
    const y = '?year=' + year;
    if (kind === 'country') { return '#/countries/' + id + y; }
    if (kind === 'programme') { return '#/programmes/' + encodeURIComponent(id) + y; }
    return '#/' + y;
  }

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

  /** CSV through fetch (so that it carries the token), handed to the browser as a file. */
  async function downloadCsv(button) {
    if (button.getAttribute('aria-disabled') === 'true') { return; }
    const text = button.textContent;
    button.setAttribute('aria-disabled', 'true');
    button.textContent = 'Preparing the CSV…';
    try {
      const response = await auth.fetch(button.dataset.csv, { headers: { Accept: 'text/csv' } });
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
      document.getElementById('announcer').textContent = 'Downloaded ' + name;
    } catch (error) {
      document.getElementById('announcer').textContent = 'The CSV could not be downloaded: ' + error.message;
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

  async function loadYears() {
    const thisYear = new Date().getUTCFullYear();
    let years = [];
    try { years = (await getJson(API + '/years')).years || []; } catch (e) { years = []; }
    if (!years.includes(thisYear)) { years.push(thisYear); }
    years.sort((a, b) => b - a);
    const selected = yearSelect.value;
    yearSelect.innerHTML = years.map(y => '<option value="' + y + '">' + y + '</option>').join('');
    if (selected && years.includes(Number(selected))) { yearSelect.value = selected; }
    return years;
  }

  async function defaultYear() {
    const years = await loadYears();
    const thisYear = new Date().getUTCFullYear();
    // the latest year with data, unless that is in the future
    const withData = years.filter(y => y <= thisYear);
    return withData.length ? withData[0] : thisYear;
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
      + (rows.length ? rows.join('') : '<tr><td colspan="' + headers.length + '">Nothing reported yet.</td></tr>')
      + '</tbody></table></div>';
  }
  function chartFigure(id, caption) {
    return '<figure class="chart"><figcaption id="' + id + '-caption">' + esc(caption) + '</figcaption>'
      + '<div class="chart-box"><canvas id="' + id + '" role="img" aria-labelledby="' + id + '-caption"></canvas></div></figure>';
  }
  function drawChart(id, type, labels, datasets, options) {
    const canvas = document.getElementById(id);
    if (!canvas || typeof Chart === 'undefined') { return; }
    canvas.setAttribute('aria-label', canvas.getAttribute('aria-label') || describe(labels, datasets));
    charts.push(new Chart(canvas, {
      type,
      data: { labels, datasets: datasets.map((d, i) => Object.assign({
        backgroundColor: type === 'doughnut' ? COLOURS : COLOURS[i % COLOURS.length],
        borderColor: type === 'doughnut' ? '#fff' : COLOURS[i % COLOURS.length]
      }, d)) },
      options: Object.assign({ responsive: true, maintainAspectRatio: false, animation: false,
        plugins: { legend: { display: datasets.length > 1 || type === 'doughnut' } } }, options || {})
    }));
  }
  function describe(labels, datasets) {
    return datasets.map(d => d.label + ': ' + labels.map((l, i) =>
      l + ' ' + (d.data[i] === null || d.data[i] === undefined ? 'missing' : integer.format(d.data[i]))).join(', ')).join('; ');
  }
  function destroyCharts() { while (charts.length) { charts.pop().destroy(); } }

  function quarterlyChart(id, quarterly) {
    drawChart(id, 'bar', quarterly.map(q => q.period), [
      { label: 'Active (end of quarter)', data: quarterly.map(q => q.activeBeneficiaries) },
      { label: 'New (enrolled in quarter)', data: quarterly.map(q => q.newBeneficiaries) }
    ]);
  }
  function breakdownChart(id, breakdown) {
    const labels = Object.keys(breakdown.parts);
    const data = labels.map(k => breakdown.parts[k]);
    if (breakdown.notReported) { labels.push('not reported'); data.push(breakdown.notReported); }
    drawChart(id, 'doughnut', labels, [{ label: 'Active beneficiaries', data }]);
  }
  function breakdownTable(caption, breakdown) {
    const rows = Object.keys(breakdown.parts).map(k =>
      '<tr><th scope="row">' + esc(k) + '</th><td class="num">' + num(breakdown.parts[k]) + '</td></tr>');
    rows.push('<tr><th scope="row">not reported</th><td class="num">' + num(breakdown.notReported) + '</td></tr>');
    return table(caption, [{ label: 'Group' }, { label: 'Active beneficiaries', num: true }], rows);
  }

  function financingSection(f, scope) {
    const reason = rateReason(f);
    let html = '<h2 id="financing">Financing (USD, at each report year\'s exchange rate)</h2>';
    if (!f || f.reports === 0) {
      return html + '<p>No financing report for this year.</p>';
    }
    if (f.missingRates.length) {
      html += '<p class="note" data-figure="missingRates">Missing exchange rate: '
        + esc(f.missingRates.map(m => m.currency + ' ' + m.year).join(', '))
        + '. USD figures that depend on it are shown as missing.</p>';
    }
    if (f.excluded && f.excluded.length) {
      html += '<p class="note" data-figure="' + scope + 'KnownTotals">Known so far, at the rates published: '
        + (isMissing(f.executedUsdKnown) ? 'nothing executed' : usd(f.executedUsdKnown) + ' executed')
        + (isMissing(f.allocatedUsdKnown) ? '' : ' of ' + usd(f.allocatedUsdKnown) + ' allocated')
        + '; it leaves out ' + esc(f.excluded.map(e => e.currency + ' ' + e.year + ' (' + e.countries.join(', ') + ', '
          + e.reports + (e.reports === 1 ? ' report' : ' reports') + ')').join('; '))
        + '. ' + pct(f.reportsCoveredShare, 0, 'no reports') + ' of the reports are covered.</p>';
    }
    html += headline([
      { key: scope + 'AllocatedUsd', label: 'Allocated', value: usd(f.allocatedUsd, reason) },
      { key: scope + 'ExecutedUsd', label: 'Executed', value: usd(f.executedUsd, reason) },
      { key: scope + 'ExecutionRate', label: 'Execution rate', value: pct(f.executionRate, 1, 'nothing allocated') },
      { key: scope + 'ShareOfGdp', label: 'SP spending, % of GDP', value: pct(f.spendingShareOfGdp, 2, 'no GDP reported') }
    ]);
    html += '<h3 id="' + scope + '-results">Money against results</h3>' + headline([
      { key: scope + 'CostPerBeneficiary', label: 'Executed per active beneficiary',
        value: usdPerPerson(f.executedUsdPerActiveBeneficiary, 'executed USD or active beneficiaries missing') },
      { key: scope + 'CostPerTargetPerson', label: 'Executed per person of the target population',
        value: usdPerPerson(f.executedUsdPerTargetPerson, 'executed USD or target population missing') },
      { key: scope + 'ShareOfGovernmentExpenditure', label: 'SP spending, % of government expenditure',
        value: pct(f.spendingShareOfGovernmentExpenditure, 2, 'no total government expenditure reported') },
      { key: scope + 'AllocatedOnlyShare', label: 'Budget with no execution reported yet',
        value: pct(f.allocatedOnlyShare, 1, 'nothing allocated') }
    ]);
    const figureRows = list => list.map(r => '<tr><th scope="row">' + esc(label(r.key)) + '</th><td class="num">'
      + usd(r.allocatedUsd, reason) + '</td><td class="num">' + usd(r.executedUsd, reason) + '</td><td class="num">'
      + pct(r.executionRate, 1, 'nothing allocated') + '</td></tr>');
    const headers = [{ label: 'Function' }, { label: 'Allocated (USD)', num: true },
      { label: 'Executed (USD)', num: true }, { label: 'Execution rate', num: true }];
    html += '<div class="charts">' + chartFigure(scope + '-fin-chart', 'Executed by function (USD)') + '</div>';
    html += table('Financing by function', headers, figureRows(f.byFunction));
    html += table('Financing by source', [{ label: 'Source' }].concat(headers.slice(1)), figureRows(f.bySource));
    return html;
  }
  /** Executed by quarter against the year's budget, so a donor sees whether spending lags it. */
  function quarterlyExecution(quarterly, reason) {
    if (!quarterly.some(q => !isMissing(q.executedUsd) || !isMissing(q.executedUsdKnown))) {
      return '';
    }
    return table('Execution by quarter (USD, at the report year\'s rate)', [{ label: 'Quarter' },
      { label: 'Executed in the quarter', num: true }, { label: 'Executed to date', num: true },
      { label: 'Share of the year\'s budget executed to date', num: true }],
    quarterly.map(q => '<tr><th scope="row">' + esc(q.period) + '</th><td class="num">'
      + (isMissing(q.executedUsdKnown) ? notReported() : usd(q.executedUsd, reason)) + '</td><td class="num">'
      + usd(q.executedUsdToDate, reason) + '</td><td class="num">'
      + pct(q.executedShareOfAllocatedToDate, 1, 'no budget for the year or a rate missing') + '</td></tr>'),
    ' id="quarterly-execution"');
  }
  function drawFinancing(f, scope) {
    if (f && f.reports > 0) {
      drawChart(scope + '-fin-chart', 'bar', f.byFunction.map(r => label(r.key)),
        [{ label: 'Executed (USD)', maxBarThickness: 36,
          data: f.byFunction.map(r => r.executedUsd === null ? null : Number(r.executedUsd)) }],
        { indexAxis: 'y' });
    }
  }

  function milestonesSection(byStatus, milestones) {
    let html = '<h2 id="milestones">Milestones</h2>';
    html += '<dl class="headline">' + Object.keys(byStatus).map(s => '<div><dt>' + esc(label(s)) + '</dt><dd class="status-'
      + s + '" data-figure="milestones-' + s + '">' + num(byStatus[s]) + '</dd></div>').join('') + '</dl>';
    html += table('Milestones', [{ label: 'Milestone' }, { label: 'Due' }, { label: 'Status' }, { label: 'Note' }],
      milestones.map(m => '<tr><th scope="row">' + esc(m.title) + '</th><td>' + esc(m.dueDate) + '</td><td class="status-'
        + esc(m.status) + '">' + esc(label(m.status)) + '</td><td>' + esc(m.note) + '</td></tr>'));
    return html;
  }
  function indicatorsSection(indicators) {
    return '<h2 id="indicators">Results indicators</h2>' + table('Indicators: baseline, target and latest actual',
      [{ label: 'Indicator' }, { label: 'Unit' }, { label: 'Baseline', num: true }, { label: 'Target', num: true },
        { label: 'Actual', num: true }, { label: 'Period' }, { label: 'Progress to target', num: true }],
      indicators.map(i => '<tr><th scope="row">' + esc(i.name || i.indicatorCode) + '</th><td>' + esc(i.unit)
        + '</td><td class="num">' + (isMissing(i.baselineValue) ? missing() : esc(i.baselineValue) + ' (' + esc(i.baselineYear) + ')')
        + '</td><td class="num">' + (isMissing(i.targetValue) ? missing() : esc(i.targetValue) + ' (' + esc(i.targetYear) + ')')
        + '</td><td class="num">' + (isMissing(i.actualValue) ? missing() : esc(i.actualValue)) + '</td><td>'
        + esc(i.actualPeriod) + '</td><td class="num">' + pct(i.progress, 0, 'baseline or target missing') + '</td></tr>'));
  }
  function freshness(f, note) {
    if (!f || !f.newestEventTime) {
      return '<p class="freshness" data-figure="freshness">No data reflected yet.</p>';
    }
    return '<p class="freshness" data-figure="freshness">Reflects data up to ' + esc(new Date(f.newestEventTime).toLocaleString())
      + (isMissing(f.projectionLagMillis) ? '' : '; updated ' + integer.format(f.projectionLagMillis) + ' ms after it arrived')
      + '. ' + esc(note || '') + '</p>';
  }
  function coverageHint(d) {
    return isMissing(d.targetPopulation) ? 'no target population set'
      : num(d.activeBeneficiariesWithTarget !== undefined && d.activeBeneficiariesWithTarget !== null
        ? d.activeBeneficiariesWithTarget : d.activeBeneficiaries).replace(/<[^>]+>/g, '') + ' of '
        + integer.format(d.targetPopulation) + ' people eligible';
  }
  function beneficiaryHeadline(d, extra) {
    return headline([
      { key: 'activeBeneficiaries', label: 'Active beneficiaries', value: num(d.activeBeneficiaries), hint: 'latest period of the year' },
      { key: 'newBeneficiaries', label: 'New beneficiaries', value: num(d.newBeneficiaries), hint: 'enrolled during the year' },
      { key: 'coverageRate', label: 'Coverage of target population', value: pct(d.coverageRate, 1, 'no target population'), hint: coverageHint(d) }
    ].concat(extra || []));
  }
  function breakdownsSection(d, scope) {
    return '<h2>Who is covered (active beneficiaries)</h2><div class="charts">'
      + chartFigure(scope + '-sex', 'By sex') + chartFigure(scope + '-age', 'By age group') + '</div>'
      + '<div class="charts">' + breakdownTable('By sex', d.sex) + breakdownTable('By age group', d.ageGroup)
      + breakdownTable('With a disability', d.withDisability) + breakdownTable('In the informal economy', d.informalEconomy)
      + '</div>' + table('By target group', [{ label: 'Target group' }, { label: 'Active', num: true }, { label: 'New', num: true }],
        d.byTargetGroup.map(g => '<tr><th scope="row">' + esc(label(g.targetGroup)) + '</th><td class="num">'
          + num(g.activeBeneficiaries) + '</td><td class="num">' + num(g.newBeneficiaries) + '</td></tr>'));
  }
  function csvLink(url) {
    return '<p class="actions"><button type="button" class="link-button" data-csv="' + esc(url + (url.includes('?') ? '&' : '?')
      + 'format=csv') + '">Download as CSV</button></p>';
  }

  // ---------- views ----------
  async function renderGlobal(year) {
    const d = await getJson(API + '/global?year=' + year);
    document.title = 'World ' + year + ' · spmonitor';
    breadcrumbs([{ text: 'All countries' }]);
    const f = d.financing;
    main.innerHTML = '<h1>All countries, ' + year + '</h1><p class="subtitle">' + esc(d.note) + '</p>'
      + beneficiaryHeadline(d, [
        { key: 'countryCount', label: 'Countries', value: num(d.countryCount) },
        { key: 'executedUsd', label: 'Financing executed (USD)', value: money(f, f.executedUsd), hint: knownHint(f) },
        { key: 'executionRate', label: 'Execution rate', value: f.reports === 0 ? notReported() : pct(f.executionRate, 1, 'nothing allocated') },
        { key: 'spendingShareOfGdp', label: 'SP spending, % of GDP', value: f.reports === 0 ? notReported()
          : pct(f.spendingShareOfGdp, 2, 'no GDP reported') }])
      + freshness(d.freshness)
      + '<h2>Countries</h2>'
      + table('Countries, ' + year, [{ label: 'Country' }, { label: 'Programmes', num: true }, { label: 'Active', num: true },
        { label: 'New', num: true }, { label: 'Coverage', num: true }, { label: 'Executed (USD)', num: true },
        { label: 'Execution rate', num: true }, { label: '% of GDP', num: true },
        { label: 'Executed per active beneficiary', num: true }],
        d.countries.map(c => '<tr data-country="' + esc(c.country) + '"><th scope="row"><a href="' + href('country', c.country, year) + '">'
          + esc(c.country) + '</a></th><td class="num">' + num(c.programmes) + '</td><td class="num" data-col="active">'
          + num(c.activeBeneficiaries) + '</td><td class="num">' + num(c.newBeneficiaries) + '</td><td class="num" data-col="coverage">'
          + pct(c.coverageRate, 1, 'no target population') + '</td><td class="num" data-col="executedUsd">'
          + (c.financingReports === 0 ? notReported() : usd(c.executedUsd, 'no exchange rate')) + '</td><td class="num">'
          + (c.financingReports === 0 ? notReported() : pct(c.executionRate, 1, 'nothing allocated')) + '</td><td class="num">'
          + (c.financingReports === 0 ? notReported() : pct(c.spendingShareOfGdp, 2, 'no GDP reported'))
          + '</td><td class="num" data-col="costPerBeneficiary">' + (c.financingReports === 0 ? notReported()
            : usdPerPerson(c.executedUsdPerActiveBeneficiary, 'executed USD or active beneficiaries missing'))
          + '</td></tr>'), ' id="country-table"')
      + '<div class="charts">' + chartFigure('countries-chart', 'Active beneficiaries by country')
      + chartFigure('quarterly-chart', 'Beneficiaries by quarter, all countries') + '</div>'
      + financingSection(f, 'global') + quarterlyExecution(d.quarterly, rateReason(f)) + breakdownsSection(d, 'global')
      + '<h2>Milestones due in ' + year + '</h2><dl class="headline">' + Object.keys(d.milestonesByStatus).map(s =>
        '<div><dt>' + esc(label(s)) + '</dt><dd class="status-' + s + '">' + num(d.milestonesByStatus[s]) + '</dd></div>').join('') + '</dl>'
      + csvLink(API + '/global?year=' + year);
    drawChart('countries-chart', 'bar', d.countries.map(c => c.country),
      [{ label: 'Active beneficiaries', maxBarThickness: 48, data: d.countries.map(c => c.activeBeneficiaries) }]);
    quarterlyChart('quarterly-chart', d.quarterly);
    drawFinancing(f, 'global');
    breakdownChart('global-sex', d.sex);
    breakdownChart('global-age', d.ageGroup);
  }

  async function renderCountry(iso3, year) {
    const d = await getJson(API + '/countries/' + encodeURIComponent(iso3) + '?year=' + year);
    document.title = iso3 + ' ' + year + ' · spmonitor';
    breadcrumbs([{ text: 'All countries', href: href('global', null, year) }, { text: iso3 }]);
    main.innerHTML = '<h1>' + esc(iso3) + ', ' + year + '</h1><p class="subtitle">' + esc(d.note) + '</p>'
      + beneficiaryHeadline(d, [
        { key: 'executedUsd', label: 'Financing executed (USD)', value: money(d.financing, d.financing.executedUsd),
          hint: knownHint(d.financing) },
        { key: 'executionRate', label: 'Execution rate', value: d.financing.reports === 0 ? notReported()
          : pct(d.financing.executionRate, 1, 'nothing allocated') }])
      + freshness(d.freshness)
      + '<div class="charts">' + chartFigure('quarterly-chart', 'Beneficiaries by quarter') + '</div>'
      + '<h2>Programmes</h2>'
      + table('Programmes in ' + iso3 + ', ' + year, [{ label: 'Programme' }, { label: 'Status' }, { label: 'Active', num: true },
        { label: 'New', num: true }, { label: 'Target population', num: true }, { label: 'Coverage', num: true }],
        d.programmes.map(p => '<tr><th scope="row"><a href="' + href('programme', p.programmeId, year) + '">'
          + esc(p.name || p.programmeId) + '</a></th><td>' + esc(label(p.status)) + '</td><td class="num">'
          + num(p.activeBeneficiaries) + '</td><td class="num">' + num(p.newBeneficiaries) + '</td><td class="num">'
          + num(p.targetPopulation, 'no target population') + '</td><td class="num">' + pct(p.coverageRate, 1, 'no target population')
          + '</td></tr>'))
      + financingSection(d.financing, 'country') + quarterlyExecution(d.quarterly, rateReason(d.financing))
      + breakdownsSection(d, 'country')
      + milestonesSection(d.milestonesByStatus, d.milestones) + indicatorsSection(d.indicators)
      + csvLink(API + '/countries/' + encodeURIComponent(iso3) + '?year=' + year);
    quarterlyChart('quarterly-chart', d.quarterly);
    drawFinancing(d.financing, 'country');
    breakdownChart('country-sex', d.sex);
    breakdownChart('country-age', d.ageGroup);
  }

  async function renderProgramme(id, year) {
    const d = await getJson(API + '/programmes/' + encodeURIComponent(id) + '?year=' + year);
    document.title = (d.name || id) + ' ' + year + ' · spmonitor';
    breadcrumbs([{ text: 'All countries', href: href('global', null, year) },
      { text: d.country, href: href('country', d.country, year) }, { text: d.name || id }]);
    const tags = list => (list || []).map(t => '<span>' + esc(label(t)) + '</span>').join('');
    main.innerHTML = '<h1>' + esc(d.name || id) + '</h1><p class="subtitle">' + esc(d.country) + ' · ' + esc(label(d.status))
      + ' · ' + esc(d.startDate || '?') + ' to ' + esc(d.endDate || 'open') + ' · ' + year + '</p>'
      + (d.description ? '<p>' + esc(d.description) + '</p>' : '')
      + '<dl class="tags"><dt>Partners</dt><dd>' + tags(d.partners) + '</dd><dt>Donors</dt><dd>' + tags(d.donors)
      + '</dd><dt>Floor guarantees</dt><dd>' + tags(d.floorGuarantees) + '</dd><dt>Target groups</dt><dd>' + tags(d.targetGroups) + '</dd></dl>'
      + beneficiaryHeadline(d, [{ key: 'targetBeneficiaries', label: 'Target beneficiaries', value: num(d.targetBeneficiaries, 'no target set') }])
      + freshness(d.freshness)
      + '<div class="charts">' + chartFigure('quarterly-chart', 'Beneficiaries by quarter') + '</div>'
      + financingSection(d.financing, 'programme') + quarterlyExecution(d.quarterly, rateReason(d.financing))
      + breakdownsSection(d, 'programme')
      + milestonesSection(d.milestonesByStatus, d.milestones) + indicatorsSection(d.indicators)
      + csvLink(API + '/programmes/' + encodeURIComponent(id) + '?year=' + year);
    quarterlyChart('quarterly-chart', d.quarterly);
    drawFinancing(d.financing, 'programme');
    breakdownChart('programme-sex', d.sex);
    breakdownChart('programme-age', d.ageGroup);
  }

  function breadcrumbs(items) {
    document.getElementById('breadcrumbs').innerHTML = items.map((item, i) => '<li>' + (item.href
      ? '<a href="' + item.href + '">' + esc(item.text) + '</a>'
      : '<span' + (i === items.length - 1 ? ' aria-current="page"' : '') + '>' + esc(item.text) + '</span>') + '</li>').join('');
  }

  async function render(route, live) {
    destroyCharts();
    try {
      if (route.kind === 'country') { await renderCountry(route.id, route.year); }
      else if (route.kind === 'programme') { await renderProgramme(route.id, route.year); }
      else { await renderGlobal(route.year); }
      document.body.dataset.view = route.kind;
      document.body.dataset.updates = String(updates);
      if (live) {
        main.classList.remove('updated-flash');
        void main.offsetWidth;
        main.classList.add('updated-flash');
      }
    } catch (error) {
      if (signedOut) { return; }
      main.innerHTML = '<h1>Not available</h1><p role="alert">' + esc(error.status === 404
        ? 'Nothing has been reported for this yet.'
        : error.status === 403 ? 'Your sign-in does not allow reading the dashboards (it needs the viewer, reporter '
          + 'or admin role). Sign out and sign in with another client.'
          : 'The dashboard could not be loaded: ' + error.message) + '</p>';
    }
  }

  async function navigate() {
    const route = parseRoute();
    if (!route.year) {
      route.year = await defaultYear();
      history.replaceState(null, '', href(route.kind, route.id, route.year));
    } else {
      await loadYears();
    }
    if (![...yearSelect.options].some(o => Number(o.value) === route.year)) {
      yearSelect.insertAdjacentHTML('afterbegin', '<option value="' + route.year + '">' + route.year + '</option>');
    }
    yearSelect.value = String(route.year);
    const changedPage = !current || current.kind !== route.kind || current.id !== route.id;
    current = route;
    await render(route, false);
    if (changedPage && document.activeElement !== yearSelect) { main.focus({ preventScroll: true }); }
  }

  // ---------- live updates ----------
  function concerns(event, data) {
    if (!current) { return false; }
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
      await render(current, true);
      document.getElementById('announcer').textContent = message + ' at ' + new Date().toLocaleTimeString();
    }, 150);
  }
  function connectionStatus(live, message) {
    document.getElementById('connection').classList.toggle('on', live);
    document.getElementById('connection-text').textContent = message;
    document.body.dataset.live = live ? 'on' : 'off';
  }
  function connect() {
    if (stream || !window.SpmonitorEventStream || !window.ReadableStream) { return; }
    stream = SpmonitorEventStream.connect(API + '/stream', {
      fetch: auth.fetch,
      onOpen: () => connectionStatus(true, 'Live'),
      onError: () => connectionStatus(false, 'Reconnecting…'),
      onEvent: event => {
        let data = {};
        try { data = JSON.parse(event.data); } catch (err) { return; }
        if (concerns(event.type, data)) {
          scheduleReload(event.type === 'dashboard-updated' ? 'Dashboard updated with new figures for ' + data.country
            : 'Dashboard updated with new figures');
        }
      }
    });
  }
  function disconnect() {
    if (stream) { stream.close(); stream = null; }
    connectionStatus(false, 'Not connected');
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
    main.innerHTML = '<h1>Signed out</h1><p>Sign in to see the dashboards again.</p>';
  });
  auth.on('dismissed', () => {
    if (current && !signedOut) { return; }
    main.innerHTML = '<h1>Sign in to see the dashboards</h1><p>The dashboards need an access token. '
      + '<button type="button" class="link-button" data-sign-in>Sign in</button></p>';
  });
  auth.on('signed-in', () => {
    if (signedOut) {
      signedOut = false;
      navigate().then(connect);
    }
  });
  main.addEventListener('click', event => {
    const csv = event.target.closest('button[data-csv]');
    if (csv) { downloadCsv(csv); return; }
    if (event.target.closest('button[data-sign-in]')) { auth.signIn(); }
  });

  document.getElementById('filters').addEventListener('submit', event => event.preventDefault());
  yearSelect.addEventListener('change', () => {
    const route = parseRoute();
    location.hash = href(route.kind, route.id, Number(yearSelect.value)).substring(1);
  });
  window.addEventListener('hashchange', navigate);
  navigate().then(connect);
})();
