// The numclaims page: gather documents, POST them to /v1/check asking for HTML, and show the
// report (the same rendering as `numclaims check --format html`) in a sandboxed frame.
(function () {
  "use strict";
  const list = document.getElementById("documents");
  const template = document.getElementById("document-template");
  const status = document.getElementById("status");
  const frame = document.getElementById("report");
  const runButton = document.getElementById("run");

  frame.addEventListener("load", function () {
    const doc = frame.contentDocument;
    if (doc && doc.documentElement) {
      frame.style.height = (doc.documentElement.scrollHeight + 24) + "px";
    }
  });

  function renumber() {
    list.querySelectorAll("fieldset.document").forEach(function (fs, i) {
      fs.querySelector(".n").textContent = String(i + 1);
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

  async function run(event) {
    if (event) event.preventDefault();
    const documents = collect();
    if (!documents.length) { say("Paste some text first.", true); return; }
    const body = { documents: documents };
    const base = document.getElementById("base-currency").value.trim().toUpperCase();
    if (base) body.base_currency = base;
    runButton.disabled = true;
    say("Checking " + documents.length + " document(s)…");
    try {
      const response = await fetch("v1/check", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Accept": "text/html" },
        body: JSON.stringify(body),
      });
      if (!response.ok) { say("Error: " + await errorText(response), true); return; }
      frame.srcdoc = await response.text();
      frame.classList.add("shown");
      say("Checked " + documents.length + " document(s).");
    } catch (err) {
      say("Could not reach the server: " + err, true);
    } finally {
      runButton.disabled = false;
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
  addDocument();

  // /?sample=1&run=1 loads the sample corpus and checks it (a shareable demo link).
  const params = new URLSearchParams(window.location.search);
  if (params.get("sample") === "1") {
    loadSample().then(function (ok) { if (ok && params.get("run") === "1") run(); });
  }
})();
