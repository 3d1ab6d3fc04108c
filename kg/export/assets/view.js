/* kg browser view: one page, no network. Data in #kg-data; drawing by Cytoscape.js. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  var elements = [];
  data.nodes.forEach(function (n) {
    elements.push({ group: "nodes", data: { id: n.id, label: n.label, color: n.color, size: n.size, type: n.type },
                    position: { x: n.x, y: n.y } });
  });
  data.edges.forEach(function (e) {
    elements.push({ group: "edges", data: { id: e.id, source: e.source, target: e.target, label: e.label,
                                            weight: e.weight } });
  });

  var cy = cytoscape({
    container: document.getElementById("cy"),
    elements: elements,
    layout: { name: "preset", fit: true, padding: 40 },
    minZoom: 0.05,
    maxZoom: 8,
    style: [
      { selector: "node", style: {
          "background-color": "data(color)", "width": "data(size)", "height": "data(size)",
          "label": "data(label)", "font-size": 11, "color": "#222", "text-valign": "bottom",
          "text-margin-y": 3, "text-outline-color": "#fff", "text-outline-width": 2,
          "min-zoomed-font-size": 5 } },
      { selector: "edge", style: {
          "width": "mapData(weight, 1, " + Math.max(2, data.maxWeight) + ", 1, 6)",
          "line-color": "#c4c4c4", "curve-style": "bezier", "opacity": 0.8,
          "target-arrow-shape": data.directed ? "triangle" : "none", "target-arrow-color": "#c4c4c4",
          "arrow-scale": 0.8 } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#111", "z-index": 10 } },
      { selector: "edge.near", style: { "line-color": "#555", "target-arrow-color": "#555", "label": "data(label)",
          "font-size": 10, "text-rotation": "autorotate", "color": "#333",
          "text-outline-color": "#fff", "text-outline-width": 2, "opacity": 1 } },
      { selector: ".faded", style: { "opacity": 0.15 } },
      { selector: ".hidden", style: { "display": "none" } }
    ]
  });

  /* --- summary ------------------------------------------------------------------------ */
  document.getElementById("summary").textContent =
    data.nodes.length + " entities, " + data.edges.length + " links · " + data.projection;

  /* --- search ------------------------------------------------------------------------- */
  var names = document.getElementById("names");
  var index = [];
  data.nodes.forEach(function (n) {
    [n.label].concat(n.aliases || []).forEach(function (name) {
      index.push({ key: name.toLowerCase(), id: n.id });
    });
    names.appendChild(el("option", { value: n.label }));
  });

  function find(text) {
    var q = text.trim().toLowerCase();
    if (!q) { return null; }
    var exact = index.filter(function (x) { return x.key === q; });
    if (exact.length) { return exact[0].id; }
    var part = index.filter(function (x) { return x.key.indexOf(q) >= 0; });
    return part.length ? part[0].id : null;
  }

  function search(text) {
    var status = document.getElementById("search-status");
    var id = find(text);
    if (!id) { status.textContent = "No entity named “" + text + "”."; return null; }
    status.textContent = "";
    select(id, true);
    return id;
  }

  document.getElementById("search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    search(document.getElementById("search").value);
  });

  /* --- selection and the info panel ---------------------------------------------------- */
  function fmt(v) {
    if (typeof v === "number" && !Number.isInteger(v)) { return v.toPrecision(3); }
    return String(v);
  }

  function articleItem(id, sentence) {
    var a = data.articles[id] || { title: id };
    var li = el("li");
    var title = a.title || [a.outlet || "article", a.date].filter(Boolean).join(", ");
    if (a.url) { li.appendChild(el("a", { href: a.url, target: "_blank", rel: "noopener" }, title)); }
    else { li.appendChild(el("span", {}, title)); }
    var meta = a.title ? [a.outlet, a.date].filter(Boolean).join(", ") : "";
    if (meta) { li.appendChild(el("span", { "class": "muted" }, " — " + meta)); }
    if (sentence) { li.appendChild(el("div", { "class": "evidence" }, "“" + sentence + "”")); }
    return li;
  }

  function showInfo(n) {
    var info = document.getElementById("info");
    info.className = "";
    info.innerHTML = "";
    info.setAttribute("data-selected", n.id);
    info.appendChild(el("h3", { id: "selected-label" }, n.label));
    info.appendChild(el("div", { "class": "muted" }, n.type + (n.cls && n.cls !== n.type ? " · " + n.cls : "")));
    if (n.aliases && n.aliases.length) {
      info.appendChild(el("div", { "class": "muted" }, "also: " + n.aliases.join(", ")));
    }
    var table = el("table");
    Object.keys(n.metrics || {}).forEach(function (k) {
      var tr = el("tr");
      tr.appendChild(el("td", {}, k));
      tr.appendChild(el("td", {}, fmt(n.metrics[k])));
      table.appendChild(tr);
    });
    info.appendChild(table);
    var factCount = n.factCount > n.facts.length
      ? n.facts.length + " of " + n.factCount + ", the best supported" : n.facts.length;
    info.appendChild(el("h2", {}, "Facts (" + factCount + ")"));
    n.facts.forEach(function (f) {
      var box = el("div", { "class": "fact" });
      var other = el("a", { "class": "other" }, f.otherLabel);
      other.addEventListener("click", function () { if (byId[f.other]) { select(f.other, true); } });
      if (f.dir === "out") {
        box.appendChild(el("span", {}, n.label + " "));
        box.appendChild(el("span", { "class": "pred" }, f.p));
        box.appendChild(el("span", {}, " "));
        box.appendChild(other);
      } else {
        box.appendChild(other);
        box.appendChild(el("span", {}, " "));
        box.appendChild(el("span", { "class": "pred" }, f.p));
        box.appendChild(el("span", {}, " " + n.label));
      }
      var ul = el("ul", { "class": "articles" });
      f.evidence.forEach(function (ev) { ul.appendChild(articleItem(ev.a, ev.s)); });
      box.appendChild(ul);
      info.appendChild(box);
    });
    info.appendChild(el("h2", {}, "Source articles (" + n.articleCount + ")"));
    var list = el("ul", { "class": "articles" });
    n.articles.forEach(function (id) { list.appendChild(articleItem(id)); });
    info.appendChild(list);
  }

  function select(id, center) {
    var node = cy.getElementById(id);
    if (!node || node.empty()) { return; }
    cy.elements().unselect();
    cy.edges().removeClass("near");
    node.select();
    node.connectedEdges().addClass("near");
    showInfo(byId[id]);
    if (center) {
      cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 0.9) }, { duration: 250 });
    }
  }

  cy.on("tap", "node", function (ev) { select(ev.target.id(), false); });
  cy.on("tap", function (ev) {
    if (ev.target === cy) { cy.elements().unselect(); cy.edges().removeClass("near"); }
  });

  /* --- filters: type and date ----------------------------------------------------------- */
  var shownTypes = {};
  var typesBox = document.getElementById("types");
  data.types.forEach(function (t) {
    shownTypes[t.name] = true;
    var row = el("label", { "class": "type-row" });
    var box = el("input", { type: "checkbox", "data-type": t.name });
    box.checked = true;
    box.addEventListener("change", function () { shownTypes[t.name] = box.checked; applyFilters(); });
    row.appendChild(box);
    var sw = el("span", { "class": "swatch" });
    sw.style.background = t.color;
    row.appendChild(sw);
    row.appendChild(el("span", {}, t.name + " (" + t.count + ")"));
    typesBox.appendChild(row);
  });

  var from = document.getElementById("date-from");
  var to = document.getElementById("date-to");
  if (data.dateRange) {
    document.getElementById("date-range").textContent =
      "articles from " + data.dateRange[0] + " to " + data.dateRange[1];
  }
  from.addEventListener("change", applyFilters);
  to.addEventListener("change", applyFilters);

  function inRange(periods) {
    var a = from.value, b = to.value;
    if (!a && !b) { return true; }
    return (periods || []).some(function (p) { return (!a || p[1] >= a) && (!b || p[0] <= b); });
  }

  var edgeById = {};
  data.edges.forEach(function (e) { edgeById[e.id] = e; });

  function applyFilters() {
    cy.batch(function () {
      cy.nodes().forEach(function (node) {
        var n = byId[node.id()];
        node.toggleClass("hidden", !(shownTypes[n.type] && inRange(n.periods)));
      });
      cy.edges().forEach(function (edge) {
        var e = edgeById[edge.id()];
        var ends = edge.source().hasClass("hidden") || edge.target().hasClass("hidden");
        edge.toggleClass("hidden", ends || !inRange(e.periods));
      });
    });
    var shown = cy.nodes().not(".hidden").length;
    document.getElementById("summary").textContent =
      shown + " of " + data.nodes.length + " entities shown · " + data.projection;
  }

  window.kgView = { cy: cy, search: search, select: select, applyFilters: applyFilters, data: data };
  document.body.setAttribute("data-ready", "true");
})();
