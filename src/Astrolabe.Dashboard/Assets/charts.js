// Draws the ECharts options the server computes. Shared by the dashboard, the report and `astrolabe plot`.
(function (global) {
  'use strict';

  // Renderers for custom series, chosen by the series' "renderer" field (an option is plain JSON).
  var renderers = {
    // Each item is [row, start ms, end ms, trial number]: a bar on the row from start to end.
    timeline: function (params, api) {
      var row = api.value(0);
      var start = api.coord([api.value(1), row]);
      var end = api.coord([api.value(2), row]);
      var height = api.size([0, 1])[1] * 0.6;
      var shape = echarts.graphic.clipRectByRect(
        { x: start[0], y: start[1] - height / 2, width: Math.max(end[0] - start[0], 1), height: height },
        { x: params.coordSys.x, y: params.coordSys.y, width: params.coordSys.width, height: params.coordSys.height });
      return shape && { type: 'rect', transition: ['shape'], shape: shape, style: api.style() };
    }
  };

  // Every string in an option is plain text (the server never escapes). ECharts draws titles, axis names,
  // labels and legends on the canvas or as SVG text, and escapes the names and values of its default tooltips;
  // the only HTML it inserts is what a tooltip formatter returns. So each formatter here escapes what it
  // returns, and a formatter string in an option is shown as it is, as text (not as an ECharts template).
  var entities = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) { return entities[c]; });
  }

  function textFormatters(tooltip) {
    if (tooltip && typeof tooltip.formatter === 'string') {
      var html = escapeHtml(tooltip.formatter);
      tooltip.formatter = function () { return html; };
    }
  }

  function prepare(option) {
    textFormatters(option.tooltip);
    (option.series || []).forEach(function (s) {
      textFormatters(s.tooltip);
      if (s.type === 'custom' && s.renderer) {
        s.renderItem = renderers[s.renderer];
        s.tooltip = { formatter: function (p) { return escapeHtml('trial ' + p.value[3] + ' (' + p.seriesName + ')'); } };
      }
    });
    return option;
  }

  global.astrolabeCharts = {};

  // Draws (or redraws) a chart of one kind into an element.
  global.astrolabeDraw = function (element, kind, option, renderer) {
    var chart = echarts.getInstanceByDom(element) || echarts.init(element, null, { renderer: renderer || 'canvas' });
    chart.setOption(prepare(option), true);
    global.astrolabeCharts[kind] = chart;
    return chart;
  };

  // How many data items of a series have a drawn graphic element (what a test counts as rendered points).
  global.astrolabeRendered = function (kind, seriesId) {
    var chart = global.astrolabeCharts[kind];
    if (!chart) { return -1; }
    var series = chart.getModel().getSeries().filter(function (s) { return s.id === seriesId; })[0];
    if (!series) { return -1; }
    var data = series.getData();
    var n = 0;
    for (var i = 0; i < data.count(); i++) {
      if (data.getItemGraphicEl(i)) { n++; }
    }
    return n;
  };
})(window);
