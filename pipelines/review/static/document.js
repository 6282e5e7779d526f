// A document page of the review site: page images with a box per extracted record, a detail panel,
// the failed checks and rejects, and a filterable table whose rows select (and scroll to) their box.
// All data comes from the JSON in #payload: the page works from file:// with no network.
(() => {
  const data = JSON.parse(document.getElementById("payload").textContent);
  const pagesEl = document.getElementById("pages");
  const detail = document.getElementById("detail");
  const tbody = document.querySelector("#records tbody");
  const MAX_ROWS = 500;
  const boxes = data.boxes;
  const boxEls = new Map();
  const failedByBox = new Map();
  data.failed_checks.forEach((c) => { if (c.box !== null) failedByBox.set(c.box, c); });
  let selected = null;

  const fmt = (v) => (v === undefined || v === null ? "" : Number(v).toLocaleString("ja-JP", { maximumFractionDigits: 6 }));
  const esc = (s) => String(s ?? "").replace(/[&<>"]/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[ch]);
  const place = (el, bbox, page) => {
    el.style.left = `${(100 * bbox[0]) / page.width}%`;
    el.style.top = `${(100 * bbox[1]) / page.height}%`;
    el.style.width = `${(100 * (bbox[2] - bbox[0])) / page.width}%`;
    el.style.height = `${(100 * (bbox[3] - bbox[1])) / page.height}%`;
  };
  const where = (b) => [b.tbl, b.row, b.col].filter((x) => x !== undefined && x !== null && x !== "").join(" / ");

  function describe(b) {
    const check = failedByBox.get(b.n);
    const value = b.v !== undefined ? `${fmt(b.v)} ${esc(b.u || "")}` : b.red ? "redacted (■)" : "—";
    let html = `<p class="arrow"><b>${esc(b.raw)}</b> → ${value}</p><dl>`;
    html += `<dt>kind</dt><dd>${esc(b.k)}${b.s ? ' <span class="error">suspect text (mis-mapped layer)</span>' : ""}</dd>`;
    if (b.fy) html += `<dt>fiscal year</dt><dd>${b.fy}</dd>`;
    html += `<dt>table / row / col</dt><dd>${esc(where(b))}</dd>`;
    if (b.m) html += `<dt>measure</dt><dd>${esc(b.m)}</dd>`;
    html += `<dt>record</dt><dd>${esc(b.src)} <code>${esc(b.id)}</code></dd>`;
    html += `<dt>page / bbox</dt><dd>p.${b.p} [${b.b.join(", ")}]</dd></dl>`;
    if (check) html += `<p class="error">✗ ${esc(check.check_name)}: expected ${fmt(check.expected)}, printed ${fmt(check.actual)}<br>${esc(check.subject)}</p>`;
    detail.innerHTML = html;
  }

  function select(n, { scrollPage = false, scrollTable = false } = {}) {
    if (selected !== null) {
      boxEls.get(selected)?.classList.remove("selected");
      tbody.querySelector("tr.selected")?.classList.remove("selected");
    }
    selected = n;
    const el = boxEls.get(n);
    el.classList.add("selected");
    if (scrollPage) el.scrollIntoView({ block: "center", inline: "center" });
    const row = tbody.querySelector(`tr[data-n="${n}"]`);
    if (row) {
      row.classList.add("selected");
      if (scrollTable) row.scrollIntoView({ block: "nearest" });
    }
    describe(boxes[n]);
  }

  // pages and their boxes
  const perPage = new Map();
  boxes.forEach((b) => { if (!perPage.has(b.p)) perPage.set(b.p, []); perPage.get(b.p).push(b); });
  const failedPages = new Map();
  data.failed_checks.forEach((c) => failedPages.set(c.page, (failedPages.get(c.page) || 0) + 1));
  data.pages.forEach((page) => {
    const wrap = document.createElement("section");
    wrap.className = "page";
    wrap.id = `page-${page.number}`;
    const marks = [];
    if (page.chars === 0) { wrap.classList.add("no-text"); marks.push("no text layer"); }
    if (page.boxes === 0) { wrap.classList.add("no-extraction"); marks.push("nothing extracted"); }
    const failed = failedPages.get(page.number) || 0;
    wrap.innerHTML = `<div class="page-head">p. ${page.number} · ${page.boxes} boxes${marks.map((m) => `<span class="mark">${m}</span>`).join("")}${failed ? `<span class="mark failed">${failed} failed check${failed > 1 ? "s" : ""}</span>` : ""}</div>`;
    const sheet = document.createElement("div");
    sheet.className = "sheet";
    sheet.dataset.page = page.number;
    sheet.dataset.mark = marks.join(" · ");
    sheet.style.aspectRatio = `${page.width} / ${page.height}`;
    if (page.image) {
      const img = document.createElement("img");
      img.src = `../${page.image}`;
      img.alt = `page ${page.number}`;
      img.loading = page.number <= 3 ? "eager" : "lazy";
      sheet.appendChild(img);
    }
    (perPage.get(page.number) || []).forEach((b) => {
      const el = document.createElement("div");
      el.className = `box ${b.k}${b.s ? " suspect" : ""}`;
      el.id = `box-${b.n}`;
      el.dataset.n = b.n;
      place(el, b.b, page);
      const check = failedByBox.get(b.n);
      if (check) {
        el.classList.add("failed");
        el.innerHTML = `<span class="flag">✗ expected ${fmt(check.expected)} ≠ printed ${fmt(check.actual)}</span>`;
      }
      el.addEventListener("mouseenter", () => describe(b));
      el.addEventListener("click", () => select(b.n, { scrollTable: true }));
      boxEls.set(b.n, el);
      sheet.appendChild(el);
    });
    data.rejects.filter((r) => r.bbox && r.page === page.number).forEach((r) => {
      const el = document.createElement("div");
      el.className = "box reject";
      el.title = `reject (${r.stage} ${r.record_type}): ${r.error}`;
      place(el, r.bbox, page);
      sheet.appendChild(el);
    });
    wrap.appendChild(sheet);
    pagesEl.appendChild(wrap);
  });
  const pageSize = new Map(data.pages.map((p) => [p.number, p]));

  // failed checks and rejects
  const problems = document.getElementById("problems");
  const goToPage = (n) => document.getElementById(`page-${n}`)?.scrollIntoView({ block: "start" });
  if (data.failed_checks.length) {
    problems.insertAdjacentHTML("beforeend", `<h3 class="error">Failed checks (${data.failed_checks.length})</h3><ul id="failed-checks"></ul>`);
    const list = problems.querySelector("#failed-checks");
    data.failed_checks.forEach((c) => {
      const li = document.createElement("li");
      li.className = "failed";
      li.textContent = `p.${c.page ?? "?"} ${c.check_name}: ${c.subject}: expected ${fmt(c.expected)}, printed ${fmt(c.actual)}${c.box === null ? " (no box found)" : ""}`;
      li.addEventListener("click", () => (c.box !== null ? select(c.box, { scrollPage: true, scrollTable: true }) : goToPage(c.page)));
      list.appendChild(li);
    });
  }
  if (data.rejects.length) {
    problems.insertAdjacentHTML("beforeend", `<h3>Rejects (${data.rejects.length})</h3><ul id="rejects"></ul>`);
    const list = problems.querySelector("#rejects");
    data.rejects.forEach((r) => {
      const li = document.createElement("li");
      li.className = "reject";
      li.textContent = `p.${r.page ?? "?"} ${r.stage} ${r.record_type}: ${r.error} — ${r.payload.slice(0, 200)}`;
      li.addEventListener("click", () => r.page && goToPage(r.page));
      list.appendChild(li);
    });
  }

  // the table: filter by text and kind, at most MAX_ROWS rows at once
  const filter = document.getElementById("filter");
  const kind = document.getElementById("kind");
  const count = document.getElementById("count");
  const haystack = boxes.map((b) => [b.raw, b.v, b.u, b.fy, b.tbl, b.row, b.col, b.m, b.id, `p.${b.p}`].filter((x) => x !== undefined).join(" ").toLowerCase());
  function renderTable() {
    const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    const matches = [];
    for (const b of boxes) {
      if (kind.value && b.k !== kind.value) continue;
      if (words.every((w) => haystack[b.n].includes(w))) matches.push(b);
    }
    count.textContent = matches.length > MAX_ROWS ? `${MAX_ROWS} of ${matches.length}` : `${matches.length}`;
    tbody.innerHTML = matches.slice(0, MAX_ROWS).map((b) =>
      `<tr data-n="${b.n}" class="${failedByBox.has(b.n) ? "failed" : ""}${b.s ? " suspect" : ""}${b.n === selected ? " selected" : ""}"><td>${b.p}</td><td>${b.k}</td><td>${esc(b.raw)}</td><td>${b.v !== undefined ? fmt(b.v) + " " + esc(b.u || "") : ""}</td><td>${b.fy ?? ""}</td><td>${esc(where(b))}</td></tr>`).join("");
  }
  tbody.addEventListener("click", (event) => {
    const row = event.target.closest("tr");
    if (row) select(Number(row.dataset.n), { scrollPage: true });
  });
  filter.addEventListener("input", renderTable);
  kind.addEventListener("change", renderTable);
  document.querySelectorAll(".legend input[data-kind]").forEach((box) =>
    box.addEventListener("change", () => pagesEl.classList.toggle(`hide-${box.dataset.kind}`, !box.checked)));
  renderTable();
  window.gyoseiReview = { data, select, pageSize };
})();
