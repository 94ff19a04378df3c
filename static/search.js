/* wic-site search: reads queries as search_index.make_parser does, looks up the index exported
   from Whoosh (search_export/), sums Whoosh's BM25F weights, displays. */
(() => {
"use strict";
const files = {}, waiting = {}, WORD = /[\p{L}\p{N}_]+(?:\.?[\p{L}\p{N}_]+)*/gu;
let base = "", meta = null;
const W = window.WicSearch = { add: (name, data) => { files[name] = data; if (waiting[name]) waiting[name](data); } };

const load = name => files[name] ? Promise.resolve(files[name]) : waiting[name + "?"] ||
  (waiting[name + "?"] = new Promise((ok, fail) => {
    waiting[name] = ok;
    const s = document.createElement("script");
    s.src = base + name + ".js";
    s.onerror = () => fail(new Error("Missing search/" + name + ".js: rebuild the site."));
    document.head.appendChild(s);
  }));
const all = names => Promise.all(uniq(names).map(load));
const uniq = a => a.filter((x, i) => a.indexOf(x) === i);
const fnv = text => {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(text)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
};
const b36 = x => parseInt(x, 36);
const shard = (dir, key, n) => dir + "/" + (fnv(key) % n);
const fShard = w => shard("f", w, meta.nf), tShard = k => shard("t", k, meta.nt), pShard = k => shard("p", k, meta.np);
const positional = f => meta.positional.includes(f || "text");
const tokens = text => (text.toLowerCase().match(WORD) || []).filter(x => x.length >= meta.minsize && !meta.stop.includes(x));
const prefixOf = w => !w.phrase && w.text.length > 1 && w.text.endsWith("*") ? w.text.slice(0, -1) : null;

// the query, read as search_index.make_parser reads it
function lex(q, notes) {
  const out = [], sp = /\s/, edge = j => j === 0 || /[\s()]/.test(q[j - 1]);
  for (let i = 0; i < q.length;) {
    const c = q[i];
    if (sp.test(c)) { i++; continue; }
    if (c === "(" || c === ")") { out.push({ k: c }); i++; continue; }
    if (c === '"') {
      const end = q.indexOf('"', i + 1);
      if (end < 0) notes.push("Unbalanced quote: it was ignored.");
      else out.push({ k: "w", text: q.slice(i + 1, end), phrase: true });
      i = end < 0 ? i + 1 : end + 1; continue;
    }
    if (c === "-" && edge(i) && /[^\s()-]/.test(q[i + 1] || " ")) { out.push({ k: "NOT" }); i++; continue; }
    let j = i;
    while (j < q.length && !/[\s()"]/.test(q[j])) j++;
    let word = q.slice(i, j), field = null;
    const spaced = j < q.length && sp.test(q[j]), m = /^(\w+):(.*)$/.exec(word);
    if ((word === "AND" || word === "OR") && i > 0 && sp.test(q[i - 1]) && spaced) out.push({ k: word });
    else if (word === "NOT" && edge(i) && spaced) out.push({ k: "NOT" });
    else if (m && meta.fields.includes(m[1]) && !m[2] && q[j] === '"' && q.indexOf('"', j + 1) > 0) {
      const end = q.indexOf('"', j + 1);
      out.push({ k: "w", field: m[1], text: q.slice(j + 1, end), phrase: true }); j = end + 1;
    } else {
      if (m && meta.fields.includes(m[1]) && m[2]) { field = m[1]; word = m[2]; }
      else if (m) notes.push(m[1] + ": is not a field (" + meta.fields.join(", ") + "); searched as words.");
      out.push({ k: "w", text: word, field });
    }
    i = j;
  }
  return out;
}

function parse(toks) {  /* binding: juxtaposition < OR < AND < NOT */
  let pos = 0;
  const peek = (o = 0) => toks[pos + o] || {};
  const infix = (op, next) => () => {
    const c = [next()];
    while (peek().k === op && peek(1).k && peek(1).k !== ")") { pos++; c.push(next()); }
    return c.length > 1 ? { t: op.toLowerCase(), c } : c[0];
  };
  const unary = () => {
    const t = toks[pos++];
    if (t.k === "NOT") {
      if (!peek().k || peek().k === ")") return null;
      if (peek().k === "NOT") throw new Error("NOT cannot follow NOT or -: remove one.");
      return { t: "not", c: [unary()] };
    }
    if (t.k === "(") { const g = seq(true); if (peek().k === ")") pos++; return g; }
    return { t: "word", w: t };
  };
  const orExpr = infix("OR", infix("AND", unary));
  function seq(inner) {
    const c = [];
    while (pos < toks.length && !(inner && peek().k === ")")) {
      if ([")", "AND", "OR"].includes(peek().k)) { pos++; continue; }  /* dangling */
      const x = orExpr(); if (x) c.push(x);
    }
    return { t: "and", c };
  }
  return seq(false);
}

const words = (n, out) => { if (n.t === "word") out.push(n.w); else n.c.forEach(c => words(c, out)); return out; };
const term = key => ({ t: "term", key });
function leaf(w) {  /* keys "field:term"; "?x": no passage has x */
  const field = w.field || "text", p = prefixOf(w);
  if (!positional(field)) return !w.text ? null : p ? { t: "prefix", key: field + ":" + p } : term(field + ":" + w.text);
  if (p) { const l = p.toLowerCase(); return { t: "prefix", key: field + ":" + (files[fShard(l)][l] || l) }; }
  const keys = tokens(w.text).map(x => { const s = files[fShard(x)][x]; return s ? field + ":" + s : "?" + x; });
  if (keys.length < 2) return keys.length ? term(keys[0]) : null;
  return w.phrase ? { t: "phrase", keys } : { t: "and", c: keys.map(term) };
}
const sig = n => n.t + "(" + (n.key || (n.keys || []).join(" ") || n.c.map(sig).join(",")) + ")";
function build(n) {  /* as Whoosh's normalize() */
  if (n.t === "word") return leaf(n.w);
  const c = [], seen = {};
  n.c.map(build).filter(Boolean).forEach(x => (x.t === n.t && n.t !== "not" ? x.c : [x]).forEach(y => {
    const s = sig(y); if (!seen[s]) { seen[s] = 1; c.push(y); }
  }));
  if (n.t === "not") return c.length ? { t: "not", c } : null;
  return c.length > 1 ? { t: n.t, c } : c[0] || null;
}

// postings
const entry = key => (files[tShard(key)] || {})[key] || null;
const tails = key => { const e = entry(key); return e && e[4] ? Array.from({ length: e[4][1] }, (_, j) => "u/" + e[4][0] + "-" + j) : []; };
function decode(chunk, into) {
  chunk[1].split(";").forEach((g, i) => {
    let d = 0;
    if (g) g.split(",").forEach(x => { d += b36(x); into.push([d, chunk[0][i]]); });
  });
  return into;
}
function postings(key, head) {
  const e = entry(key), out = e ? decode(e[1], []) : [];
  if (e && !head) tails(key).forEach(n => decode(files[n], out));
  return out;
}
const keysOf = (n, out) => { if (n.key && n.t === "term") out.push(n.key); else if (n.keys) out.push(...n.keys); else (n.c || []).forEach(c => keysOf(c, out)); return out; };
function expand(n) {  /* prefix -> the lexicon's terms with it */
  if (n.t !== "prefix") return Promise.all((n.c || []).map(expand));
  const lex = meta.lex, names = [];
  let i = 0;
  while (i + 1 < lex.length && lex[i + 1] <= n.key) i++;
  do names.push("x/" + i++); while (i < lex.length && lex[i].startsWith(n.key));
  return all(names).then(() => { n.keys = names.flatMap(x => files[x].filter(k => k.startsWith(n.key))); });
}
function phraseDocs(keys) {
  const pos = keys.map(k => {
    const m = {};
    (files[pShard(k)][k] || "").split(";").forEach(x => {
      const p = x.split(":"); if (x) m[b36(p[0])] = p[1].split(",").map(b36);
    });
    return m;
  });
  return Object.keys(pos[0]).filter(d => pos[0][d].some(p => pos.every((m, i) => m[d] && m[d].includes(p + i)))).map(Number);
}
/* docnum -> score as Whoosh's matchers combine: And/Or sum, Not scores 1.0,
   Prefix is the Or of its terms, Phrase sums its terms' weights. */
function evaluate(n, head) {
  const r = new Map();
  if (n.t === "term") { postings(n.key, head).forEach(p => r.set(p[0], p[1])); return r; }
  if (n.t === "prefix") return evaluate({ t: "or", c: n.keys.map(term) });
  if (n.t === "phrase") {
    if (n.keys.some(k => !entry(k))) return r;
    const sum = evaluate({ t: "and", c: n.keys.map(term) });
    phraseDocs(n.keys).forEach(d => { if (sum.has(d)) r.set(d, sum.get(d)); });
    return r;
  }
  if (n.t === "not") {
    const ex = evaluate(n.c[0]);
    for (let d = 0; d < meta.n; d++) if (!ex.has(d)) r.set(d, 1);
    return r;
  }
  const parts = n.c.map(c => evaluate(c));
  if (n.t === "or") { parts.forEach(m => m.forEach((s, d) => r.set(d, (r.get(d) || 0) + s))); return r; }
  parts.sort((a, b) => a.size - b.size);
  parts[0].forEach((s, d) => { if (parts.every(m => m.has(d))) r.set(d, parts.reduce((t, m, i) => i ? t + m.get(d) : t, s)); });
  return r;
}

// one query
function run(q) {
  const notes = [];
  if (!q.trim()) return Promise.resolve({ msg: "Type words to search; the syntax is below." });
  const tree = parse(lex(q, notes));
  const ws = words(tree, []).filter(w => positional(w.field)).flatMap(w => {
    const p = prefixOf(w); return p ? [p.toLowerCase()] : tokens(w.text);
  });
  return all(ws.map(fShard)).then(() => {
    const query = build(tree);
    if (!query) return { msg: "Only common words (the, of…), which are not indexed: add a more specific word.", notes };
    return expand(query).then(() => {
      const keys = uniq(keysOf(query, [])).filter(k => k[0] !== "?");
      return all(keys.map(tShard)).then(() => {
        const single = query.t === "term", more = single ? [] : keys.flatMap(tails);
        if (/phrase/.test(sig(query))) more.push(...keys.filter(entry).map(pShard));
        return all(more).then(() => finish(query, single, notes));
      });
    });
  });
}
const positives = (n, out) => { if (n.t === "term") out.push(n.key); else if (n.keys) out.push(...n.keys); else if (n.t !== "not") n.c.forEach(c => positives(c, out)); return out; };
function finish(query, single, notes) {
  const e = single && entry(query.key);
  const hits = Array.from(evaluate(query, single)).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const forms = positives(query, []).flatMap(k => (entry(k) || [0, 0, []])[2]);
  return { hits, total: e ? e[0] : hits.length, facets: e ? counts(e[3]) : null, key: single && query.key, forms, notes };
}
function counts(f) {
  const pairs = s => Object.fromEntries(s.split(",").filter(Boolean).map(p => p.split(":").map(Number)));
  return { year: pairs(f[0]), topic: pairs(f[1]), speaker: f[2] };
}
function facets(res) {
  if (res.facets) return Promise.resolve(res.facets);
  const g = h => "g/" + Math.floor(h[0] / meta.g);
  return all(res.hits.map(g)).then(() => {
    const y = {}, t = {}, s = {}, nm = {}, inc = (o, k) => { o[k] = (o[k] || 0) + 1; };
    res.hits.forEach(h => {
      const f = files[g(h)], [yr, tp, sp] = f.p[h[0] % meta.g].split(";").map(x => x ? x.split(".") : []);
      yr.forEach(x => inc(y, x)); tp.forEach(x => inc(t, x));
      sp.forEach(x => { nm[f.s[x][0]] = f.s[x][1]; inc(s, f.s[x][0]); });
    });
    const top = Object.keys(s).sort((a, b) => s[b] - s[a] || (a < b ? -1 : 1)).slice(0, 12);
    return { year: y, topic: t, speaker: top.map(x => [x, nm[x], s[x]]) };
  });
}
function passages(hits) {
  const d = h => "d/" + Math.floor(h[0] / meta.d);
  return all(hits.map(d)).then(() => hits.map(h => {
    const f = files[d(h)], p = f.p[h[0] % meta.d], a = f.a[p[0]];
    return { score: h[1], article: p[0], paragraph: p[1], text: p[2], speakers: p[3],
             title: a[0], year: a[1], url: a[2] + (a[2].endsWith("/") ? "index.html" : "") + "#p-" + (p[1] + 1) };
  }));
}

W.init = indexBase => { base = indexBase; return load("index").then(m => { meta = m; return W; }); };
/* first `limit` results with passages, for the page and the parity tests */
W.search = (q, limit = 10) => Promise.resolve(q).then(run).then(res => {
  if (!res.hits) return res;
  const grow = res.key && limit > res.hits.length ? tails(res.key) : [];
  return all(grow).then(() => {
    if (grow.length) res.hits = finish({ t: "term", key: res.key }, false, []).hits;
    return passages(res.hits.slice(0, limit)).then(shown => Object.assign(res, { shown }));
  });
});

// the page: everything shown goes in through textContent
const el = (tag, text, cls) => { const e = document.createElement(tag); if (text != null) e.textContent = text; if (cls) e.className = cls; return e; };
function snippet(text, forms) {
  const out = el("p", null, "snippet"), parts = [];
  let last = 0, m, hit = -1;
  WORD.lastIndex = 0;
  while ((m = WORD.exec(text))) {
    parts.push([text.slice(last, m.index)], [m[0], forms.includes(m[0].toLowerCase())]);
    last = m.index + m[0].length;
  }
  parts.push([text.slice(last)]);
  parts.forEach((p, i) => { if (p[1] && hit < 0) hit = i; });
  const from = Math.max(0, hit - 48), to = from + 140;
  out.append(from ? "… " : "", ...parts.slice(from, to).map(p => p[1] ? el("mark", p[0]) : p[0]), to < parts.length ? " …" : "");
  return out;
}
function page(app) {
  const $ = s => app.querySelector(s), input = $("input[name=q]"), status = $(".status"), list = $(".results"),
    box = $(".facets"), more = $(".more"), root = app.dataset.root;
  let limit = 10, timer = 0, seq = 0;
  const say = lines => status.replaceChildren(...lines.map(l => el("p", l)));
  function showFacets(f) {
    box.replaceChildren();
    [["year", "Year", meta.years.map(y => [y, y])], ["topic", "Topic", meta.topics], ["speaker", "Speaker"]].forEach(([key, head, names]) => {
      const rows = names ? names.map((x, i) => [x[0], x[1], f[key][i]]).filter(r => r[2]) : f.speaker;
      if (!rows.length) return;
      const sec = el("section"), ul = el("ul");
      rows.forEach(r => {
        const b = el("button", r[1] + " (" + r[2] + ")"), li = el("li");
        b.type = "button"; b.dataset.filter = key + ":" + r[0];
        b.addEventListener("click", () => { input.value = (input.value.trim() + " " + b.dataset.filter).trim(); go(true); });
        li.append(b); ul.append(li);
      });
      sec.append(el("h2", head), ul); box.append(sec);
    });
  }
  function show(res, mine) {
    if (mine !== seq) return;
    list.replaceChildren(); box.replaceChildren(); more.hidden = true;
    const notes = res.notes || [];
    if (!res.hits) return say([res.msg, ...notes]);
    if (!res.hits.length) return say(["No passage matches. Try fewer words, OR, or a prefix*.", ...notes]);
    say([res.total + (res.total === 1 ? " passage" : " passages"), ...notes]);
    res.shown.forEach(p => {
      const li = el("li"), a = el("a", p.title), h = el("h3");
      a.href = root + p.url; h.append(a); li.append(h);
      li.dataset.doc = p.article + "#" + p.paragraph;
      const info = [p.year, p.speakers.map(s => s[1]).join(", ")].filter(Boolean).join(" · ");
      if (info) li.append(el("p", info, "meta"));
      li.append(snippet(p.text, res.forms)); list.append(li);
    });
    more.hidden = res.total <= limit;
    facets(res).then(f => { if (mine === seq) showFacets(f); });
  }
  function go(push) {
    const q = input.value, mine = ++seq, url = new URL(location.href);
    url.searchParams.set("q", q);
    try { history[push ? "pushState" : "replaceState"](null, "", url); } catch (e) { /* file:// may refuse */ }
    W.search(q, limit).then(res => show(res, mine), err => { if (mine === seq) say([err.message]); });
  }
  input.addEventListener("input", () => { limit = 10; clearTimeout(timer); timer = setTimeout(go, 120, false); });
  $("form").addEventListener("submit", e => { e.preventDefault(); limit = 10; go(true); });
  more.addEventListener("click", () => { limit += 10; go(false); });
  input.value = new URLSearchParams(location.search).get("q") || "";
  go(false);
}
document.addEventListener("DOMContentLoaded", () => {
  const app = document.getElementById("search-app");
  if (app) W.init(app.dataset.index).then(() => page(app), err => { app.querySelector(".status").textContent = err.message; });
});
})();
