// The report's trial table past its first page. The file shows the first rows as HTML; every trial's cells are
// embedded as gzipped JSON in base64 (#trial-rows), unpacked the first time the reader turns a page. Each page is
// built from text nodes (createElement, textContent), so a parameter name or choice holding markup shows as text.
(function () {
  'use strict';
  var source = document.getElementById('trial-rows');
  if (!source) { return; }
  var $ = function (id) { return document.getElementById(id); };
  var pageRows = Number(source.dataset.pageRows);
  var total = Number(source.dataset.total);
  var pages = Math.ceil(total / pageRows);
  var rows = null;
  var current = 1;

  function load() {
    if (rows === null) {
      var text = atob(source.textContent);
      var bytes = new Uint8Array(text.length);
      for (var i = 0; i < text.length; i++) { bytes[i] = text.charCodeAt(i); }
      rows = new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).json();
    }
    return rows;
  }

  function draw(all, page) {
    var body = $('table').tBodies[0];
    var first = (page - 1) * pageRows;
    var last = Math.min(first + pageRows, total);
    body.replaceChildren();
    for (var i = first; i < last; i++) {
      var tr = document.createElement('tr');
      tr.className = all[i][1];
      all[i].forEach(function (cell) {
        var td = document.createElement('td');
        td.textContent = cell;
        tr.appendChild(td);
      });
      body.appendChild(tr);
    }

    $('rows').textContent = 'trials ' + (first + 1) + '–' + last + ' of ' + total;
    document.body.dataset.tablePage = page;
  }

  function show(page) {
    current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
    $('page-number').value = current;
    $('prev').disabled = current === 1;
    $('next').disabled = current === pages;
    var asked = current;
    load().then(function (all) {
      if (asked === current) { draw(all, asked); } // a later click answers instead
    }).catch(function (e) {
      $('rows').textContent = 'This browser cannot unpack the other pages of the table (' + e.message + ').';
    });
  }

  $('prev').onclick = function () { show(current - 1); };
  $('next').onclick = function () { show(current + 1); };
  $('page-number').onchange = function () { show(Number($('page-number').value)); };
})();
