/* wic-site search: parses the query as Whoosh's QueryParser does, looks up the index the build
   exported from Whoosh (search/*.js), sums Whoosh's own BM25F weights, displays. No stemmer,
   no scoring formula here: see wic_site/client_index.py for the file layout. */
(function () {
  "use strict";
  var files = {}, waiting = {}, base = "", meta = null;
  var WORD = /[\p{L}\p{N}_]+(?:\.?[\p{L}\p{N}_]+)*/gu;
  var W = window.WicSearch = {
    add: function (name, data) { files[name] = data; if (waiting[name]) waiting[name](data); },
    loaded: function () { return Object.keys(files); }
  };

  function load(name) {
    if (files[name]) return Promise.resolve(files[name]);
    if (!waiting[name + "?"]) {
      waiting[name + "?"] = new Promise(function (ok, fail) {
        waiting[name] = ok;
        var s = document.createElement("script");
        s.src = base + name + ".js";
        s.onerror = function () { fail(new Error("search index file " + name + ".js is missing: rebuild the site")); };
        document.head.appendChild(s);
      });
    }
    return waiting[name + "?"];
  }
  function all(names) { return Promise.all(names.map(load)); }
  function fnv(text) {
    var h = 0x811c9dc5, bytes = new TextEncoder().encode(text);
    for (var i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0;
    return h;
  }
  function uniq(a) { return a.filter(function (x, i) { return a.indexOf(x) === i; }); }

  /* ---- lexing and parsing: the grammar of search_index.make_parser ---- */
  function lex(q, notes) {
    var out = [], i = 0, n = q.length, sp = /\s/;
    function prevBreak(j) { return j === 0 || sp.test(q[j - 1]) || q[j - 1] === "(" || q[j - 1] === ")"; }
    while (i < n) {
      var c = q[i];
      if (sp.test(c)) { i++; continue; }
      if (c === "(" || c === ")") { out.push({ k: c }); i++; continue; }
      if (c === '"') {
        var end = q.indexOf('"', i + 1);
        if (end < 0) { notes.push("Unbalanced quote: it was ignored."); i++; continue; }
        out.push({ k: "w", text: q.slice(i + 1, end), phrase: true }); i = end + 1; continue;
      }
      if (c === "-" && prevBreak(i) && i + 1 < n && !/[\s()\-]/.test(q[i + 1])) { out.push({ k: "NOT" }); i++; continue; }
      var j = i;
      while (j < n && !sp.test(q[j]) && q[j] !== "(" && q[j] !== ")" && q[j] !== '"') j++;
      var word = q.slice(i, j);
      if ((word === "AND" || word === "OR") && i > 0 && sp.test(q[i - 1]) && j < n && sp.test(q[j])) out.push({ k: word });
      else if (word === "NOT" && prevBreak(i) && j < n && sp.test(q[j])) out.push({ k: "NOT" });
      else {
        var m = /^(\w+):(.*)$/.exec(word), field = null;
        if (m && meta.fields.indexOf(m[1]) >= 0 && (m[2] || q[j] === '"')) {
          field = m[1]; word = m[2];
          if (!word) { var e = q.indexOf('"', j + 1); if (e > 0) { word = q.slice(j + 1, e); j = e + 1; out.push({ k: "w", text: word, field: field, phrase: true }); i = j; continue; } }
        } else if (m) notes.push(m[1] + ": is not a field (" + meta.fields.join(", ") + "); it was searched as a word.");
        out.push({ k: "w", text: word, field: field });
      }
      i = j;
    }
    return out;
  }

  function parse(tokens) {
    var pos = 0;
    function peek() { return tokens[pos]; }
    function seq(stop) {
      var items = [];
      while (pos < tokens.length && !(stop && peek().k === ")")) {
        var t = peek();
        if (t.k === ")" ) { pos++; continue; }
        if (t.k === "AND" || t.k === "OR") { pos++; continue; }  /* dangling operator */
        var x = orExpr(); if (x) items.push(x);
      }
      return { t: "and", c: items };
    }
    function orExpr() {
      var c = [andExpr()];
      while (peek() && peek().k === "OR" && tokens[pos + 1] && tokens[pos + 1].k !== ")") { pos++; c.push(andExpr()); }
      return c.length > 1 ? { t: "or", c: c } : c[0];
    }
    function andExpr() {
      var c = [unary()];
      while (peek() && peek().k === "AND" && tokens[pos + 1] && tokens[pos + 1].k !== ")") { pos++; c.push(unary()); }
      return c.length > 1 ? { t: "and", c: c } : c[0];
    }
    function unary() {
      var t = tokens[pos++];
      if (!t) return null;
      if (t.k === "NOT") {
        if (!peek() || peek().k === ")") return null;
        if (peek().k === "NOT") throw new Error("NOT cannot follow NOT or -: remove one.");
        return { t: "not", c: [unary()] };
      }
      if (t.k === "(") { var g = seq(true); if (peek() && peek().k === ")") pos++; return g; }
      return { t: "word", w: t };
    }
    return seq(false);
  }

  function tokens(text) {
    return (text.toLowerCase().match(WORD) || []).filter(function (x) {
      return x.length >= meta.minsize && meta.stop.indexOf(x) < 0;
    });
  }
  function formShard(w) { return "f/" + (fnv(w) % meta.nf); }

  /* a word node becomes term/phrase/prefix leaves (keys "field:term") */
  function leaf(w) {
    var field = w.field || "text", text = w.text;
    if (meta.positional.indexOf(field) < 0) {
      if (!text) return null;
      if (!w.phrase && text.length > 1 && text.slice(-1) === "*") return { t: "prefix", key: field + ":" + text.slice(0, -1) };
      return { t: "term", key: field + ":" + text };
    }
    if (!w.phrase && text.length > 1 && text.slice(-1) === "*") {
      var p = text.slice(0, -1).toLowerCase();
      return { t: "prefix", key: field + ":" + (files[formShard(p)][p] || p) };
    }
    var keys = tokens(text).map(function (x) { var s = files[formShard(x)][x]; return s ? field + ":" + s : "?" + x; });
    if (!keys.length) return null;
    if (keys.length === 1) return { t: "term", key: keys[0] };
    if (w.phrase) return { t: "phrase", keys: keys };
    return { t: "and", c: keys.map(function (k) { return { t: "term", key: k }; }) };
  }
  function words(node, out) {
    if (node.t === "word") out.push(node.w); else (node.c || []).forEach(function (c) { words(c, out); });
    return out;
  }
  function build(node) {
    if (node.t === "word") return leaf(node.w);
    var c = node.c.map(build).filter(Boolean);
    if (node.t === "not") return c.length ? { t: "not", c: c } : null;
    return normal({ t: node.t, c: c });
  }
  function sig(n) { return n.t + "(" + (n.key || (n.keys || []).join(" ") || n.c.map(sig).join(",")) + ")"; }
  function normal(n) {
    var c = [], seen = {};
    n.c.forEach(function (x) { (x.t === n.t ? x.c : [x]).forEach(function (y) { var s = sig(y); if (!seen[s]) { seen[s] = 1; c.push(y); } }); });
    return !c.length ? null : c.length === 1 ? c[0] : { t: n.t, c: c };
  }

  /* ---- postings ---- */
  function termShard(key) { return "t/" + (fnv(key) % meta.nt); }
  function entry(key) { var s = files[termShard(key)]; return (s && s[key]) || null; }
  function decode(chunk, into) {
    chunk[1].split(";").forEach(function (g, i) {
      var d = 0; if (!g) return;
      g.split(",").forEach(function (x) { d += parseInt(x, 36); into.push([d, chunk[0][i]]); });
    });
    return into;
  }
  function tails(key) {
    var e = entry(key), names = [];
    if (e && e[4]) for (var j = 0; j < e[4][1]; j++) names.push("u/" + e[4][0] + "-" + j);
    return names;
  }
  function postings(key, head) {
    var e = entry(key); if (!e) return [];
    var out = decode(e[1], []);
    if (!head) tails(key).forEach(function (n) { decode(files[n], out); });
    return out;
  }
  function keysOf(n, out) {
    if (n.t === "term") out.push(n.key);
    else if (n.t === "phrase") n.keys.forEach(function (k) { out.push(k); });
    else if (n.t === "prefix") n.keys.forEach(function (k) { out.push(k); });
    else n.c.forEach(function (c) { keysOf(c, out); });
    return out;
  }
  function expand(n) {  /* prefix -> the terms the lexicon holds, as Whoosh's Prefix does */
    if (n.t === "prefix") {
      var i = 0; while (i + 1 < meta.lex.length && meta.lex[i + 1] <= n.key) i++;
      var names = ["x/" + i]; for (var j = i + 1; j < meta.lex.length && meta.lex[j].indexOf(n.key) === 0; j++) names.push("x/" + j);
      return all(names).then(function () {
        n.keys = []; names.forEach(function (x) { files[x].forEach(function (k) { if (k.indexOf(n.key) === 0) n.keys.push(k); }); });
      });
    }
    return Promise.all((n.c || []).map(expand));
  }
  function phraseDocs(keys) {
    var pos = keys.map(function (k) {
      var m = {}, s = files["p/" + (fnv(k) % meta.nt)][k] || "";
      s.split(";").forEach(function (x) { if (x) { var p = x.split(":"); m[parseInt(p[0], 36)] = p[1].split(",").map(function (y) { return parseInt(y, 36); }); } });
      return m;
    });
    return Object.keys(pos[0]).filter(function (d) {
      return pos[0][d].some(function (p) { return pos.every(function (m, i) { return m[d] && m[d].indexOf(p + i) >= 0; }); });
    }).map(Number);
  }
  /* Map docnum -> score, combining as Whoosh's matchers do: And/Or sum, Not scores 1.0,
     Prefix is the Or of its terms, Phrase sums its terms' weights. */
  function evaluate(n, head) {
    var r = new Map();
    if (n.t === "term") { postings(n.key, head).forEach(function (p) { r.set(p[0], p[1]); }); return r; }
    if (n.t === "prefix") return evaluate({ t: "or", c: n.keys.map(function (k) { return { t: "term", key: k }; }) });
    if (n.t === "phrase") {
      if (n.keys.some(function (k) { return !entry(k); })) return r;
      var sum = evaluate({ t: "and", c: n.keys.map(function (k) { return { t: "term", key: k }; }) });
      phraseDocs(n.keys).forEach(function (d) { if (sum.has(d)) r.set(d, sum.get(d)); });
      return r;
    }
    if (n.t === "not") {
      var ex = evaluate(n.c[0]);
      for (var d = 0; d < meta.n; d++) if (!ex.has(d)) r.set(d, 1);
      return r;
    }
    var parts = n.c.map(function (c) { return evaluate(c); });
    if (n.t === "or") { parts.forEach(function (m) { m.forEach(function (s, d) { r.set(d, (r.get(d) || 0) + s); }); }); return r; }
    parts.sort(function (a, b) { return a.size - b.size; });
    parts[0].forEach(function (s, d) {
      var t = s;
      for (var i = 1; i < parts.length; i++) { if (!parts[i].has(d)) return; t += parts[i].get(d); }
      r.set(d, t);
    });
    return r;
  }

  /* ---- running a query ---- */
  function run(q) {
    var notes = [];
    if (!q.trim()) return Promise.resolve({ msg: "Type words to search the passages; see the syntax below." });
    var tree = parse(lex(q, notes));
    var ws = [];
    words(tree, []).forEach(function (w) {
      if (meta.positional.indexOf(w.field || "text") < 0) return;
      var t = w.text; if (!w.phrase && t.slice(-1) === "*") ws.push(t.slice(0, -1).toLowerCase());
      ws = ws.concat(tokens(t));
    });
    return all(uniq(ws.map(formShard))).then(function () {
      var query = build(tree);
      if (!query) return { msg: "Only common words (such as “the”, “of”) were given; they are not indexed. Add a more specific word.", notes: notes };
      return expand(query).then(function () {
        var keys = uniq(keysOf(query, []));
        return all(uniq(keys.filter(function (k) { return k[0] !== "?"; }).map(termShard))).then(function () {
          var single = query.t === "term", more = [];
          if (!single) keys.forEach(function (k) { more = more.concat(tails(k)); });
          if (hasPhrase(query)) keys.forEach(function (k) { if (entry(k)) more.push("p/" + (fnv(k) % meta.nt)); });
          return all(uniq(more)).then(function () { return finish(query, single, keys, notes); });
        });
      });
    });
  }
  function hasPhrase(n) { return n.t === "phrase" || (n.c || []).some(hasPhrase); }
  function finish(query, single, keys, notes) {
    var scores = evaluate(query, single), e = single && entry(query.key);
    var hits = Array.from(scores).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    var forms = [];
    positives(query, []).forEach(function (k) { var x = entry(k); if (x) forms = forms.concat(x[2]); });
    return { hits: hits, total: e ? e[0] : hits.length, facets: e ? e[3] : null, single: single,
             key: single ? query.key : null, forms: forms, notes: notes };
  }
  function positives(n, out) {
    if (n.t === "not") return out;
    if (n.t === "term") out.push(n.key); else if (n.keys) out.push.apply(out, n.keys); else n.c.forEach(function (c) { positives(c, out); });
    return out;
  }
  function facetsOf(res) {
    if (res.facets) return Promise.resolve(res.facets);
    var names = uniq(res.hits.map(function (h) { return "g/" + Math.floor(h[0] / meta.g); }));
    return all(names).then(function () {
      var y = {}, t = {}, s = {}, nm = {};
      res.hits.forEach(function (h) {
        var g = files["g/" + Math.floor(h[0] / meta.g)], p = g.p[h[0] % meta.g];
        Object.assign(nm, g.names);
        if (p[0]) y[p[0]] = (y[p[0]] || 0) + 1;
        p[1].forEach(function (x) { t[x] = (t[x] || 0) + 1; });
        p[2].forEach(function (x) { s[x] = (s[x] || 0) + 1; });
      });
      var sp = Object.keys(s).sort(function (a, b) { return s[b] - s[a] || (a < b ? -1 : 1); }).slice(0, 12);
      return { year: y, topic: t, speaker: sp.map(function (x) { return [x, nm[x] || x, s[x]]; }) };
    });
  }
  function passages(hits) {
    return all(uniq(hits.map(function (h) { return "d/" + Math.floor(h[0] / meta.d); }))).then(function () {
      return hits.map(function (h) {
        var d = files["d/" + Math.floor(h[0] / meta.d)], p = d.p[h[0] % meta.d], a = d.a[p[0]];
        return { doc: h[0], score: h[1], article: p[0], paragraph: p[1], text: p[2], speakers: p[3],
                 title: a[0], year: a[1], url: a[2] + (a[2].slice(-1) === "/" ? "index.html" : "") + "#p-" + p[1] };
      });
    });
  }

  W.init = function (indexBase) {
    base = indexBase;
    return load("index").then(function (m) { meta = m; return W; });
  };
  /* The results a query gives, for the page and for the parity tests. */
  W.search = function (q, limit) {
    return Promise.resolve(q).then(run).then(function (res) {
      if (!res.hits) return res;
      var need = limit || 10;
      var grow = res.single && need > res.hits.length && tails(res.key).length;
      return (grow ? all(tails(res.key)).then(function () { return finish({ t: "term", key: res.key }, false, [], res.notes); }) : Promise.resolve(res))
        .then(function (r) { r.total = res.total; r.facets = res.facets; r.single = res.single; r.forms = res.forms; return r; })
        .then(function (r) { return passages(r.hits.slice(0, need)).then(function (shown) { r.shown = shown; return r; }); });
    });
  };
  W.facets = facetsOf;
  W.words = function (text) {  /* [piece, highlighted?] for a snippet */
    var out = [], last = 0, m; WORD.lastIndex = 0;
    while ((m = WORD.exec(text))) { out.push([text.slice(last, m.index), false], [m[0], true]); last = m.index + m[0].length; }
    out.push([text.slice(last), false]);
    return out;
  };

  /* ---- the page ---- */
  function el(tag, text, cls) { var e = document.createElement(tag); if (text != null) e.textContent = String(text); if (cls) e.className = cls; return e; }
  function snippet(text, forms) {
    var pieces = W.words(text), hit = -1, out = el("p", null, "snippet");
    pieces.forEach(function (p, i) { if (p[1] && hit < 0 && forms.indexOf(p[0].toLowerCase()) >= 0) hit = i; });
    var from = Math.max(0, (hit < 0 ? 0 : hit) - 24), to = Math.min(pieces.length, from + 70);
    if (from > 0) out.appendChild(document.createTextNode("… "));
    pieces.slice(from, to).forEach(function (p) {
      out.appendChild(p[1] && forms.indexOf(p[0].toLowerCase()) >= 0 ? el("mark", p[0]) : document.createTextNode(p[0]));
    });
    if (to < pieces.length) out.appendChild(document.createTextNode(" …"));
    return out;
  }
  function page(app) {
    var input = app.querySelector("input[name=q]"), status = app.querySelector(".status"),
        list = app.querySelector(".results"), facets = app.querySelector(".facets"),
        moreBtn = app.querySelector(".more"), root = app.getAttribute("data-root"), limit = 10, timer = 0, seq = 0;
    function say(lines) { status.textContent = ""; lines.forEach(function (l) { status.appendChild(el("p", l)); }); }
    function addFilter(field, value) { input.value = (input.value.trim() + " " + field + ":" + value).trim(); go(true); }
    function showFacets(f) {
      facets.textContent = "";
      [["year", "Year"], ["topic", "Topic"], ["speaker", "Speaker"]].forEach(function (spec) {
        var rows = spec[0] === "speaker" ? f.speaker : Object.keys(f[spec[0]]).sort().map(function (k) {
          return [k, spec[0] === "topic" ? (meta.topics[k] || k) : k, f[spec[0]][k]]; });
        if (!rows.length) return;
        var box = el("section"), ul = el("ul");
        box.appendChild(el("h2", spec[1]));
        rows.forEach(function (r) {
          var b = el("button", r[1] + " (" + r[2] + ")"); b.type = "button";
          b.setAttribute("data-filter", spec[0] + ":" + r[0]);
          b.addEventListener("click", function () { addFilter(spec[0], r[0]); });
          var li = el("li"); li.appendChild(b); ul.appendChild(li);
        });
        box.appendChild(ul); facets.appendChild(box);
      });
    }
    function show(res, mine) {
      if (mine !== seq) return;
      list.textContent = ""; facets.textContent = ""; moreBtn.hidden = true;
      var notes = res.notes || [];
      if (!res.hits) { say([res.msg].concat(notes)); return; }
      if (!res.hits.length) { say(["No passages match this query. Try fewer words, OR, or a prefix*."].concat(notes)); return; }
      say([res.total + (res.total === 1 ? " passage" : " passages")].concat(notes));
      res.shown.forEach(function (p) {
        var li = el("li"), a = el("a", p.title); a.href = root + p.url;
        var h = el("h3"); h.appendChild(a); li.appendChild(h);
        li.setAttribute("data-doc", p.article + "#" + p.paragraph);
        var info = [p.year, p.speakers.map(function (s) { return s[1]; }).join(", ")].filter(Boolean).join(" · ");
        if (info) li.appendChild(el("p", info, "meta"));
        li.appendChild(snippet(p.text, res.forms)); list.appendChild(li);
      });
      moreBtn.hidden = res.total <= limit;
      W.facets(res).then(function (f) { if (mine === seq) showFacets(f); });
    }
    function go(push) {
      var q = input.value, mine = ++seq;
      var url = new URL(location.href); url.searchParams.set("q", q);
      try { history[push ? "pushState" : "replaceState"](null, "", url); } catch (e) { /* file:// may refuse */ }
      W.search(q, limit).then(function (res) { show(res, mine); }, function (err) { if (mine === seq) say([err.message]); });
    }
    input.addEventListener("input", function () { limit = 10; clearTimeout(timer); timer = setTimeout(function () { go(false); }, 120); });
    app.querySelector("form").addEventListener("submit", function (e) { e.preventDefault(); limit = 10; go(true); });
    moreBtn.addEventListener("click", function () { limit += 10; go(false); });
    input.value = new URLSearchParams(location.search).get("q") || "";
    go(false);
  }
  document.addEventListener("DOMContentLoaded", function () {
    var app = document.getElementById("search-app");
    if (!app) return;
    W.init(app.getAttribute("data-index")).then(function () { page(app); }, function (err) {
      app.querySelector(".status").textContent = err.message;
    });
  });
})();
