// Draws the trend charts from the JSON the page embeds (#trend-data); no inline script, no network.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("trend-data").textContent);
  var drawn = 0;

  function mark(el) {
    drawn += 1;
    el.setAttribute("data-drawn", "1");
    document.body.setAttribute("data-charts-drawn", String(drawn));
  }

  function empty(el) {
    el.textContent = "暂无数据";
    el.classList.add("empty");
  }

  function lines(kind) {
    var el = document.getElementById("chart-" + kind);
    var t = data[kind];
    if (!el || !t || !t.series.length || !t.periods.length) { if (el) { empty(el); } return; }
    var chart = echarts.init(el, null, {renderer: "canvas"});
    chart.setOption({
      animation: false,
      tooltip: {trigger: "axis"},
      legend: {type: "scroll", top: 0},
      grid: {left: 40, right: 20, top: 40, bottom: 30},
      xAxis: {type: "category", data: t.periods},
      yAxis: {type: "value", minInterval: 1},
      series: t.series.map(function (s) { return {name: s.label, type: "line", data: s.counts}; })
    });
    mark(el);
  }

  function heatmap() {
    var el = document.getElementById("chart-heatmap");
    var h = data.heatmap;
    if (!el || !h || !h.row_labels.length || !h.col_labels.length) { if (el) { empty(el); } return; }
    var cells = [], max = 1;
    h.row_labels.forEach(function (r, i) {
      h.col_labels.forEach(function (c, j) {
        var v = h.counts[i][j];
        max = Math.max(max, v);
        cells.push([j, i, v]);
      });
    });
    var chart = echarts.init(el, null, {renderer: "canvas"});
    chart.setOption({
      animation: false,
      tooltip: {position: "top"},
      grid: {left: 110, right: 20, top: 10, bottom: 90},
      xAxis: {type: "category", data: h.col_labels, axisLabel: {rotate: 40}},
      yAxis: {type: "category", data: h.row_labels},
      visualMap: {min: 0, max: max, calculable: true, orient: "horizontal", left: "center", bottom: 0},
      series: [{type: "heatmap", data: cells, label: {show: true}}]
    });
    mark(el);
  }

  function regions() {
    var el = document.getElementById("chart-region");
    var t = data.region;
    if (!el || !t || !t.series.length) { if (el) { empty(el); } return; }
    var chart = echarts.init(el, null, {renderer: "canvas"});
    var names = t.series.map(function (s) { return s.label; }).reverse();
    var totals = t.series.map(function (s) { return s.total; }).reverse();
    chart.setOption({
      animation: false,
      tooltip: {},
      grid: {left: 110, right: 30, top: 10, bottom: 30},
      xAxis: {type: "value", minInterval: 1},
      yAxis: {type: "category", data: names},
      series: [{type: "bar", data: totals, label: {show: true, position: "right"}}]
    });
    mark(el);
  }

  lines("technology");
  lines("industry");
  heatmap();
  regions();
  window.addEventListener("resize", function () {
    document.querySelectorAll(".chart[data-drawn]").forEach(function (el) {
      var c = echarts.getInstanceByDom(el);
      if (c) { c.resize(); }
    });
  });
})();
