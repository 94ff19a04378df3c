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
const lShard = k => shard("l", k, meta.nl), vShard = k => shard("v", k, meta.nv);
const positional = f => meta.positional.includes(f || "text");
/* search_labels.normalize_label: a facet value as a reader types it */
const norm = s => s.toLowerCase().split(/[\s_-]+/).filter(Boolean).join(" ");
const labelKey = w => w.field + ":" + norm(w.text);
const isLabel = w => w.field && !positional(w.field) && w.text && !prefixOf(w);
const missing = (f, v) => { v = v.split(/\s+/).filter(Boolean).join(" "); return "No " + f + " " + (/ /.test(v) ? '"' + v + '"' : v) + " in this corpus."; };
const once = (a, x) => { if (!a.includes(x)) a.push(x); };
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
const form = x => { const v = files[fShard(x)][x]; return v == null ? null : typeof v === "string" ? [v, "text"] : v; };
const alt = c => { c = c.filter(Boolean); return c.length > 1 ? { t: "or", c } : c[0] || null; };
function leaf(w, notes) {  /* keys "field:term"; "?x": no passage has x */
  if (!w.field) return alt(meta.plain.map(field => leaf(Object.assign({}, w, { field }), notes)));
  const field = w.field, p = prefixOf(w);
  if (!positional(field)) {
    if (!w.text) return null;
    if (p) return { t: "prefix", key: field + ":" + p };
    const ids = (files[lShard(labelKey(w))] || {})[labelKey(w)];
    if (!ids) once(notes, missing(field, w.text));
    return alt((ids || [w.text]).map(i => term(field + ":" + i)));
  }
  if (p) { const l = p.toLowerCase(); return { t: "prefix", key: field + ":" + (form(l) || [l])[0] }; }
  /* "?x": no passage has x; "!k": the term is known but not in this plain field */
  const keys = tokens(w.text).map(x => { const v = form(x); return !v ? "?" + x : (meta.plain.includes(field) && !v.slice(1).includes(field) ? "!" : "") + field + ":" + v[0]; });
  if (keys.length < 2) return keys.length ? term(keys[0]) : null;
  return w.phrase ? { t: "phrase", keys } : { t: "and", c: keys.map(term) };
}
const sig = n => n.t + "(" + (n.key || (n.keys || []).join(" ") || n.c.map(sig).join(",")) + ")";
function build(n, notes) {  /* as Whoosh's normalize() */
  if (n.t === "word") return leaf(n.w, notes);
  const c = [], seen = {};
  n.c.map(x => build(x, notes)).filter(Boolean).forEach(x => (x.t === n.t && n.t !== "not" ? x.c : [x]).forEach(y => {
    const s = sig(y); if (!seen[s]) { seen[s] = 1; c.push(y); }
  }));
  if (n.t === "not") return c.length ? { t: "not", c } : null;
  return c.length > 1 ? { t: n.t, c } : c[0] || null;
}

// postings
const entry = key => (files[tShard(key)] || {})[key] || null;
const tails = key => covering(key, null);
/* a posting [frequency, field length] weighed as Whoosh's BM25F scorer weighs it, with the
   term's idf (its entry's last value) and the field's average length (search_export/postings.py) */
function weigher(key, e) {
  const avg = meta.avgfl[key.slice(0, key.indexOf(":"))], B = meta.B, K1 = meta.K1, idf = e[5];
  return avg ? p => idf * ((p[0] * (K1 + 1)) / (p[0] + K1 * ((1 - B) + B * p[1] / avg))) : p => p[0];
}
/* fileformat.code_nums: varint deltas in base-64 letters, a letter of 32 or more carrying five
   more bits; a zero delta says how many consecutive nums follow */
