// kg explorer: draws the embedded graph with vis-network and explains every edge.
// All graph text reaches the DOM through textContent; links only for http(s) URLs.
//
// What is drawn is decided in one place, apply(): the class, property, date and
// source filters pick the facts, "focus" keeps the k-hop neighbourhood of a node,
// and nodes left without a drawn fact are hidden unless "show unconnected" is on.
// The same state can be given in the URL: #focus=<id>&hops=2&props=investsIn,ceoOf
// &hide=Place&since=2024-01&until=2024-06&source=<article id>&unconnected=1.
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
  var summary = document.getElementById("kg-filters");

  status.setAttribute("data-nodes", String(data.nodes.length));
  status.setAttribute("data-edges", String(data.edges.length));

  // Proof that something was drawn: once drawing settles, count the canvas pixels
  // that are not transparent (a blank or zero-sized canvas gives 0).
  var paintTimer = null;
  function countPainted() {
    var canvas = container.querySelector("canvas");
    var painted = 0;
    if (canvas && canvas.width > 0 && canvas.height > 0) {
      var px = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
      for (var i = 3; i < px.length; i += 4) if (px[i] !== 0) painted++;
    }
    status.setAttribute("data-painted", String(painted));
  }
  network.on("afterDrawing", function () {
    if (!status.hasAttribute("data-first-draw-ms")) {
      // when the page became usable, for benchmarks/browser.py (not asserted in tests)
      status.setAttribute("data-first-draw-ms", String(Math.round(performance.now())));
    }
    clearTimeout(paintTimer);
    paintTimer = setTimeout(countPainted, 60);
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

  // ---- dates: partial ISO dates (YYYY, YYYY-MM, YYYY-MM-DD) compared as day spans
  var ISO = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
  function span(date) {
    var parts = String(date).trim().slice(0, 10).split("-");
    var first = parts.concat(["01", "01"].slice(0, 3 - parts.length)).join("-");
    var last = parts.concat(parts.length === 1 ? ["12", "31"] : parts.length === 2 ? ["31"] : []).join("-");
    return [first, last];
  }
  function inRange(date, since, until) {
    var s = span(date);
    if (since && s[1] < span(since)[0]) return false;
    return !until || s[0] <= span(until)[1];
  }

  // ---- the view state, and the one function that draws it
  var props = data.properties.map(function (p) { return p.name; });
  var state;
  function freshState() {
    return { hiddenClasses: {}, hiddenProps: {}, since: "", until: "", source: "",
             unconnected: false, focus: null, hops: 1 };
  }
  state = freshState();

  function factPasses(fact) {
    if (state.hiddenProps[fact.property]) return false;
    if (!state.since && !state.until && !state.source) return true;
    return fact.claims.some(function (c) {
      if (state.source && c.articleId !== state.source) return false;
      if (!state.since && !state.until) return true;
      var dates = [c.date, c.article && c.article.date].filter(Boolean);
      return dates.some(function (d) { return inRange(d, state.since, state.until); });
    });
  }

  function neighbourhood(start, hops, adjacency) {
    var seen = {};
    seen[start] = true;
    var frontier = [start];
    for (var k = 0; k < hops; k++) {
      var next = [];
      frontier.forEach(function (id) {
        (adjacency[id] || []).forEach(function (o) {
          if (!seen[o]) { seen[o] = true; next.push(o); }
        });
      });
      frontier = next;
    }
    return seen;
  }

  var shown = { nodes: [], edges: 0 };
  function apply(fit) {
    var classOk = function (id) { return byId[id] && !state.hiddenClasses[byId[id].kgClass]; };
    var edgeOk = {};
    var adjacency = {};
    data.edges.forEach(function (e) {
      if (!classOk(e.from) || !classOk(e.to) || !factPasses(data.facts[e.fact])) return;
      edgeOk[e.id] = true;
      (adjacency[e.from] = adjacency[e.from] || []).push(e.to);
      (adjacency[e.to] = adjacency[e.to] || []).push(e.from);
    });
    var near = state.focus && byId[state.focus] ? neighbourhood(state.focus, state.hops, adjacency) : null;
    if (near) {
      data.edges.forEach(function (e) {
        if (edgeOk[e.id] && !(near[e.from] && near[e.to])) delete edgeOk[e.id];
      });
    }
    var degree = {};
    var edgeCount = 0;
    data.edges.forEach(function (e) {
      if (!edgeOk[e.id]) return;
      edgeCount++;
      degree[e.from] = (degree[e.from] || 0) + 1;
      degree[e.to] = (degree[e.to] || 0) + 1;
    });
    var visible = [];
    var isolatedHidden = 0;
    nodes.update(data.nodes.map(function (n) {
      var ok = classOk(n.id) && (!near || near[n.id]);
      if (ok && !degree[n.id] && !state.unconnected && n.id !== state.focus) {
        ok = false;
        isolatedHidden++;
      }
      if (ok) visible.push(n.id);
      return { id: n.id, hidden: !ok };
    }));
    edges.update(data.edges.map(function (e) { return { id: e.id, hidden: !edgeOk[e.id] }; }));
    shown = { nodes: visible, edges: edgeCount };
    status.setAttribute("data-visible-nodes", String(visible.length));
    status.setAttribute("data-visible-edges", String(edgeCount));
    status.textContent = visible.length + " of " + data.nodes.length + " nodes, " +
      edgeCount + " of " + data.edges.length + " edges shown";
    describe(isolatedHidden);
    if (fit) fitShown();
  }

  // keep the whole view fitted when the window (or headless viewport) changes size,
  // until the user zooms, drags or focuses a node
  var fitted = false;
  function fitShown() {
    if (shown.nodes.length) network.fit({ nodes: shown.nodes, animation: false });
    fitted = true;
  }
  network.on("resize", function () {
    // vis-network restores its own camera right after this event: fit once it has
    if (fitted) setTimeout(function () { if (fitted) fitShown(); }, 0);
  });
  // follow the container at once (vis-network itself polls once a second); the CSS
  // keeps the container's size independent of the canvas, so this cannot loop
  if (window.ResizeObserver) {
    new ResizeObserver(function () {
      network.setSize("100%", "100%");
      if (fitted) fitShown();
      network.redraw();
    }).observe(container);
  }
  network.on("zoom", function () { fitted = false; });
  network.on("dragStart", function () { fitted = false; });

  // the active filters in words, so that a screenshot explains itself
  function describe(isolatedHidden) {
    var parts = [];
    var hiddenClasses = Object.keys(state.hiddenClasses).filter(function (k) { return state.hiddenClasses[k]; });
    if (hiddenClasses.length) parts.push("classes hidden: " + hiddenClasses.join(", "));
    var hiddenProps = props.filter(function (p) { return state.hiddenProps[p]; });
    if (hiddenProps.length) {
      var names = data.properties.filter(function (p) { return !state.hiddenProps[p.name]; })
        .map(function (p) { return p.label; });
      parts.push("properties: " + (names.length ? names.join(", ") : "none"));
    }
    if (state.since || state.until) parts.push("dates: " + (state.since || "\u2026") + " to " + (state.until || "\u2026"));
    if (state.source) {
      var art = data.articles.filter(function (a) { return a.id === state.source; })[0];
      parts.push("source: " + (art ? art.title : state.source));
    }
    if (state.focus) parts.push("focus: " + label(state.focus) + " (" + state.hops + " hop" + (state.hops === 1 ? "" : "s") + ")");
    if (isolatedHidden) parts.push(isolatedHidden + " unconnected node" + (isolatedHidden === 1 ? "" : "s") + " hidden");
    summary.replaceChildren();
    data.notes.forEach(function (note) { summary.appendChild(el("span", note + ". ", "kg-note")); });
    summary.appendChild(el("span", "Filters: " + (parts.length ? parts.join(" \u00b7 ") : "none")));
    summary.setAttribute("data-active", parts.join(" | "));
  }

  // ---- side panel
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
    var total = fact.claimCount || fact.claims.length;
    if (!total) box.appendChild(el("div", "no recorded source", "kg-meta"));
    if (total > fact.claims.length) {  // the page carries a few claims per fact
      box.appendChild(el("div", "showing " + fact.claims.length + " of " + total + " claims \u00b7 " +
        fact.sources + " source" + (fact.sources === 1 ? "" : "s") + " in all", "kg-meta kg-more"));
    }
    fact.claims.forEach(function (c) { box.appendChild(claimBox(c)); });
    return box;
  }

  function show(title, facts, extra) {
    panel.replaceChildren();
    panel.appendChild(el("h2", title));
    (extra || []).forEach(function (x) { panel.appendChild(x); });
    facts.forEach(function (i) { panel.appendChild(factBox(i)); });
  }

  function showNode(id) {
    var n = byId[id];
    if (!n) return;
    var info = el("div", n.kgClass + (n.aliases.length ? " \u00b7 also: " + n.aliases.join(", ") : ""), "kg-meta");
    var button = el("button", state.focus === id ? "Show everything again" : "Focus on this node");
    button.id = "kg-focus";
    button.type = "button";
    button.addEventListener("click", function () {
      setFocus(state.focus === id ? null : id);
      showNode(id);
    });
    var facts = data.edges.filter(function (e) { return e.from === id || e.to === id; })
      .map(function (e) { return e.fact; });
    show(n.label, facts, [info, button]);
    panel.setAttribute("data-selected", id);
  }

  function showEdge(id) {
    var e = edges.get(id);
    if (!e) return;
    show(data.facts[e.fact].label, [e.fact]);
    panel.setAttribute("data-selected", id);
  }

  function setFocus(id) {
    state.focus = id;
    apply(true);
  }

  function focusNode(id, zoom) {
    if (!byId[id]) return;
    if (nodes.get(id).hidden) {  // a hidden search hit: show it rather than fail silently
      if (!state.unconnected) { state.unconnected = true; unconnectedBox.checked = true; }
      state.hiddenClasses[byId[id].kgClass] = false;
      syncControls();
      apply(false);
    }
    network.selectNodes([id]);
    if (zoom !== false) {
      network.focus(id, { scale: 1.1, animation: false });
      fitted = false;
    }
    showNode(id);
  }

  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });

  // ---- search over labels and aliases, accent- and case-insensitive
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

  // ---- filter controls
  function checkItem(list, text, colour, attr, value, onChange) {
    var li = el("li");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.setAttribute(attr, value);
    li.appendChild(box);
    if (colour) {
      var swatch = el("span", null, "kg-swatch");
      swatch.style.background = colour;
      li.appendChild(swatch);
    }
    li.appendChild(el("label", text));
    li.lastChild.addEventListener("click", function () { box.click(); });
    box.addEventListener("change", function () { onChange(box.checked); apply(false); });
    list.appendChild(li);
    return box;
  }

  var classBoxes = {};
  var legend = document.getElementById("kg-legend");
  data.classes.forEach(function (c) {
    classBoxes[c.name] = checkItem(legend, c.name + " (" + c.count + ")", c.color, "data-class", c.name,
      function (on) { state.hiddenClasses[c.name] = !on; });
  });

  var propBoxes = {};
  var propList = document.getElementById("kg-properties");
  data.properties.forEach(function (p) {
    propBoxes[p.name] = checkItem(propList, p.label + " (" + p.count + ")", null, "data-property", p.name,
      function (on) { state.hiddenProps[p.name] = !on; });
  });

  var sinceBox = document.getElementById("kg-since");
  var untilBox = document.getElementById("kg-until");
  [[sinceBox, "since"], [untilBox, "until"]].forEach(function (pair) {
    pair[0].addEventListener("change", function () {
      var value = pair[0].value.trim();
      var ok = !value || ISO.test(value);
      pair[0].classList.toggle("kg-invalid", !ok);
      if (!ok) return;
      state[pair[1]] = value;
      apply(false);
    });
  });

  var sourceBox = document.getElementById("kg-source");
  data.articles.forEach(function (a) {
    var option = el("option", a.title + (a.date ? " (" + a.date + ")" : ""));
    option.value = a.id;
    sourceBox.appendChild(option);
  });
  sourceBox.addEventListener("change", function () { state.source = sourceBox.value; apply(false); });

  var unconnectedBox = document.getElementById("kg-unconnected");
  unconnectedBox.addEventListener("change", function () {
    state.unconnected = unconnectedBox.checked;
    apply(true);
  });

  var hopsBox = document.getElementById("kg-hops");
  hopsBox.addEventListener("change", function () {
    var hops = parseInt(hopsBox.value, 10);
    if (hops >= 1) { state.hops = hops; apply(!!state.focus); }
  });

  var physics = document.getElementById("kg-physics");
  physics.checked = !!(data.options.physics && data.options.physics.enabled);
  physics.addEventListener("change", function () {
    network.setOptions({ physics: { enabled: physics.checked } });
  });

  function syncControls() {
    Object.keys(classBoxes).forEach(function (k) { classBoxes[k].checked = !state.hiddenClasses[k]; });
    Object.keys(propBoxes).forEach(function (k) { propBoxes[k].checked = !state.hiddenProps[k]; });
    sinceBox.value = state.since;
    untilBox.value = state.until;
    sinceBox.classList.remove("kg-invalid");
    untilBox.classList.remove("kg-invalid");
    sourceBox.value = state.source;
    unconnectedBox.checked = state.unconnected;
    hopsBox.value = String(state.hops);
  }

  document.getElementById("kg-reset").addEventListener("click", function () {
    state = freshState();
    syncControls();
    network.unselectAll();
    panel.replaceChildren(el("p", "Click a node or an edge to see its facts and sources.", "kg-hint"));
    panel.removeAttribute("data-selected");
    apply(true);
  });

  // ---- initial state from the URL fragment, e.g. #focus=<id>&hops=2 or #edge=e0
  var params = {};
  location.hash.slice(1).split("&").forEach(function (pair) {
    if (!pair) return;
    var at = pair.indexOf("=");
    var key = at < 0 ? pair : pair.slice(0, at);
    try { params[key] = decodeURIComponent(at < 0 ? "" : pair.slice(at + 1)); } catch (err) { /* ignore */ }
  });
  if (params.hide) params.hide.split(",").forEach(function (k) { state.hiddenClasses[k] = true; });
  if (params.props) {
    var wanted = params.props.split(",");
    props.forEach(function (p) { state.hiddenProps[p] = wanted.indexOf(p) < 0; });
  }
  if (params.since && ISO.test(params.since)) state.since = params.since;
  if (params.until && ISO.test(params.until)) state.until = params.until;
  if (params.source) state.source = params.source;
  if (params.unconnected === "1") state.unconnected = true;
  if (params.hops && parseInt(params.hops, 10) >= 1) state.hops = parseInt(params.hops, 10);
  if (params.focus && byId[params.focus]) state.focus = params.focus;
  syncControls();
  apply(true);

  if (params.edge) showEdge(params.edge);
  else if (params.node) focusNode(params.node);
  else if (state.focus) focusNode(state.focus, false);
  else if (data.focus) focusNode(data.focus, false);
})();
