/* kgraph page script: draws the graph embedded as JSON in #kg-data and adds the
   legend, class and relation filters, search, neighbourhood highlight, tooltips
   and the entity panel. Text from articles is only ever set with textContent:
   names and sentences may contain markup, and it must stay text. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var nodeData = {};
  data.nodes.forEach(function (node) { nodeData[node.id] = node; });
  var edgeData = {};
  data.edges.forEach(function (edge) { edgeData[edge.id] = edge; });

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);

  var SVG = "http://www.w3.org/2000/svg";

  // Entities with no statement to another entity are often most of a news
  // graph; open the page on the connected part (zoom out to see the rest).
  var connected = data.nodes.filter(function (node) { return node.degree > 0; })
    .map(function (node) { return node.id; });
  var unconnected = data.nodes.filter(function (node) { return node.degree === 0; })
    .map(function (node) { return node.id; });
  if (connected.length && unconnected.length && !data.options.physics.enabled) {
    network.fit({ nodes: connected, animation: false });
  }

  // Exposed for the browser tests and for poking at the graph from the console.
  window.kgraph = { network: network, nodes: nodes, edges: edges, data: data, firstDraw: null, focused: null };
  network.once("afterDrawing", function () {
    window.kgraph.firstDraw = performance.now();
    document.body.setAttribute("data-drawn", "true");
  });

  function el(tag, className, text) {
    var element = document.createElement(tag);
    if (className) { element.className = className; }
    if (text !== undefined && text !== null) { element.textContent = String(text); }
    return element;
  }

  function fold(text) {
    return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  function label(id) {
    return nodeData[id] ? nodeData[id].label : id;
  }

  // ------------------------------------------------------------------ legend

  function swatch(shape, color) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", "14");
    svg.setAttribute("height", "14");
    svg.setAttribute("viewBox", "-7 -7 14 14");
    svg.setAttribute("class", "kg-swatch");
    var points = {
      triangle: "0,-6 6,5 -6,5",
      triangleDown: "0,6 6,-5 -6,-5",
      diamond: "0,-6 6,0 0,6 -6,0",
      hexagon: "6,0 3,5.2 -3,5.2 -6,0 -3,-5.2 3,-5.2",
      star: "0,-6.5 1.6,-2 6.2,-2 2.5,0.8 3.8,5.3 0,2.6 -3.8,5.3 -2.5,0.8 -6.2,-2 -1.6,-2"
    };
    var mark;
    if (points[shape]) {
      mark = document.createElementNS(SVG, "polygon");
      mark.setAttribute("points", points[shape]);
    } else if (shape === "square") {
      mark = document.createElementNS(SVG, "rect");
      mark.setAttribute("x", "-5.5"); mark.setAttribute("y", "-5.5");
      mark.setAttribute("width", "11"); mark.setAttribute("height", "11");
    } else {
      mark = document.createElementNS(SVG, "circle");
      mark.setAttribute("r", "6");
    }
    mark.setAttribute("fill", color);
    svg.appendChild(mark);
    return svg;
  }

  function lineSwatch(color, dashes, opacity) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", "28");
    svg.setAttribute("height", "10");
    svg.setAttribute("class", "kg-swatch");
    var line = document.createElementNS(SVG, "line");
    line.setAttribute("x1", "1"); line.setAttribute("y1", "5");
    line.setAttribute("x2", "27"); line.setAttribute("y2", "5");
    line.setAttribute("stroke", color);
    line.setAttribute("stroke-width", "2");
    line.setAttribute("stroke-opacity", String(opacity));
    if (dashes) { line.setAttribute("stroke-dasharray", dashes); }
    svg.appendChild(line);
    return svg;
  }

  var hiddenClasses = {};
  var hiddenRelations = {};

  function filterItem(name, count, mark, hidden, onChange) {
    var item = el("li");
    var box = el("label");
    var input = el("input");
    input.type = "checkbox";
    input.checked = true;
    input.value = name;
    input.addEventListener("change", function () {
      hidden[name] = !input.checked;
      onChange(name);
    });
    box.appendChild(input);
    box.appendChild(mark);
    box.appendChild(el("span", "kg-name", name));
    box.appendChild(el("span", "kg-count", count));
    item.appendChild(box);
    return item;
  }

  // Items by class and by relation, so a filter updates only what it hides or
  // shows: vis-network spends a fraction of a millisecond per updated item.
  var nodesByClass = {};
  data.nodes.forEach(function (node) { (nodesByClass[node.cls] = nodesByClass[node.cls] || []).push(node.id); });
  var edgesByRelation = {};
  data.edges.forEach(function (edge) { (edgesByRelation[edge.predicate] = edgesByRelation[edge.predicate] || []).push(edge.id); });

  var UNCONNECTED = "without relations";
  var hiddenGroups = {};

  function nodeHidden(id) {
    var node = nodeData[id];
    return !!hiddenClasses[node.cls] || (node.degree === 0 && !!hiddenGroups[UNCONNECTED]);
  }

  function applyClassFilter(name) {
    nodes.update(nodesByClass[name].map(function (id) { return { id: id, hidden: nodeHidden(id) }; }));
  }

  function applyUnconnectedFilter() {
    nodes.update(unconnected.map(function (id) { return { id: id, hidden: nodeHidden(id) }; }));
  }

  function applyRelationFilter(name) {
    edges.update(edgesByRelation[name].map(function (id) { return { id: id, hidden: !!hiddenRelations[name] }; }));
  }

  var legend = data.legend;
  var classList = document.getElementById("kg-legend-classes");
  legend.classes.forEach(function (cls) {
    classList.appendChild(filterItem(cls.name, cls.count, swatch(cls.shape, cls.color), hiddenClasses, applyClassFilter));
  });
  if (unconnected.length) {
    var item = filterItem(UNCONNECTED, unconnected.length, swatch("dot", "#d0d0d0"), hiddenGroups, applyUnconnectedFilter);
    item.className = "kg-unconnected";
    classList.appendChild(item);
  }
  var relationList = document.getElementById("kg-legend-relations");
  legend.relations.forEach(function (relation) {
    relationList.appendChild(filterItem(relation.name, relation.count, lineSwatch(legend.edges.color, null, 1), hiddenRelations, applyRelationFilter));
  });
  var edgeList = document.getElementById("kg-legend-edges");
  [
    ["stated", lineSwatch(legend.edges.color, null, 1)],
    ["negated (dashed, red)", lineSwatch(legend.edges.negated, "6 4", 1)],
    ["hedged (dotted, faded)", lineSwatch(legend.edges.color, "2 3", legend.edges.hedged)]
  ].forEach(function (entry) {
    var item = el("li");
    var box = el("label");
    box.appendChild(entry[1]);
    box.appendChild(el("span", "kg-name", entry[0]));
    item.appendChild(box);
    edgeList.appendChild(item);
  });
  document.getElementById("kg-heading").textContent = data.heading;

  // ----------------------------------------------------------- descriptions

  function badges(parent, fact) {
    if (fact.negated) { parent.appendChild(el("span", "kg-badge kg-negated", "negated")); }
    if (fact.modality) { parent.appendChild(el("span", "kg-badge kg-hedged", "hedged: " + fact.modality)); }
    parent.appendChild(el("span", "kg-badge", "confidence " + fact.confidence));
  }

  function evidence(fact) {
    var quote = el("blockquote", "kg-evidence", fact.sentence);
    quote.appendChild(el("cite", "kg-article", fact.article));
    return quote;
  }

  function factItem(fact, subject, object) {
    var item = el("li");
    var head = el("div", "kg-fact", subject + " \u2014 " + (fact.negated ? "not " : "") + fact.predicate + " \u2192 " + object);
    badges(head, fact);
    item.appendChild(head);
    if (fact.relation) { item.appendChild(el("div", "kg-relation", "\u201c" + fact.relation + "\u201d")); }
    item.appendChild(evidence(fact));
    return item;
  }

  function edgeFactItem(edge) {
    return factItem(edge, label(edge.from), label(edge.to));
  }

  // ---------------------------------------------------------------- tooltip

  var tooltip = document.getElementById("kg-tooltip");
  var TOOLTIP_SENTENCES = 3;

  function showTooltip(content, pointer) {
    tooltip.replaceChildren(content);
    var box = container.getBoundingClientRect();
    tooltip.style.left = Math.round(box.left + pointer.DOM.x + 12) + "px";
    tooltip.style.top = Math.round(box.top + pointer.DOM.y + 12) + "px";
    tooltip.hidden = false;
  }

  function hideTooltip() {
    tooltip.hidden = true;
    tooltip.replaceChildren();
  }

  function nodeTooltip(id) {
    var node = nodeData[id];
    var content = el("div", "kg-tip-node");
    content.appendChild(el("strong", null, node.label));
    content.appendChild(el("div", "kg-class", node.cls));
    if (node.aliases.length) { content.appendChild(el("div", null, "also: " + node.aliases.join("; "))); }
    // A few evidence sentences (each once); the panel has them all.
    var facts = network.getConnectedEdges(id).map(function (edgeId) { return edgeData[edgeId]; }).concat(node.facts);
    var quoted = {};
    facts.forEach(function (fact) {
      if (Object.keys(quoted).length < TOOLTIP_SENTENCES && !quoted[fact.sentence]) {
        quoted[fact.sentence] = true;
        content.appendChild(evidence(fact));
      }
    });
    content.appendChild(el("div", "kg-count", facts.length + " statements; click for all of them"));
    return content;
  }

  function edgeTooltip(id) {
    var edge = edgeData[id];
    var content = el("div", "kg-tip-edge");
    var head = el("div", "kg-fact", label(edge.from) + " \u2014 " + edge.label + " \u2192 " + label(edge.to));
    badges(head, edge);
    content.appendChild(head);
    content.appendChild(evidence(edge));
    return content;
  }

  network.on("hoverNode", function (params) { showTooltip(nodeTooltip(params.node), params.pointer); });
  network.on("hoverEdge", function (params) { showTooltip(edgeTooltip(params.edge), params.pointer); });
  network.on("blurNode", hideTooltip);
  network.on("blurEdge", hideTooltip);
  network.on("dragStart", hideTooltip);
  network.on("zoom", hideTooltip);

  // ------------------------------------------------------------------ panel

  var panel = document.getElementById("kg-panel");
  var panelBody = document.getElementById("kg-panel-body");

  function showNodePanel(id) {
    var node = nodeData[id];
    var body = [el("h2", null, node.label), el("div", "kg-class", node.cls)];
    if (node.aliases.length) {
      body.push(el("h3", null, "Also known as"));
      var aliases = el("ul", "kg-aliases");
      node.aliases.forEach(function (alias) { aliases.appendChild(el("li", null, alias)); });
      body.push(aliases);
    }
    var connected = network.getConnectedEdges(id).map(function (edgeId) { return edgeData[edgeId]; });
    body.push(el("h3", null, "Facts (" + (connected.length + node.facts.length) + ")"));
    var facts = el("ul", "kg-facts");
    connected.forEach(function (edge) { facts.appendChild(edgeFactItem(edge)); });
    node.facts.forEach(function (fact) { facts.appendChild(factItem(fact, node.label, fact.value)); });
    body.push(facts);
    panelBody.replaceChildren.apply(panelBody, body);
    panel.hidden = false;
  }

  function showEdgePanel(id) {
    var facts = el("ul", "kg-facts");
    facts.appendChild(edgeFactItem(edgeData[id]));
    panelBody.replaceChildren(el("h2", null, "Statement"), facts);
    panel.hidden = false;
  }

  // ---------------------------------------------------------- neighbourhood

  // The neighbourhood is highlighted by veiling the drawing and drawing the
  // node, its neighbours and its edges again on top, after every frame. This
  // costs the size of the neighbourhood; restyling every other node and edge
  // through the DataSet takes seconds on a graph of thousands.
  var focus = null;
  var VEIL = "rgba(255, 255, 255, 0.82)";

  network.on("afterDrawing", function (ctx) {
    if (focus === null) { return; }
    var topLeft = network.DOMtoCanvas({ x: 0, y: 0 });
    var bottomRight = network.DOMtoCanvas({ x: container.clientWidth, y: container.clientHeight });
    ctx.save();
    ctx.fillStyle = VEIL;
    ctx.fillRect(topLeft.x, topLeft.y, bottomRight.x - topLeft.x, bottomRight.y - topLeft.y);
    ctx.restore();
    var body = network.body;
    var shown = function (node) { return node && !node.options.hidden; };
    focus.edges.forEach(function (id) {
      var edge = body.edges[id];
      if (edge && !edge.options.hidden && shown(edge.from) && shown(edge.to)) {
        edge.draw(ctx);
        edge.drawArrows(ctx);
      }
    });
    focus.nodes.forEach(function (id) {
      if (shown(body.nodes[id])) { body.nodes[id].draw(ctx); }
    });
  });

  function highlight(id) {
    focus = { nodes: network.getConnectedNodes(id).concat([id]), edges: network.getConnectedEdges(id) };
    window.kgraph.focused = id;
    network.redraw();
  }

  function restore() {
    if (focus === null) { return; }
    focus = null;
    window.kgraph.focused = null;
    network.redraw();
  }

  function closePanel() {
    panel.hidden = true;
    panelBody.replaceChildren();
  }

  network.on("click", function (params) {
    hideTooltip();
    if (params.nodes.length) {
      highlight(params.nodes[0]);
      showNodePanel(params.nodes[0]);
    } else if (params.edges.length) {
      restore();
      showEdgePanel(params.edges[0]);
    } else {
      restore();
      closePanel();
    }
  });

  document.getElementById("kg-panel-close").addEventListener("click", function () {
    network.unselectAll();
    restore();
    closePanel();
  });

  // ----------------------------------------------------------------- search

  var names = [];
  data.nodes.forEach(function (node) {
    [node.label].concat(node.aliases).forEach(function (name) {
      names.push({ key: fold(name), name: name, id: node.id });
    });
  });
  var datalist = document.getElementById("kg-names");
  var listed = {};
  names.slice().sort(function (a, b) { return a.name < b.name ? -1 : a.name > b.name ? 1 : 0; })
    .forEach(function (entry) {
      if (listed[entry.name]) { return; }
      listed[entry.name] = true;
      var option = el("option");
      option.value = entry.name;
      datalist.appendChild(option);
    });

  function find(query) {
    var wanted = fold(query);
    if (!wanted) { return null; }
    var best = null;
    var bestScore = -1;
    names.forEach(function (entry) {
      // Exact name beats a name starting with the query beats one containing it;
      // among equals, the more central (bigger) entity wins.
      var score = entry.key === wanted ? 3 : entry.key.indexOf(wanted) === 0 ? 2 : entry.key.indexOf(wanted) > 0 ? 1 : 0;
      if (!score) { return; }
      score = score * 1000 + nodeData[entry.id].size;
      if (score > bestScore) { best = entry.id; bestScore = score; }
    });
    return best;
  }

  function focusEntity(id) {
    var node = nodeData[id];
    if (nodeHidden(id)) {
      // Show what was filtered out rather than focus an invisible entity.
      hiddenClasses[node.cls] = false;
      if (node.degree === 0) { hiddenGroups[UNCONNECTED] = false; }
      classList.querySelectorAll("input").forEach(function (input) {
        if (input.value === node.cls || (node.degree === 0 && input.value === UNCONNECTED)) { input.checked = true; }
      });
      applyClassFilter(node.cls);
      if (node.degree === 0) { applyUnconnectedFilter(); }
    }
    network.selectNodes([id]);
    highlight(id);
    showNodePanel(id);
    network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: { duration: 300 } });
  }
  window.kgraph.focusEntity = focusEntity;

  var status = document.getElementById("kg-search-status");
  var searchBox = document.getElementById("kg-search");

  // No <form> submission: a sandboxed notebook iframe (no allow-forms) blocks it.
  function search() {
    var query = searchBox.value;
    var id = find(query);
    if (id === null) {
      status.textContent = query.trim() ? "No entity matches \u201c" + query.trim() + "\u201d" : "";
      return;
    }
    status.textContent = "";
    focusEntity(id);
  }

  searchBox.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      event.preventDefault();
      search();
    }
  });
  document.getElementById("kg-search-button").addEventListener("click", search);
}());
