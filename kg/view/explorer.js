// kg explorer: draws the embedded graph with vis-network and explains every edge.
// All graph text reaches the DOM through textContent; links only for http(s) URLs.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  var status = document.getElementById("kg-status");
  var panel = document.getElementById("kg-panel");

  network.once("afterDrawing", function () {
    status.setAttribute("data-nodes", String(nodes.length));
    status.setAttribute("data-edges", String(edges.length));
    status.textContent = nodes.length + " nodes, " + edges.length + " edges";
  });

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function isWebUrl(url) {
    return typeof url === "string" && /^https?:\/\//i.test(url);
  }

  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function label(id) {
    return byId[id] ? byId[id].label : id;
  }

  function claimBox(claim) {
    var box = el("div", null, "kg-claim");
    if (claim.evidence) box.appendChild(el("div", "\u201c" + claim.evidence + "\u201d", "kg-evidence"));
    var meta = [];
    if (claim.amount) meta.push("amount " + claim.amount);
    if (claim.date) meta.push("date " + claim.date);
    if (claim.confidence !== null && claim.confidence !== undefined) meta.push("confidence " + claim.confidence);
    if (claim.hedged) meta.push("hedged");
    if (meta.length) box.appendChild(el("div", meta.join(" \u00b7 "), "kg-meta"));
    var art = claim.article;
    if (art) {
      var src = el("div", null, "kg-meta kg-source");
      if (isWebUrl(art.url)) {
        var a = el("a", art.title);
        a.setAttribute("href", art.url);
        a.setAttribute("target", "_blank");
        a.setAttribute("rel", "noopener noreferrer");
        src.appendChild(a);
      } else {
        src.appendChild(el("span", art.title));
      }
      if (art.date) src.appendChild(el("span", " (" + art.date + ")"));
      box.appendChild(src);
    }
    return box;
  }

  function factBox(index) {
    var fact = data.facts[index];
    var box = el("div", null, "kg-fact");
    box.appendChild(el("strong", label(fact.subject) + " \u2014 " + fact.label + " \u2192 " + label(fact.object)));
    if (!fact.claims.length) box.appendChild(el("div", "no recorded source", "kg-meta"));
    fact.claims.forEach(function (c) { box.appendChild(claimBox(c)); });
    return box;
  }

  function show(title, facts, extra) {
    panel.replaceChildren();
    panel.appendChild(el("h2", title));
    if (extra) panel.appendChild(extra);
    facts.forEach(function (i) { panel.appendChild(factBox(i)); });
  }

  function showNode(id) {
    var n = byId[id];
    if (!n) return;
    var info = el("div", n.kgClass + (n.aliases.length ? " \u00b7 also: " + n.aliases.join(", ") : ""), "kg-meta");
    var facts = data.edges.filter(function (e) { return e.from === id || e.to === id; })
      .map(function (e) { return e.fact; });
    show(n.label, facts, info);
    panel.setAttribute("data-selected", id);
  }

  function showEdge(id) {
    var e = edges.get(id);
    if (!e) return;
    show(data.facts[e.fact].label, [e.fact]);
    panel.setAttribute("data-selected", id);
  }

  function focusNode(id) {
    network.selectNodes([id]);
    network.focus(id, { scale: 1.2, animation: false });
    showNode(id);
  }

  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });

  // search over labels and aliases, accent- and case-insensitive
  var search = document.getElementById("kg-search");
  var results = document.getElementById("kg-results");
  function matches(query) {
    var q = fold(query.trim());
    if (!q) return [];
    return data.nodes.filter(function (n) {
      return [n.label].concat(n.aliases).some(function (t) { return fold(t).indexOf(q) >= 0; });
    }).slice(0, 20);
  }
  search.addEventListener("input", function () {
    results.replaceChildren();
    matches(search.value).forEach(function (n) {
      var li = el("li", n.label);
      li.addEventListener("click", function () { focusNode(n.id); });
      results.appendChild(li);
    });
  });
  search.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") return;
    var found = matches(search.value);
    if (found.length) focusNode(found[0].id);
  });

  // legend doubles as the class filter
  var legend = document.getElementById("kg-legend");
  var hiddenClasses = {};
  data.classes.forEach(function (c) {
    var li = el("li");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.setAttribute("data-class", c.name);
    var swatch = el("span", null, "kg-swatch");
    swatch.style.background = c.color;
    li.appendChild(box);
    li.appendChild(swatch);
    li.appendChild(el("span", c.name + " (" + c.count + ")"));
    box.addEventListener("change", function () {
      hiddenClasses[c.name] = !box.checked;
      nodes.update(data.nodes.filter(function (n) { return n.kgClass === c.name; })
        .map(function (n) { return { id: n.id, hidden: !box.checked }; }));
    });
    legend.appendChild(li);
  });

  var physics = document.getElementById("kg-physics");
  physics.checked = !!(data.options.physics && data.options.physics.enabled);
  physics.addEventListener("change", function () {
    network.setOptions({ physics: { enabled: physics.checked } });
  });

  // initial selection: #node=<id> or #edge=<id> in the URL, else the focus entity
  var hash = decodeURIComponent(location.hash.slice(1));
  if (hash.indexOf("node=") === 0) focusNode(hash.slice(5));
  else if (hash.indexOf("edge=") === 0) showEdge(hash.slice(5));
  else if (data.focus && byId[data.focus]) focusNode(data.focus);
})();