const LETTER = new Int8Array(128);
"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".split("").forEach((c, i) => { LETTER[c.charCodeAt(0)] = i; });
function nums(coded, into, w) {
  let n = -1, v = 0, run = false;
  for (let i = 0; i < coded.length; i++) {
    const x = LETTER[coded.charCodeAt(i)];
    v = v * 32 + (x & 31);
    if (x >= 32) continue;
    if (run) { for (; v > 0; v--) into.push([++n, w]); run = false; }
    else if (v === 0) run = true;
    else into.push([n += v, w]);
    v = 0;
  }
}
function decode(chunk, into, weigh) {
  chunk[1].split(";").forEach((g, i) => nums(g, into, weigh(chunk[0][i])));
  return into;
}
function postings(key, head) {
  const e = entry(key), weigh = e && weigher(key, e), out = e ? decode(e[1], [], weigh) : [];
  if (e && !head) tails(key).filter(n => files[n]).forEach(n => decode(files[n], out, weigh));
  return out;
}
const keysOf = (n, out) => { if (n.key && n.t === "term") out.push(n.key); else if (n.keys) out.push(...n.keys); else (n.c || []).forEach(c => keysOf(c, out)); return out; };
function expand(n) {  /* prefix -> the lexicon's terms with it */
  if (n.t !== "prefix") return Promise.all((n.c || []).map(expand));
  const names = [];
  return load("x/lex").then(lex => {
    let i = 0;
    while (i + 1 < lex.length && lex[i + 1] <= n.key) i++;
    do names.push("x/" + i++); while (i < lex.length && lex[i].startsWith(n.key));
    return all(names);
  }).then(() => { n.keys = names.flatMap(x => files[x].filter(k => k.startsWith(n.key))); });
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
  if (n.t === "none") return r;
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

/* The tail files (u/) a query needs: an AND fetches all of its smallest part's, then of its
   other parts only the files covering passages that part found. docs: sorted nums, or null. */
const size = n => n.t === "term" ? entry(n.key)[0] : n.t === "not" ? meta.n - size(n.c[0])
  : n.t === "phrase" ? Math.min(...n.keys.map(k => entry(k)[0])) : n.t === "and" ? Math.min(...n.c.map(size))
  : (n.keys ? n.keys.map(k => entry(k)[0]) : n.c.map(size)).reduce((a, b) => a + b, 0);
const holds = (docs, lo, hi) => {  /* some num of sorted docs in [lo, hi) */
  let a = 0, b = docs.length;
  while (a < b) { const m = (a + b) >> 1; if (docs[m] < lo) a = m + 1; else b = m; }
  return a < docs.length && docs[a] < hi;
};
function covering(key, docs) {  /* entry[4]: [name, the first num of each file] */
  const e = entry(key), first = [];
  if (!e || !e[4]) return [];
  nums(e[4][1], first, 0);
  return first.map((p, j) => j).filter(j => !docs || holds(docs, first[j][0], j + 1 < first.length ? first[j + 1][0] : Infinity))
    .map(j => "u/" + e[4][0] + "-" + j);
}
function fetchFor(n, docs) {
  if (n.t !== "and") return all(uniq(keysOf(n, [])).flatMap(k => covering(k, docs)));
  const [first, ...rest] = n.c.slice().sort((a, b) => size(a) - size(b));
  return fetchFor(first, docs).then(() => {
    const found = [...evaluate(first).keys()].filter(d => !docs || holds(docs, d, d + 1)).sort((a, b) => a - b);
    return Promise.all(rest.map(c => fetchFor(c, found)));
  });
}

// one query
function prune(n) {  /* terms no passage has match nothing: drop them, as Whoosh's matchers do */
  if (n.t === "term") return entry(n.key) ? n : null;
  if (n.t === "phrase") return n.keys.every(entry) ? n : null;
  if (n.t === "prefix") return n.keys.length ? n : null;
  if (n.t === "not") return { t: "not", c: [prune(n.c[0]) || NONE] };
  const c = n.c.map(prune);
  return n.t === "and" ? (c.every(Boolean) ? (c.length > 1 ? { t: "and", c } : c[0]) : null) : alt(c);
}
const NONE = { t: "none", c: [] };
function run(q, shallow) {  /* shallow: stop at {compound: true} before a compound query's postings */
  const notes = [];
  if (!q.trim()) return Promise.resolve({ msg: "Type words to search; the syntax is below." });
  const tree = parse(lex(q, notes)), ws = words(tree, []);
  const forms = ws.filter(w => positional(w.field)).flatMap(w => { const p = prefixOf(w); return p ? [p.toLowerCase()] : tokens(w.text); });
  return all(forms.map(fShard).concat(ws.filter(isLabel).map(w => lShard(labelKey(w))))).then(() => {
    const built = build(tree, notes);
    if (!built) return { msg: "Only common words (the, of…), which are not indexed: add a more specific word.", notes };
    return expand(built).then(() => all(uniq(keysOf(built, [])).filter(k => !/^[?!]/.test(k)).map(tShard))).then(() => {
      const query = prune(built) || NONE, keys = uniq(keysOf(query, [])), single = query.t === "term";
      if (shallow && !single) return { compound: true };
      const more = /phrase/.test(sig(query)) ? keys.filter(entry).map(pShard) : [];
      const unknown = uniq(keysOf(built, []).filter(k => k[0] === "?").map(k => k.slice(1)));
      return all(more).then(() => single || fetchFor(query, null)).then(() => finish(query, single, notes, q, unknown));
    });
  });
}
const positives = (n, out) => { if (n.t === "term") out.push(n.key); else if (n.keys) out.push(...n.keys); else if (n.t !== "not") n.c.forEach(c => positives(c, out)); return out; };
const rank = (query, head) => Array.from(evaluate(query, head)).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
function finish(query, single, notes, q, unknown) {
  const e = single && entry(query.key), hits = rank(query, single);
  const forms = positives(query, []).flatMap(k => (entry(k) || [0, 0, []])[2]);
  const res = { hits, total: e ? e[0] : hits.length, facets: e ? counts(e[3]) : null, key: single && query.key, forms, notes, also: alsoTry(q), fix: [] };
  return hits.length || !unknown.length ? res : didYouMean(q, unknown).then(fix => Object.assign(res, { fix }));
}
function counts(f) {
  const pairs = s => Object.fromEntries(s.split(",").filter(Boolean).map(p => p.split(":").map(Number)));
  return { year: pairs(f[0]), topic: pairs(f[1]), speaker: f[2] };
}
/* a g/ file's run-length columns (fileformat.facet_shard), decoded once */
const runs = s => s.split(",").flatMap(x => { const [v, n] = x.split("*"); return Array(n ? b36(n) : 1).fill(b36(v)); });
const columns = {}, column = name => columns[name] || (columns[name] = { y: runs(files[name].y), t: runs(files[name].t), c: runs(files[name].c) });
const members = v => v ? v.split(".").map(b36) : [];
function facets(res) {
  if (res.facets) return Promise.resolve(res.facets);
  const g = h => "g/" + Math.floor(h[0] / meta.g), need = res.hits.map(g);
  return all(need.length ? need.concat(["g/s"]) : need).then(() => {
    const y = {}, t = {}, s = {}, inc = (o, k) => { o[k] = (o[k] || 0) + 1; };
    res.hits.forEach(h => {
      const name = g(h), f = files[name], c = column(name), i = h[0] % meta.g;
      if (c.y[i]) inc(y, c.y[i] - 1);
      members(f.tv[c.t[i]]).forEach(x => inc(t, x));
      members(f.cv[c.c[i]]).forEach(x => inc(s, x));
    });
    const who = files["g/s"], top = Object.keys(s).map(Number).sort((a, b) => s[b] - s[a] || a - b).slice(0, 12);
    return { year: y, topic: t, speaker: top.map(x => [who[x][0], who[x][1], s[x]]) };
  });
}
function passages(hits) {
  const d = h => "d/" + Math.floor(h[0] / meta.d);
  return all(hits.map(d)).then(() => hits.map(h => {
    const f = files[d(h)], p = f.p[h[0] % meta.d], a = f.a[p[0]];
    return { score: h[1], article: a[0], paragraph: p[1], text: p[2], speakers: p[3],
             title: a[1], year: a[2], url: a[3] + (a[3].endsWith("/") ? "index.html" : "") + "#p-" + (p[1] + 1) };
  }));
}

// hints, as search_labels.also_try and search_suggest read them
const FILTER = /[\p{L}\p{N}_]+:("[^"]*"|\S+)/gu, said = t => " " + (t.toLowerCase().match(WORD) || []).join(" ") + " ";
function alsoTry(q) {  /* [word in q, its synonym] */
  const words = said(q.replace(FILTER, " ")), held = k => words.includes(said(k)), out = [];
  meta.syn.forEach(g => { const h = g.find(held); if (h) g.filter(k => !held(k) && !out.some(o => o[1] === k)).forEach(k => out.push([h, k])); });
  return out;
}
const cap = w => w.length <= 4 ? 1 : 2;
const buckets = w => Array.from({ length: 2 * cap(w) + 1 }, (_, i) => w[0] + (w.length - cap(w) + i));
function dist(a, b, c) {  /* Levenshtein, or c + 1 once it must exceed c */
  if (Math.abs(a.length - b.length) > c) return c + 1;
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] !== b[j - 1]));
    if (Math.min(...next) > c) return c + 1;
    row = next;
  }
  return row[b.length];
}
function nearest(w) {
  const found = [];
  buckets(w).forEach(k => {
    const b = files[vShard(k)][k] || {};
    Object.keys(b).forEach(o => { const d = o === w ? 99 : dist(w, o, cap(w)); if (d <= cap(w)) found.push([d, -b[o], o]); });
  });
  return found.sort((x, y) => x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : 1)).slice(0, 3).map(x => x[2]);
}
function didYouMean(q, unknown) {  /* q with each unknown word replaced by its k-th nearest word */
  return all(uniq(unknown.flatMap(buckets).map(vShard))).then(() => {
    const options = unknown.map(w => [w, nearest(w)]), out = [];
    if (!options.every(o => o[1].length)) return out;
    for (let k = 0; k < 3; k++) {
      const chosen = Object.fromEntries(options.map(([w, f]) => [w, f[Math.min(k, f.length - 1)]]));
      once(out, q.replace(WORD, m => chosen[m.toLowerCase()] || m));
    }
    return out;
  });
}

