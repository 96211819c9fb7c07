// The numclaims page: gather documents, POST them to /v1/check asking for HTML, and show the
// report (the same rendering as `numclaims check --format html`) in a sandboxed frame; or, with
// "Extract only", POST each to /v1/extract and list its figures. Either result can be saved as
// JSON or CSV, built here from the JSON the API answered.
(function () {
  "use strict";
  const list = document.getElementById("documents");
  const template = document.getElementById("document-template");
  const status = document.getElementById("status");
  const frame = document.getElementById("report");
  const runButton = document.getElementById("run");
  const extractButton = document.getElementById("extract-only");
  const results = document.getElementById("results");
  const resultsTitle = document.getElementById("results-title");
  const mentionsBox = document.getElementById("mentions");
  const downloadJson = document.getElementById("download-json");
  const downloadCsv = document.getElementById("download-csv");

  // The same headline rule as numclaims.checking.render.document_title: the first of the first
  // twelve lines with four words or more that is no label ("Source:") and no URL.
  function titleOf(text) {
    const lines = String(text || "").split(/\r?\n/).slice(0, 12).map(function (line) {
      return line.replace(/\*\*|__/g, "").trim().replace(/^#+/, "").trim().replace(/\s+/g, " ");
    }).filter(Boolean);
    const headline = lines.find(function (line) {
      return line.split(" ").length >= 4 && !line.endsWith(":") && line.indexOf("://") < 0;
    }) || lines[0] || "";
    return headline.length > 90 ? headline.slice(0, 89).replace(/\s+\S*$/, "") + "…" : headline;
  }

  frame.addEventListener("load", function () {
    const doc = frame.contentDocument;
    if (doc && doc.documentElement) {
      frame.style.height = (doc.documentElement.scrollHeight + 24) + "px";
    }
  });

  function renumber() {
    list.querySelectorAll("fieldset.document").forEach(function (fs, i) {
      fs.querySelector(".n").textContent = String(i + 1);
      fs.querySelector(".title").textContent = titleOf(fs.querySelector("[name=text]").value);
    });
  }

  function addDocument(doc) {
    const node = template.content.firstElementChild.cloneNode(true);
    const n = list.children.length + 1;
    node.querySelector("[name=id]").value = (doc && doc.id) || "doc-" + n;
    node.querySelector("[name=published]").value = (doc && doc.published) || "";
    node.querySelector("[name=source]").value = (doc && doc.source) || "";
    node.querySelector("[name=text]").value = (doc && doc.text) || "";
    if (doc && doc.currency_hint) node.dataset.currencyHint = doc.currency_hint;
    node.querySelector("[name=text]").addEventListener("change", renumber);
    node.querySelector(".remove").addEventListener("click", function () {
      node.remove();
      if (!list.children.length) addDocument();
      renumber();
    });
    list.appendChild(node);
    renumber();
    return node;
  }

  function say(message, isError) {
    status.textContent = message;
    status.className = isError ? "error" : "";
  }

  function collect() {
    const docs = [];
    list.querySelectorAll("fieldset.document").forEach(function (fs) {
      const doc = {
        id: fs.querySelector("[name=id]").value.trim(),
        text: fs.querySelector("[name=text]").value,
      };
      const published = fs.querySelector("[name=published]").value;
      const source = fs.querySelector("[name=source]").value.trim();
      if (published) doc.published = published;
      if (source) doc.source = source;
      if (fs.dataset.currencyHint) doc.currency_hint = fs.dataset.currencyHint;
      if (doc.text.trim()) docs.push(doc);
    });
    return docs;
  }

  async function errorText(response) {
    try {
      const body = await response.json();
      const e = body.error || {};
      return (e.field ? e.field + ": " : "") + (e.message || response.statusText);
    } catch (_) {
      return response.status + " " + response.statusText;
    }
  }

  function requestBody(documents) {
    const body = { documents: documents };
    const base = document.getElementById("base-currency").value.trim().toUpperCase();
    if (base) body.base_currency = base;
    return body;
  }

  async function post(path, body, accept) {
    const response = await fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": accept },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(await errorText(response));
    return accept === "text/html" ? response.text() : response.json();
  }

  function csvCell(value) {
    if (value === null || value === undefined) return "";
    const text = typeof value === "string" ? value : JSON.stringify(value);
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function csv(columns, rows) {
    return [columns].concat(rows.map(function (row) {
      return columns.map(function (c) { return row[c]; });
    })).map(function (row) { return row.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  }

  function offer(json, columns, rows, name) {
    // data: URLs: the files are made here, from the answer already in hand
    downloadJson.href = "data:application/json;charset=utf-8," + encodeURIComponent(JSON.stringify(json, null, 2));
    downloadCsv.href = "data:text/csv;charset=utf-8," + encodeURIComponent(csv(columns, rows));
    downloadJson.download = name + ".json";
    downloadCsv.download = name + ".csv";
  }

  // One row per finding, the columns of `numclaims check -o findings.parquet` (FINDING_COLUMNS).
  const FINDING_COLUMNS = ["story", "section", "verdict", "explanation", "documents", "claims", "details"];

  function findingRows(report) {
    const rows = [];
    ["inline", "groups", "dates"].forEach(function (section) {
      (report[section] || []).forEach(function (item) {
        const details = {};
        Object.keys(item).sort().forEach(function (k) {
          if (["claims", "verdict", "explanation"].indexOf(k) < 0) details[k] = item[k];
        });
        const docs = Array.from(new Set(item.claims.map(function (c) { return String(c.doc); }))).sort();
        rows.push({ story: report.story || "default", section: section, verdict: item.verdict,
                    explanation: item.explanation, documents: docs.join(";"),
                    claims: item.claims, details: details });
      });
    });
    return rows;
  }

  function showResults(title) {
    resultsTitle.textContent = title;
    results.hidden = false;
    // the results are below the form: bring them into view, where the reader is going next
    results.scrollIntoView({ block: "start" });
    results.dataset.scrolledTo = String(Math.round(window.scrollY));
  }

  async function run(event) {
    if (event) event.preventDefault();
    const documents = collect();
    if (!documents.length) { say("Paste some text first.", true); return; }
    const body = requestBody(documents);
    runButton.disabled = extractButton.disabled = true;
    say("Checking " + documents.length + " document(s)…");
    try {
      const answers = await Promise.all([post("v1/check", body, "application/json"),
                                         post("v1/check", body, "text/html")]);
      const report = answers[0];
      mentionsBox.replaceChildren();
      frame.srcdoc = answers[1];
      frame.classList.add("shown");
      offer(report, FINDING_COLUMNS, findingRows(report), "numclaims-report");
      say("Checked " + documents.length + " document(s).");
      showResults("Check report");
    } catch (err) {
      say(err instanceof TypeError ? "Could not reach the server: " + err : "Error: " + err.message, true);
    } finally {
      runButton.disabled = extractButton.disabled = false;
    }
  }

  // What a mention states, as a person writes it: years bare, big numbers in words ("6
  // trillion"), money after its ISO code, which no two currencies share ("USD 6 trillion").
  const NUMBER = new Intl.NumberFormat("en", { maximumSignificantDigits: 4 });
  const SCALES = [[1e12, "trillion"], [1e9, "billion"], [1e6, "million"]];

  function number(x) {
    for (const [scale, word] of SCALES) {
      if (Math.abs(x) >= scale) return NUMBER.format(x / scale) + " " + word;
    }
    return Math.abs(x) >= 1e4 ? Math.round(x).toLocaleString("en") : NUMBER.format(x);
  }

  function figure(kind, value, unit) {
    if (value === null || value === undefined) return "";
    if (typeof value === "string") return value;
    if (kind === "year") return String(Math.round(value));
    if (unit && /^[A-Z]{3}$/.test(unit)) return unit + " " + number(value);
    if (unit === "percent") return number(value) + "%";
    if (unit === "fraction") return number(value * 100) + "%";
    return unit ? number(value) + " " + unit.replace(/_/g, " ") : number(value);
  }

  function normalizedText(m, stated) {
    const n = m.normalized || {};
    if (n.error) return n.error;
    if (typeof n.value !== "number") return "";
    const text = figure(m.kind, n.value, n.unit);
    return text === stated ? "" : text;  // a count or an amount in the base currency: once
  }

  const MENTION_COLUMNS = ["document", "start", "end", "text", "kind", "value", "unit", "low", "high",
                           "qualifier", "subject", "direction", "change", "per", "when_start", "when_end",
                           "when_text", "about", "normalized_value", "normalized_unit", "normalized_error"];

  // what a figure states besides its amount, as `extract --format table` writes it
  function states(m) {
    const parts = [m.direction, m.change].filter(Boolean);
    if (m.per) parts.push("per " + m.per);
    if (m.when) parts.push(m.when.text);
    return parts.join(", ");
  }

  function mentionTable(doc, mentions) {
    const section = document.createElement("section");
    const heading = document.createElement("h3");
    heading.textContent = titleOf(doc.text) || doc.id;
    const ident = document.createElement("p");
    ident.className = "doc-id";
    ident.textContent = doc.id + (doc.published ? " · published " + doc.published : "") + " · " +
      mentions.length + (mentions.length === 1 ? " figure" : " figures");
    const table = document.createElement("table");
    table.className = "mentions";
    const head = table.createTHead().insertRow();
    ["Figure", "Kind", "Reads", "States", "Normalised"].forEach(function (label) {
      const th = document.createElement("th");
      th.textContent = label;
      head.appendChild(th);
    });
    const tbody = table.createTBody();
    mentions.forEach(function (m) {
      const row = tbody.insertRow();
      const stated = figure(m.kind, m.value, m.unit);
      [m.text, m.kind, stated, states(m), normalizedText(m, stated)].forEach(function (text, i) {
        const cell = row.insertCell();
        cell.textContent = text;
        if (i === 2) cell.className = "num";
      });
    });
    section.append(heading, ident, table);
    return section;
  }

  async function extractOnly() {
    const documents = collect();
    if (!documents.length) { say("Paste some text first.", true); return; }
    const base = requestBody(documents).base_currency;
    runButton.disabled = extractButton.disabled = true;
    say("Extracting from " + documents.length + " document(s)…");
    try {
      const answers = await Promise.all(documents.map(function (doc) {
        const body = { text: doc.text };
        if (doc.published) body.published = doc.published;
        if (doc.currency_hint) body.currency_hint = doc.currency_hint;
        if (base) body.base_currency = base;
        return post("v1/extract", body, "application/json");
      }));
      frame.classList.remove("shown");
      frame.removeAttribute("srcdoc");
      mentionsBox.replaceChildren.apply(mentionsBox, documents.map(function (doc, i) {
        return mentionTable(doc, answers[i].mentions);
      }));
      const rows = [];
      documents.forEach(function (doc, i) {
        answers[i].mentions.forEach(function (m) {
          const n = m.normalized || {};
          const w = m.when || {};
          rows.push(Object.assign({}, m, { document: doc.id, normalized_value: n.value,
                                           normalized_unit: n.unit, normalized_error: n.error,
                                           when_start: w.start, when_end: w.end, when_text: w.text }));
        });
      });
      offer({ documents: documents.map(function (doc, i) { return { id: doc.id, mentions: answers[i].mentions }; }) },
            MENTION_COLUMNS, rows, "numclaims-mentions");
      say("Extracted " + rows.length + " figures from " + documents.length + " document(s).");
      showResults("Figures");
    } catch (err) {
      say(err instanceof TypeError ? "Could not reach the server: " + err : "Error: " + err.message, true);
    } finally {
      runButton.disabled = extractButton.disabled = false;
    }
  }

  async function loadSample() {
    say("Loading the sample corpus…");
    const response = await fetch("sample", { headers: { "Accept": "application/json" } });
    if (!response.ok) { say("Error: " + await errorText(response), true); return false; }
    const data = await response.json();
    list.replaceChildren();
    data.documents.forEach(addDocument);
    say("Loaded " + data.documents.length + " documents.");
    return true;
  }

  document.getElementById("add").addEventListener("click", function () { addDocument(); });
  document.getElementById("sample").addEventListener("click", loadSample);
  document.getElementById("check-form").addEventListener("submit", run);
  extractButton.addEventListener("click", extractOnly);
  addDocument();

  // /?sample=1&run=1 loads the sample corpus and checks it (a shareable demo link);
  // run=extract lists its figures instead.
  const params = new URLSearchParams(window.location.search);
  if (params.get("sample") === "1") {
    loadSample().then(function (ok) {
      if (ok && params.get("run") === "1") run();
      if (ok && params.get("run") === "extract") extractOnly();
    });
  }
})();
