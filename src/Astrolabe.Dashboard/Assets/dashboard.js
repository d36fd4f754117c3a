// The dashboard's page: a study list, a live trial table paged on the server, and the plots.
// Every string from the storage (study and parameter names, categorical choices) reaches the page as text:
// nodes are built with createElement and filled with textContent, never from markup (no innerHTML).
(function () {
  'use strict';
  var state = { study: null, sort: 'number', desc: false, filter: '', offset: 0, limit: 50, version: null, plots: [] };
  var tableRequests = 0;
  var $ = function (id) { return document.getElementById(id); };

  function getJson(url) {
    return fetch(url, { cache: 'no-store' }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) { throw new Error(body.error || r.statusText); }
        return body;
      });
    });
  }

  function text(value) {
    if (value === null || value === undefined) { return ''; }
    if (typeof value === 'number') { return Number.isInteger(value) ? String(value) : value.toPrecision(6); }
    return String(value);
  }

  function loadStudies() {
    return getJson('api/studies').then(function (studies) {
      var list = $('studies');
      list.replaceChildren();
      studies.forEach(function (s) {
        var li = document.createElement('li');
        li.dataset.studyId = s.id;
        li.dataset.studyName = s.name;
        li.textContent = s.name;
        var count = document.createElement('span');
        count.className = 'count';
        count.textContent = s.trialCount;
        li.appendChild(count);
        if (String(s.id) === String(state.study)) { li.className = 'selected'; }
        li.onclick = function () { location.hash = '#/study/' + s.id; };
        list.appendChild(li);
      });
    });
  }

  function loadTable() {
    var seq = ++tableRequests;
    var study = state.study;
    var q = 'api/studies/' + state.study + '/trials?sort=' + encodeURIComponent(state.sort) + '&desc=' + state.desc +
      '&filter=' + encodeURIComponent(state.filter) + '&offset=' + state.offset + '&limit=' + state.limit;
    return getJson(q).then(function (page) {
      if (seq !== tableRequests) { return; } // a newer request (sort, filter, page, study) answers instead
      $('error').textContent = '';
      var columns = ['number', 'state'];
      for (var i = 0; i < page.objectives; i++) { columns.push(page.objectives === 1 ? 'value' : 'value' + i); }
      columns = columns.concat(page.params, ['duration'], page.hasCost ? ['cpu', 'energy'] : [], page.hasConstraints ? ['feasible'] : []);
      var head = document.createElement('tr');
      columns.forEach(function (c) {
        var th = document.createElement('th');
        th.dataset.col = c;
        th.textContent = c;
        if (c === state.sort) { th.className = 'sorted' + (state.desc ? ' desc' : ''); }
        th.onclick = function () {
          state.desc = state.sort === c ? !state.desc : false;
          state.sort = c;
          state.offset = 0;
          loadTable();
        };
        head.appendChild(th);
      });
      $('table').tHead.replaceChildren(head);
      var body = $('table').tBodies[0];
      body.replaceChildren();
      page.rows.forEach(function (r) {
        var tr = document.createElement('tr');
        tr.className = r.state;
        tr.dataset.number = r.number;
        var cells = [r.number, r.state];
        for (var k = 0; k < page.objectives; k++) { cells.push(r.values ? r.values[k] : null); }
        page.params.forEach(function (p) { cells.push(r.params[p]); });
        cells.push(r.durationSeconds === null ? null : r.durationSeconds.toFixed(2) + 's');
        if (page.hasCost) {
          cells.push(r.cpuSeconds === null ? null : r.cpuSeconds.toFixed(2) + ' s');
          cells.push(r.energyJoules === null ? null : r.energyJoules.toPrecision(3) + ' J');
        }
        if (page.hasConstraints) { cells.push(r.feasible === null ? null : (r.feasible ? 'yes' : 'no')); }
        cells.forEach(function (c) { var td = document.createElement('td'); td.textContent = text(c); tr.appendChild(td); });
        body.appendChild(tr);
      });
      $('matched').textContent = page.matched + ' of ' + page.total + ' trials';
      $('matched').dataset.matched = page.matched;
      var last = Math.min(page.offset + page.rows.length, page.matched);
      $('page').textContent = page.matched === 0 ? '0' : (page.offset + 1) + '–' + last;
      $('prev').disabled = page.offset === 0;
      $('next').disabled = last >= page.matched;
      var summary = Object.keys(page.stateCounts).filter(function (s) { return page.stateCounts[s] > 0; })
        .map(function (s) { return s + ': ' + page.stateCounts[s]; });
      if (page.best !== null) { summary.push('best: ' + text(page.best)); }
      $('summary').replaceChildren();
      summary.forEach(function (t) {
        var span = document.createElement('span');
        span.textContent = t;
        $('summary').appendChild(span);
      });
      document.body.dataset.tableStudy = study;
    }).catch(function (e) { if (seq === tableRequests) { $('error').textContent = e.message; } });
  }

  function loadPlots(plots) {
    var study = state.study;
    var version = state.version;
    var container = $('plots');
    var kinds = plots.map(function (p) { return p.kind; }).join(',');
    if (container.dataset.kinds !== kinds) {
      container.replaceChildren();
      Object.keys(window.astrolabeCharts).forEach(function (k) { window.astrolabeCharts[k].dispose(); delete window.astrolabeCharts[k]; });
      plots.forEach(function (p) {
        var div = document.createElement('div');
        div.id = 'plot-' + p.kind;
        div.className = 'plot' + (p.kind === 'parallel' || p.kind === 'slice' || p.kind === 'timeline' ? ' wide' : '');
        container.appendChild(div);
      });
      container.dataset.kinds = kinds;
    }
    return Promise.all(plots.map(function (p) {
      return getJson('api/studies/' + state.study + '/plots/' + p.kind).then(function (option) {
        window.astrolabeDraw($('plot-' + p.kind), p.kind, option);
      });
    })).then(function () {
      if (study === state.study) {
        document.body.dataset.plotsStudy = study;
        document.body.dataset.plotsVersion = version;
      }
    });
  }

  function refresh() {
    if (state.study === null) { return Promise.resolve(); }
    return getJson('api/studies/' + state.study).then(function (s) {
      $('study-name').textContent = s.name;
      if (s.version === state.version) { return null; }
      state.version = s.version;
      return Promise.all([loadTable(), loadPlots(s.plots), loadStudies()]);
    }).catch(function (e) { $('error').textContent = e.message; });
  }

  function route() {
    var m = /^#\/study\/(\d+)/.exec(location.hash);
    state.study = m ? m[1] : null;
    state.version = null;
    state.offset = 0;
    state.sort = 'number';
    state.desc = false;
    state.filter = '';
    $('filter').value = '';
    delete document.body.dataset.plotsStudy;
    delete document.body.dataset.tableStudy;
    $('empty').hidden = state.study !== null;
    $('study').hidden = state.study === null;
    loadStudies();
    refresh();
  }

  $('apply').onclick = function () { state.filter = $('filter').value; state.offset = 0; loadTable(); };
  $('filter').onkeydown = function (e) { if (e.key === 'Enter') { $('apply').onclick(); } };
  $('prev').onclick = function () { state.offset = Math.max(0, state.offset - state.limit); loadTable(); };
  $('next').onclick = function () { state.offset += state.limit; loadTable(); };
  window.addEventListener('hashchange', route);
  window.addEventListener('resize', function () {
    Object.keys(window.astrolabeCharts).forEach(function (k) { window.astrolabeCharts[k].resize(); });
  });
  route();
  setInterval(function () { if (state.study === null) { loadStudies(); } else { refresh(); } }, 1000);
})();