W.init = indexBase => { base = indexBase; return load("index").then(m => { meta = m; return W; }); };
/* first `limit` results with passages, for the page and the parity tests */
W.search = (q, limit = 10, shallow = false) => Promise.resolve(q).then(x => run(x, shallow)).then(res => {
  if (!res.hits) return res;
  const grow = res.key && limit > meta.head ? tails(res.key) : [];  /* the head holds the first meta.head */
  return all(grow).then(() => {
    if (grow.length) res.hits = rank({ t: "term", key: res.key }, false);
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
/* facet filters the buttons add: one value "year:2015", several "(year:2015 OR year:2016)"; other facets AND */
const FACETS = ["year", "topic", "speaker"];
const CHIP = /(^|\s)(\((year|topic|speaker):[^\s()"]+(?: OR \3:[^\s()"]+)*\)|(?:year|topic|speaker):[^\s()"]+)(?=\s|$)/g;
function split(q) {  /* {base: q without facet filters, chosen: facet -> values} */
  const chosen = { year: [], topic: [], speaker: [] };
  const base = q.replace(CHIP, (m, sp, chip, f, at) => {
    if (/(^|\s)(AND|OR|NOT)\s*$/.test(q.slice(0, at + sp.length))) return m;
    chip.replace(/[()]/g, "").split(" OR ").forEach(x => once(chosen[x.slice(0, x.indexOf(":"))], x.slice(x.indexOf(":") + 1)));
    return sp;
  }).replace(/\s+/g, " ").trim();
  return { base, chosen };
}
const join = (base, chosen) => [base, ...FACETS.map(f => chosen[f].map(v => f + ":" + v).join(" OR "))
  .map((x, i) => chosen[FACETS[i]].length > 1 ? "(" + x + ")" : x)].filter(Boolean).join(" ");
W.split = split;
W.join = join;

const NONE_FOUND = { year: {}, topic: {}, speaker: [] };
function page(app) {
  const $ = s => app.querySelector(s), input = $("input[name=q]"), status = $(".status"), list = $(".results"),
    bar = $(".facets"), box = $(".facet-list"), more = $(".more"), root = app.dataset.root, title = document.title;
  let limit = 10, timer = 0, seq = 0, focus = null, counting = false;  /* counting: the reader asked for facet counts */
  bar.open = matchMedia("(min-width: 48rem)").matches;
  app.ownerDocument.querySelectorAll(".no-script").forEach(x => { x.hidden = true; });
  const link = (text, q) => { const a = el("a", text); a.href = "?q=" + encodeURIComponent(q); return a; };
  const linked = (head, pairs, tail) => {
    const p = el("p", head);
    pairs.forEach(([text, q], i) => p.append(i ? ", " : "", link(text, q)));
    p.append(tail); return p;
  };
  const words = (k, q) => new RegExp("(^|[^\\p{L}\\p{N}_])" + (k.toLowerCase().match(WORD) || []).join("[^\\p{L}\\p{N}_]+") + "(?![\\p{L}\\p{N}_])", "iu");
  const swap = (q, held, k) => q.replace(words(held), (m, sp) => sp + (/\s/.test(k) ? '"' + k + '"' : k));
  function say(lines, res) {
    const hints = [];
    if (res && res.fix && res.fix.length) hints.push(linked("Did you mean: ", res.fix.map(x => [x, x]), "?"));
    if (res && res.also && res.also.length) hints.push(linked("Also try: ", res.also.map(([h, k]) => [k, swap(res.q, h, k)]), "."));
    status.replaceChildren(...lines.map(l => el("p", l)), ...hints);
  }
  /* f null: a query of several words, whose counts load every result's facet data (g/), so
     they wait for the reader to ask; the values chosen stay, to be removed */
  function showFacets(f, chosen, q) {
    box.replaceChildren();
    if (!f) {
      const b = el("button", "Count the passages by year, topic and speaker", "count");
      b.type = "button";
      b.addEventListener("click", () => { counting = true; focus = "*"; go(null); });
      box.append(b);
    }
    f = f || NONE_FOUND;
    [["year", "Year", meta.years.map(y => [y, y])], ["topic", "Topic", meta.topics], ["speaker", "Speaker"]].forEach(([key, head, names]) => {
      const rows = names ? names.map((x, i) => [x[0], x[1], f[key][i]]).filter(r => r[2] || chosen[key].includes(r[0])) : f.speaker.slice();
      chosen[key].filter(v => !rows.some(r => r[0] === v)).forEach(v => rows.push([v, v, 0]));
      if (!rows.length) return;
      const sec = el("section"), ul = el("ul");
      rows.forEach(r => {
        const on = chosen[key].includes(r[0]), b = el("button", r[1] + (r[2] ? " (" + r[2] + ")" : "")), li = el("li");
        b.type = "button"; b.dataset.filter = key + ":" + r[0]; b.setAttribute("aria-pressed", on);
        b.addEventListener("click", () => {
          const next = split(q), vals = next.chosen[key];
          next.chosen[key] = on ? vals.filter(v => v !== r[0]) : vals.concat([r[0]]);
          focus = b.dataset.filter; input.value = join(next.base, next.chosen); limit = 10; go(true);
        });
        li.append(b); ul.append(li);
      });
      sec.append(el("h2", head), ul); box.append(sec);
    });
    bar.hidden = !box.children.length;
    const back = focus && [...box.querySelectorAll("button[data-filter]")].find(b => focus === "*" || b.dataset.filter === focus);
    if (back) { back.focus(); focus = null; }
  }
  function show(res, mine, q) {
    if (mine !== seq) return;
    res.q = q;
    list.replaceChildren();
    const notes = res.notes || [];
    if (!res.hits) { more.hidden = bar.hidden = true; box.replaceChildren(); app.dataset.shown = q; return say([res.msg, ...notes]); }
    if (!res.hits.length) say(["No passage matches. Try fewer words, OR, or a prefix*.", ...notes], res);
    else say([res.total + (res.total === 1 ? " passage" : " passages"), ...notes], res);
    res.shown.forEach(p => {
      const li = el("li"), a = el("a", p.title), h = el("h3");
      a.href = root + p.url; h.append(a); li.append(h);
      li.dataset.doc = p.article + "#" + p.paragraph;
      const info = [p.year, p.speakers.map(s => s[1]).join(", ")].filter(Boolean).join(" · ");
      if (info) li.append(el("p", info, "meta"));
      li.append(snippet(p.text, res.forms)); list.append(li);
    });
    const wasMore = document.activeElement === more;
    more.hidden = res.total <= limit;
    if (wasMore && more.hidden && list.children[limit - 10]) list.children[limit - 10].querySelector("a").focus();
    const { base, chosen } = split(q);
    const counts = r => r.compound ? null : !(r.hits || []).length ? NONE_FOUND : r.facets || counting ? facets(r) : null;
    (base && base !== q ? W.search(base, 0, !counting) : Promise.resolve(res)).then(counts)
      .then(f => { if (mine === seq) { showFacets(f, chosen, q); app.dataset.shown = q; } });
  }
  function go(push) {
    const q = input.value, mine = ++seq, url = new URL(location.href);
    document.title = (q.trim() ? "“" + q.trim() + "” – " : "") + title;
    url.searchParams.set("q", q);
    if (push !== null) try { history[push ? "pushState" : "replaceState"]({ q }, "", url); } catch (e) { /* file:// may refuse */ }
    W.search(q, limit).then(res => show(res, mine, q), err => { if (mine === seq) say([err.message]); });
  }
  const fromUrl = () => new URLSearchParams(location.search).get("q") || "";
  input.addEventListener("input", () => { limit = 10; clearTimeout(timer); timer = setTimeout(go, 120, false); });
  $("form").addEventListener("submit", e => { e.preventDefault(); clearTimeout(timer); limit = 10; go(true); });
  more.addEventListener("click", () => { limit += 10; go(false); });
  addEventListener("popstate", () => { input.value = fromUrl(); limit = 10; go(null); });
  input.value = fromUrl();
  go(false);
}
document.addEventListener("DOMContentLoaded", () => {
  const app = document.getElementById("search-app");
  if (app) W.init(app.dataset.index).then(() => page(app), err => { app.querySelector(".status").textContent = err.message; });
});
})();
