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

  // vis-network gets only what it draws: it copies and merges every field of
  // every item (a BBC page carries 13,000 nodes and all their evidence), and
  // measures every label on the first draw. Labels are drawn by this script.
  var OWN_NODE_FIELDS = { label: 1, cls: 1, aliases: 1, facts: 1, degree: 1 };
  var OWN_EDGE_FIELDS = { relation: 1, predicate: 1, negated: 1, modality: 1, count: 1, confidence: 1, evidence: 1 };
  function drawn(item, own) {
    var out = {};
    Object.keys(item).forEach(function (key) { if (!own[key]) { out[key] = item[key]; } });
    return out;
  }

  function visNode(node) { return drawn(node, OWN_NODE_FIELDS); }

  // Entities with no statement to another entity are often most of a news
  // graph (8,213 of the 13,001 of all BBC articles); open the page on the
  // connected part (zoom out to see the rest). With the layout frozen they
  // join right after the first draw: vis-network spends ~50 us creating each
  // node, so the first draw comes in half the time.
  var connected = data.nodes.filter(function (node) { return node.degree > 0; })
    .map(function (node) { return node.id; });
  var unconnected = data.nodes.filter(function (node) { return node.degree === 0; })
    .map(function (node) { return node.id; });
  var frozen = !data.options.physics.enabled;
  var deferred = frozen && connected.length ? unconnected.slice() : [];
  var first = deferred.length ? connected : data.nodes.map(function (node) { return node.id; });

  var nodes = new vis.DataSet(first.map(function (id) { return visNode(nodeData[id]); }));
  var edges = new vis.DataSet(data.edges.map(function (edge) { return drawn(edge, OWN_EDGE_FIELDS); }));
  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);

  var SVG = "http://www.w3.org/2000/svg";

  if (connected.length && unconnected.length && frozen) {
    network.fit({ nodes: connected, animation: false });
  }

  // Exposed for the browser tests and for poking at the graph from the console:
  // firstDraw and complete (every entity drawn) are milliseconds since
  // navigation; labelled lists the names drawn in the last frame ({id, box}).
  window.kgraph = {
    network: network, nodes: nodes, edges: edges, data: data,
    firstDraw: null, complete: null, focused: null, labelled: []
  };

  // Adds the entities held back for the first draw (at once, so the graph is
  // redrawn once), hidden when a filter hides them; the filters and search call
  // it first, so they never meet a missing entity.
  function addDeferred() {
    if (deferred.length) {
      var items = deferred.map(function (id) {
        var item = visNode(nodeData[id]);
        item.hidden = nodeHidden(id);
        return item;
      });
      deferred = [];
      nodes.add(items);
    }
    if (window.kgraph.complete === null) {
      window.kgraph.complete = performance.now();
      document.body.setAttribute("data-complete", "true");
    }
  }

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

  function lineSwatch(color, dashes, opacity, width) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", "28");
    svg.setAttribute("height", "10");
    svg.setAttribute("class", "kg-swatch");
    var line = document.createElementNS(SVG, "line");
    line.setAttribute("x1", "1"); line.setAttribute("y1", "5");
    line.setAttribute("x2", "27"); line.setAttribute("y2", "5");
    line.setAttribute("stroke", color);
    line.setAttribute("stroke-width", String(width || 2));
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
    addDeferred();
    nodes.update(nodesByClass[name].map(function (id) { return { id: id, hidden: nodeHidden(id) }; }));
  }

  function applyUnconnectedFilter() {
    addDeferred();
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
    ["hedged (dotted, faded)", lineSwatch(legend.edges.color, "2 3", legend.edges.hedged)],
    ["said several times (\u00d7N, wider)", lineSwatch(legend.edges.color, null, 1, 5)]
  ].forEach(function (entry) {
    var item = el("li");
    var box = el("label");
    box.appendChild(entry[1]);
    box.appendChild(el("span", "kg-name", entry[0]));
    item.appendChild(box);
    edgeList.appendChild(item);
  });
  document.getElementById("kg-heading").textContent = data.heading;

  var controls = document.getElementById("kg-controls");
  var legendButton = document.getElementById("kg-legend-button");

  function legendShown() {
    return getComputedStyle(controls).display !== "none";
  }

  // The stylesheet decides whether the legend starts open (by the screen's
  // width); the button flips what is shown now.
  legendButton.addEventListener("click", function () {
    var open = !legendShown();
    document.body.classList.toggle("kg-legend-open", open);
    document.body.classList.toggle("kg-legend-folded", !open);
    legendButton.setAttribute("aria-expanded", String(open));
  });
  legendButton.setAttribute("aria-expanded", String(legendShown()));

  // ----------------------------------------------------------- descriptions

  function badges(parent, fact) {
    if (fact.negated) { parent.appendChild(el("span", "kg-badge kg-negated", "negated")); }
    if (fact.modality) { parent.appendChild(el("span", "kg-badge kg-hedged", "hedged: " + fact.modality)); }
  }

  // One sentence that said it: the wording, the sentence, the article, and how
  // many statements it gave (a sentence repeated in an article counts each time).
  function evidenceItem(said) {
    var quote = el("blockquote", "kg-evidence", said.sentence);
    var source = el("cite", "kg-article", said.article);
    var details = [];
    if (said.wording) { details.push("\u201c" + said.wording + "\u201d"); }
    details.push("confidence " + said.confidence);
    if (said.count > 1) { details.push(said.count + " times"); }
    source.appendChild(el("span", "kg-said", " \u00b7 " + details.join(" \u00b7 ")));
    quote.appendChild(source);
    return quote;
  }

  function factHead(subject, relation, object, fact, count) {
    var head = el("div", "kg-fact", subject + " \u2014 " + relation + " \u2192 " + object);
    if (count > 1) { head.appendChild(el("span", "kg-times", " \u00d7" + count)); }
    badges(head, fact);
    return head;
  }

  // An edge: its subject, relation and object, how many statements, and every
  // sentence that said it.
  function edgeItem(edge) {
    var item = el("li");
    item.appendChild(factHead(label(edge.from), edge.relation, label(edge.to), edge, edge.count));
    var list = el("ul", "kg-evidence-list");
    edge.evidence.forEach(function (said) {
      var entry = el("li");
      entry.appendChild(evidenceItem(said));
      list.appendChild(entry);
    });
    item.appendChild(list);
    return item;
  }

  // A statement with a literal object (a date, a quote).
  function literalItem(fact, subject) {
    var item = el("li");
    item.appendChild(factHead(subject, (fact.negated ? "not " : "") + fact.predicate, fact.value, fact, 1));
    item.appendChild(evidenceItem(fact));
    return item;
  }

  // ---------------------------------------------------------------- tooltip

  var tooltip = document.getElementById("kg-tooltip");
  var TOOLTIP_SENTENCES = 3;

  function showTooltip(content, pointer) {
    tooltip.replaceChildren(content);
    tooltip.hidden = false;
    // Beside the pointer, kept inside the window (a phone is 390 px wide).
    var box = container.getBoundingClientRect();
    var left = box.left + pointer.DOM.x + 12;
    var top = box.top + pointer.DOM.y + 12;
    left = Math.max(4, Math.min(left, window.innerWidth - tooltip.offsetWidth - 4));
    if (top + tooltip.offsetHeight > window.innerHeight - 4) { top = Math.max(4, box.top + pointer.DOM.y - 12 - tooltip.offsetHeight); }
    tooltip.style.left = Math.round(left) + "px";
    tooltip.style.top = Math.round(top) + "px";
  }

  function hideTooltip() {
    tooltip.hidden = true;
    tooltip.replaceChildren();
  }

  function statementCount(edgeIds, node) {
    return edgeIds.reduce(function (sum, id) { return sum + edgeData[id].count; }, node.facts.length);
  }

  function nodeTooltip(id) {
    var node = nodeData[id];
    var content = el("div", "kg-tip-node");
    content.appendChild(el("strong", null, node.label));
    content.appendChild(el("div", "kg-class", node.cls));
    if (node.aliases.length) { content.appendChild(el("div", null, "also: " + node.aliases.join("; "))); }
    // A few evidence sentences (each once); the panel has them all.
    var edgeIds = network.getConnectedEdges(id);
    var quoted = {};
    var count = 0;
    edgeIds.map(function (edgeId) { return edgeData[edgeId].evidence; }).concat([node.facts]).some(function (said) {
      said.some(function (fact) {
        if (!quoted[fact.sentence]) {
          quoted[fact.sentence] = true;
          content.appendChild(evidenceItem(fact));
          count += 1;
        }
        return count === TOOLTIP_SENTENCES;
      });
      return count === TOOLTIP_SENTENCES;
    });
    content.appendChild(el("div", "kg-count", statementCount(edgeIds, node) + " statements; click for all of them"));
    return content;
  }

  function edgeTooltip(id) {
    var edge = edgeData[id];
    var content = el("div", "kg-tip-edge");
    content.appendChild(factHead(label(edge.from), edge.relation, label(edge.to), edge, edge.count));
    edge.evidence.slice(0, TOOLTIP_SENTENCES).forEach(function (said) { content.appendChild(evidenceItem(said)); });
    if (edge.evidence.length > TOOLTIP_SENTENCES) {
      content.appendChild(el("div", "kg-count", (edge.evidence.length - TOOLTIP_SENTENCES) + " more sentences; click for all of them"));
    }
    return content;
  }

  var hovered = null;
  network.on("hoverNode", function (params) {
    hovered = params.node;
    showTooltip(nodeTooltip(params.node), params.pointer);
  });
  network.on("hoverEdge", function (params) { showTooltip(edgeTooltip(params.edge), params.pointer); });
  network.on("blurNode", function () { hovered = null; hideTooltip(); });
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
    var edgeIds = network.getConnectedEdges(id);
    body.push(el("h3", null, "Facts (" + statementCount(edgeIds, node) + ")"));
    var facts = el("ul", "kg-facts");
    edgeIds.forEach(function (edgeId) { facts.appendChild(edgeItem(edgeData[edgeId])); });
    node.facts.forEach(function (fact) { facts.appendChild(literalItem(fact, node.label)); });
    body.push(facts);
    panelBody.replaceChildren.apply(panelBody, body);
    panel.hidden = false;
  }

  function showEdgePanel(id) {
    var edge = edgeData[id];
    var facts = el("ul", "kg-facts");
    facts.appendChild(edgeItem(edge));
    panelBody.replaceChildren(el("h2", null, edge.count > 1 ? edge.count + " statements" : "Statement"), facts);
    panel.hidden = false;
  }

  // ---------------------------------------------------------- neighbourhood

  // The neighbourhood is highlighted by veiling the drawing and drawing the
  // node, its neighbours and its edges again on top, after every frame. This
  // costs the size of the neighbourhood; restyling every other node and edge
  // through the DataSet takes seconds on a graph of thousands.
  var focus = null;
  var VEIL = "rgba(255, 255, 255, 0.82)";

  function veil(ctx) {
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
  }

  // ----------------------------------------------------------------- labels

  // Names are drawn here, at a fixed size on screen, after vis-network's frame:
  // the most central entities first (nodes are sized by PageRank), each only
  // where it overlaps no name already placed, so the first draw of a graph of
  // any size names its main actors, and zooming in makes room for the rest. A
  // hovered entity is named first; with a neighbourhood highlighted, only it.
  var LABEL_PX = 13;
  var LABEL_FONT = LABEL_PX + "px system-ui, -apple-system, 'Segoe UI', sans-serif";
  var LABEL_CHARS = 40;
  var LABEL_MAX = 300; // names per frame: at most a few hundred fit on a screen
  // Entities in view tried per frame, most central first: with all 13,000 of the
  // BBC graph in view, trying every one took 300 ms a frame.
  var LABEL_TRIES = 1000;
  var GRID = 64; // px; placed names are indexed in cells of this size
  var byRank = data.nodes.map(function (node) { return node.id; }).sort(function (a, b) {
    return nodeData[b].size - nodeData[a].size || (a < b ? -1 : a > b ? 1 : 0);
  });
  var labelText = {};
  var labelWidth = {};

  function shortName(id) {
    if (labelText[id] === undefined) {
      var name = nodeData[id].label;
      labelText[id] = name.length > LABEL_CHARS ? name.slice(0, LABEL_CHARS - 1) + "\u2026" : name;
    }
    return labelText[id];
  }

  function drawLabels(ctx) {
    var body = network.body;
    var scale = network.getScale();
    var view = network.getViewPosition();
    var width = container.clientWidth;
    var height = container.clientHeight;
    var ratio = ctx.canvas.width / (width || 1);
    var cells = {};
    var placed = [];
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.font = LABEL_FONT;
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    ctx.lineWidth = 3;
    ctx.strokeStyle = "rgba(255, 255, 255, 0.9)";
    ctx.fillStyle = "#1d1d1f";

    function free(box) {
      for (var cx = Math.floor(box[0] / GRID); cx <= Math.floor(box[2] / GRID); cx++) {
        for (var cy = Math.floor(box[1] / GRID); cy <= Math.floor(box[3] / GRID); cy++) {
          var cell = cells[cx + "," + cy];
          if (cell && cell.some(function (other) {
            return box[0] < other[2] && other[0] < box[2] && box[1] < other[3] && other[1] < box[3];
          })) { return false; }
        }
      }
      return true;
    }

    function take(box) {
      for (var cx = Math.floor(box[0] / GRID); cx <= Math.floor(box[2] / GRID); cx++) {
        for (var cy = Math.floor(box[1] / GRID); cy <= Math.floor(box[3] / GRID); cy++) {
          (cells[cx + "," + cy] = cells[cx + "," + cy] || []).push(box);
        }
      }
    }

    // Draws the name of ``id`` if it is in view and has room; true if it was
    // in view (a try).
    function place(id) {
      var node = body.nodes[id];
      if (!node || node.options.hidden) { return false; }
      var x = (node.x - view.x) * scale + width / 2;
      var y = (node.y - view.y) * scale + height / 2 + node.options.size * scale + 2;
      if (x < 0 || x > width || y < 0 || y > height) { return false; }
      if (!free([x - 1, y, x + 1, y + LABEL_PX])) { return true; } // taken: no need to measure
      var text = shortName(id);
      if (labelWidth[id] === undefined) { labelWidth[id] = ctx.measureText(text).width; }
      // Whole names only, moved in from the sides: a name cut by the edge of
      // the view is misread.
      var half = labelWidth[id] / 2 + 2;
      x = Math.min(Math.max(x, half), width - half);
      var box = [x - half, y - 1, x + half, y + LABEL_PX + 2];
      if (box[3] > height || !free(box)) { return true; }
      take(box);
      ctx.strokeText(text, x, y);
      ctx.fillText(text, x, y);
      placed.push({ id: id, box: box });
      return true;
    }

    var first = hovered !== null ? [hovered] : [];
    if (focus !== null) { first.push(focus.id); }
    first.forEach(place);
    var order = focus !== null ? focus.ranked : byRank;
    for (var i = 0, tries = 0; i < order.length && placed.length < LABEL_MAX && tries < LABEL_TRIES; i++) {
      if (place(order[i])) { tries += 1; }
    }
    ctx.restore();
    window.kgraph.labelled = placed;
  }

  network.on("afterDrawing", function (ctx) {
    if (focus !== null) { veil(ctx); }
    drawLabels(ctx);
    if (window.kgraph.firstDraw === null) {
      window.kgraph.firstDraw = performance.now();
      document.body.setAttribute("data-drawn", "true");
      setTimeout(addDeferred, 0);
    }
  });

  function highlight(id) {
    var near = network.getConnectedNodes(id).concat([id]);
    var ranked = near.slice().sort(function (a, b) { return nodeData[b].size - nodeData[a].size; });
    focus = { id: id, nodes: near, ranked: ranked, edges: network.getConnectedEdges(id) };
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

  // Built when first needed, not before the first draw: 13,000 entities make
  // tens of thousands of names and options.
  var names = null;

  function searchNames() {
    if (names !== null) { return names; }
    names = [];
    data.nodes.forEach(function (node) {
      [node.label].concat(node.aliases).forEach(function (name) {
        names.push({ key: fold(name), name: name, id: node.id });
      });
    });
    var datalist = document.getElementById("kg-names");
    var listed = {};
    var options = document.createDocumentFragment();
    names.slice().sort(function (a, b) { return a.name < b.name ? -1 : a.name > b.name ? 1 : 0; })
      .forEach(function (entry) {
        if (listed[entry.name]) { return; }
        listed[entry.name] = true;
        var option = el("option");
        option.value = entry.name;
        options.appendChild(option);
      });
    datalist.appendChild(options);
    return names;
  }

  function find(query) {
    var wanted = fold(query);
    if (!wanted) { return null; }
    var best = null;
    var bestScore = -1;
    searchNames().forEach(function (entry) {
      // Exact name beats a name starting with the query beats one containing it;
      // among equals, the more central (bigger) entity wins.
      var score = entry.key === wanted ? 3 : entry.key.indexOf(wanted) === 0 ? 2 : entry.key.indexOf(wanted) > 0 ? 1 : 0;
      if (!score) { return; }
      score = score * 1000 + nodeData[entry.id].size;
      if (score > bestScore) { best = entry.id; bestScore = score; }
    });
    return best;
  }

  // Where to centre an entity so that the open panel does not cover it: left
  // of the side panel, or above it where it is a sheet along the bottom (phones).
  function besidePanel() {
    var view = container.getBoundingClientRect();
    var sheet = panel.getBoundingClientRect();
    if (sheet.left > view.left + 1) { return { x: -(view.right - sheet.left) / 2, y: 0 }; }
    return { x: 0, y: -(view.bottom - sheet.top) / 2 };
  }

  function focusEntity(id) {
    addDeferred();
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
    network.focus(id, { scale: Math.max(network.getScale(), 1.2), offset: besidePanel(), animation: { duration: 300 } });
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

  searchBox.addEventListener("focus", searchNames);
  searchBox.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      event.preventDefault();
      search();
    }
  });
  document.getElementById("kg-search-button").addEventListener("click", search);
}());
