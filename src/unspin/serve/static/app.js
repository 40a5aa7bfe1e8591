/* unspin web page: paste or upload text; check where it is spun (/v1/detect) or restore it (/v1/restore) and
   review each suggestion.
   Plain JavaScript, no dependencies, no network access other than this server. */
(function () {
  "use strict";

  const $ = (id) => document.getElementById(id);
  const els = {
    input: $("input"), file: $("file"), fast: $("fast"), thorough: $("thorough"), run: $("run"), check: $("check"),
    status: $("status"), progress: $("progress"), scoreLabel: $("score-label"),
    results: $("results"), score: $("score"), scoreValue: $("score-value"), scoreVerdict: $("score-verdict"),
    scoreBar: $("score-bar"), scoreDetail: $("score-detail"), decisions: $("decisions"), warnings: $("warnings"),
    spun: $("view-spun"), restored: $("view-restored"), diff: $("view-diff"),
    diffSpun: $("diff-spun"), diffRestored: $("diff-restored"),
    acceptAll: $("accept-all"), rejectAll: $("reject-all"), download: $("download"),
    pop: $("popover"), popSpun: $("pop-spun"), popOriginal: $("pop-original"), popConfidence: $("pop-confidence"),
    popKnown: $("pop-known"), popAlts: $("pop-alts"), popAltsRow: $("pop-alts-row"),
    popAccept: $("pop-accept"), popReject: $("pop-reject"), popUndo: $("pop-undo"),
  };

  // state.text: the text that was restored or checked; state.edits: the server's edits (restore) or flagged spans
  // (detect) with UTF-16 offsets and a decision each; state.mode: which of the two the results show.
  const state = { text: "", edits: [], mode: "restore", view: "spun", fileName: null, maxBytes: 1024 * 1024,
                  active: null, pinned: false };

  /* ---------- server ---------- */

  fetch("/health").then((r) => r.ok ? r.json() : null).then((h) => {
    if (!h) return;
    if (h.max_bytes) state.maxBytes = h.max_bytes;
    if (h.default_mode === "fast") els.fast.checked = true;
    syncThorough();
  }).catch(() => {});

  // The fast path has no second reading, so a thorough check needs the language model.
  function syncThorough() {
    els.thorough.disabled = els.fast.checked;
    if (els.fast.checked) els.thorough.checked = false;
  }
  els.fast.addEventListener("change", syncThorough);

  async function postJSON(path, body) {
    let resp;
    try {
      resp = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    } catch (err) {
      throw new Error("cannot reach the unspin server (is it still running?)");
    }
    let data = null;
    try { data = await resp.json(); } catch (err) { /* not JSON */ }
    if (!resp.ok) {
      const msg = data && data.error ? data.error.message : `the server answered ${resp.status}`;
      throw new Error(msg);
    }
    return data;
  }

  function setStatus(text, isError) {
    els.status.textContent = text;
    els.status.classList.toggle("error", !!isError);
  }

  // mode "restore": what did the text say before it was spun; "detect": is it spun, and where.
  async function run(mode) {
    const text = els.input.value;
    if (!text.trim()) { setStatus("Paste or upload some text first.", true); els.input.focus(); return; }
    const bytes = new TextEncoder().encode(text).length;
    if (bytes > state.maxBytes) {
      setStatus(`This text is ${bytes.toLocaleString()} bytes; the server accepts up to ${state.maxBytes.toLocaleString()}. Split it into parts.`, true);
      return;
    }
    const words = (text.match(/\S+/g) || []).length;
    const button = mode === "detect" ? els.check : els.run;
    els.run.disabled = els.check.disabled = true;
    button.setAttribute("aria-busy", "true");
    const fast = els.fast.checked;
    const started = performance.now();
    setStatus(`${mode === "detect" ? "Checking" : "Restoring"} ${words.toLocaleString()} words…`);
    const ticker = setInterval(() => progress(words, fast, started), 1000);
    try {
      const result = mode === "detect"
        ? await postJSON("/v1/detect", { text, fast, thorough: els.thorough.checked })
        : await postJSON("/v1/restore", { text, fast });
      const found = mode === "detect" ? result.spans : result.edits;
      showResult(text, mode, result, found);
      const secs = ((performance.now() - started) / 1000).toFixed(1);
      const n = found.length;
      const what = mode === "detect" ? `span${n === 1 ? "" : "s"} flagged` : `suggestion${n === 1 ? "" : "s"}`;
      setStatus(`Done in ${secs} s: ${n} ${what}.`);
    } catch (err) {
      setStatus(err.message, true);
    } finally {
      clearInterval(ticker);
      els.progress.textContent = "";
      els.run.disabled = els.check.disabled = false;
      button.removeAttribute("aria-busy");
    }
  }

  // While a long restoration runs: elapsed time, and how many other requests the model is working through.
  async function progress(words, fast, started) {
    const secs = Math.round((performance.now() - started) / 1000);
    let extra = "";
    try {
      const h = await (await fetch("/health")).json();
      const ahead = (h.queued[fast ? "fast" : "full"] || 1) - 1;
      if (ahead > 0) extra = ` The model is also busy with ${ahead} other request${ahead === 1 ? "" : "s"}.`;
    } catch (err) { /* the answer will tell */ }
    if (els.run.disabled) {
      const hint = !fast && secs >= 10 ? " Fast mode answers much sooner." : "";
      els.progress.textContent = `${secs} s.${extra}${hint}`;  // visual only: the status line is announced once
    }
  }

  /* ---------- offsets: the server counts code points, JavaScript strings count UTF-16 units ---------- */

  function codePointToUnitMap(text) {
    if (!/[\uD800-\uDFFF]/.test(text)) return null;
    const map = [];
    let unit = 0;
    for (const ch of text) { map.push(unit); unit += ch.length; }
    map.push(unit);
    return map;
  }

  /* A listed tortured phrase, or a new disguise of a listed phrase's expected wording (named in full). */
  function knownLabel(e) {
    if (e.known_tortured) return "Known tortured phrase";
    if (e.known_term) return `Disguise of the known term “${e.expected_wording || e.original}”`;
    return "";
  }

  function prepareEdits(text, edits) {
    const map = codePointToUnitMap(text);
    const conv = (i) => (map ? map[Math.min(i, map.length - 1)] : i);
    const out = [];
    let lastEnd = 0;
    edits.slice().sort((a, b) => a.start - b.start).forEach((e) => {
      const start = conv(e.start), end = conv(e.end);
      if (start < lastEnd || end < start || end > text.length) return; // overlapping or out of range: skip
      out.push({
        start, end, spun: text.slice(start, end), original: e.original,
        confidence: Number(e.confidence) || 0, alternatives: (e.alternatives || []).filter((a) => a !== e.original),
        known: knownLabel(e), status: "pending", choice: e.original,
      });
      lastEnd = end;
    });
    return out;
  }

  /* ---------- rendering ---------- */

  function confidenceClass(c) { return c >= 0.8 ? "conf-high" : c >= 0.5 ? "conf-medium" : "conf-low"; }
  function applied(e) { return e.status !== "rejected"; }
  function replacement(e) { return applied(e) ? e.choice : e.spun; }
  function pct(x) { return `${Math.round(x * 100)}%`; }

  function restoredText() {
    let out = "", pos = 0;
    for (const e of state.edits) { out += state.text.slice(pos, e.start) + replacement(e); pos = e.end; }
    return out + state.text.slice(pos);
  }

  function describe(e, shown) {
    if (state.mode === "detect") return `${shown}: probably spun, likely original “${e.choice}”, ${pct(e.confidence)} confident`;
    const what = e.status === "accepted" ? "accepted" : e.status === "rejected" ? "rejected, spun wording kept" : "not reviewed";
    return `${shown}: spun “${e.spun}”, likely original “${e.choice}”, ${pct(e.confidence)} confident, ${what}`;
  }

  function markFor(e, i, shown) {
    const m = document.createElement("mark");
    m.textContent = shown;
    m.dataset.index = String(i);
    m.tabIndex = 0;
    m.setAttribute("role", "button");
    m.setAttribute("aria-label", describe(e, shown));
    m.setAttribute("aria-describedby", "kbd-help");
    m.className = e.status === "pending" ? confidenceClass(e.confidence) : e.status;
    return m;
  }

  function renderInteractive(container, restored) {
    const frag = document.createDocumentFragment();
    let pos = 0;
    state.edits.forEach((e, i) => {
      frag.append(state.text.slice(pos, e.start));
      frag.append(markFor(e, i, restored ? replacement(e) : e.spun));
      pos = e.end;
    });
    frag.append(state.text.slice(pos));
    container.replaceChildren(frag);
  }

  function renderDiff() {
    const left = document.createDocumentFragment(), right = document.createDocumentFragment();
    let pos = 0;
    state.edits.forEach((e) => {
      const between = state.text.slice(pos, e.start);
      left.append(between); right.append(between);
      if (applied(e) && e.choice !== e.spun) {
        const del = document.createElement("del"); del.textContent = e.spun; left.append(del);
        const ins = document.createElement("ins"); ins.textContent = e.choice; right.append(ins);
      } else {
        left.append(e.spun); right.append(e.spun);
      }
      pos = e.end;
    });
    const tail = state.text.slice(pos);
    left.append(tail); right.append(tail);
    els.diffSpun.replaceChildren(left);
    els.diffRestored.replaceChildren(right);
  }

  function renderDecisions() {
    const n = state.edits.length;
    const acc = state.edits.filter((e) => e.status === "accepted").length;
    const rej = state.edits.filter((e) => e.status === "rejected").length;
    if (state.mode === "detect") {
      els.decisions.textContent = n === 0 ? "No spun spans found."
        : `${n} span${n === 1 ? "" : "s"} flagged as probably spun; Restore reads the text again to choose originals.`;
      return;
    }
    els.decisions.textContent = n === 0
      ? "No substitutions found."
      : `${n} suggestion${n === 1 ? "" : "s"}: ${acc} accepted, ${rej} rejected, ${n - acc - rej} not reviewed (applied unless rejected).`;
    els.acceptAll.disabled = els.rejectAll.disabled = n === 0;
  }

  function render() {
    // Keep keyboard users where they were: on the same word, whether focus was on it or in its details.
    const focused = document.activeElement;
    let refocus = null;
    if (focused && focused.tagName === "MARK") {
      refocus = { view: focused.closest(".doc").dataset.view, index: focused.dataset.index };
    } else if (focused && els.pop.contains(focused) && state.active) {
      refocus = { view: state.active.closest(".doc").dataset.view, index: state.active.dataset.index };
    }
    hidePopover();
    renderInteractive(els.spun, false);
    renderInteractive(els.restored, true);
    renderDiff();
    renderDecisions();
    if (refocus) {
      const again = document.querySelector(`.doc[data-view="${refocus.view}"] mark[data-index="${refocus.index}"]`);
      if (again) { again.focus(); showPopover(again); }
    }
  }

  function showResult(text, mode, result, found) {
    state.text = text;
    state.mode = mode;
    state.edits = prepareEdits(text, found || []);
    document.body.classList.toggle("detect-mode", mode === "detect");
    if (mode === "detect") setView("spun");
    const score = Math.max(0, Math.min(1, Number(mode === "detect" ? result.probability : result.spin_score) || 0));
    const band = score >= 0.8 ? ["band-high", "very likely spun"] : score >= 0.5 ? ["band-high", "probably spun"]
      : score >= 0.2 ? ["band-mid", "probably not spun"] : ["band-low", "no sign of spinning"];
    els.score.className = `score ${band[0]}`;
    els.scoreValue.textContent = pct(score);
    els.scoreVerdict.textContent = `— ${band[1]}`;
    els.scoreBar.style.width = pct(score);
    els.scoreLabel.textContent = mode === "detect" ? "Spin probability" : "Spin score";
    els.scoreDetail.textContent = `The chance that a spinner rewrote this text. About ${pct(result.spin_rate || 0)} of its `
      + `${(result.words || 0).toLocaleString()} words look substituted.`
      + (result.known_spinner ? ` It matches the known spinner “${result.known_spinner}” and was read with its swaps.`
        : result.hinted_spinner ? ` It shows some habits of the known spinner “${result.hinted_spinner}”, whose swaps were `
          + "offered among the candidates." : "");
    const warnings = result.warnings || [];
    els.warnings.hidden = warnings.length === 0;
    els.warnings.textContent = warnings.join(" ");
    els.results.hidden = false;
    render();
  }

  /* ---------- decisions ---------- */

  function decide(i, status, choice) {
    const e = state.edits[i];
    if (!e || state.mode === "detect") return;  // flagged spans are shown, not applied
    e.status = status;
    if (choice !== undefined) e.choice = choice;
    render();
  }

  function setAll(status) {
    state.edits.forEach((e) => { e.status = status; });
    render();
  }

  /* ---------- popover: hover, focus or tap a highlight ---------- */

  let hideTimer = null;

  function showPopover(mark) {
    clearTimeout(hideTimer);
    const i = Number(mark.dataset.index);
    const e = state.edits[i];
    if (!e) return;
    if (state.active && state.active !== mark) {
      state.active.classList.remove("active");
      state.pinned = false;  // a tap pins one word's details; another word starts unpinned
    }
    state.active = mark;
    mark.classList.add("active");
    els.pop.dataset.index = String(i);
    els.popSpun.textContent = e.spun;
    els.popOriginal.textContent = e.choice;
    els.popConfidence.textContent = pct(e.confidence);
    els.popKnown.hidden = !e.known;
    els.popKnown.textContent = e.known;
    const choices = state.mode === "detect" ? [] : [e.original, ...e.alternatives].filter((c) => c !== e.choice);
    els.popAltsRow.hidden = choices.length === 0;
    els.popAlts.replaceChildren(...choices.map((c) => {
      const b = document.createElement("button");
      b.type = "button"; b.className = "button small"; b.textContent = c; b.tabIndex = -1;
      b.setAttribute("aria-label", `Use “${c}” instead`);
      b.addEventListener("click", () => decide(i, "accepted", c));
      return b;
    }));
    els.popAccept.hidden = e.status === "accepted";
    els.popReject.hidden = e.status === "rejected";
    els.popUndo.hidden = e.status === "pending";
    // Sit right after the mark in the DOM so Tab moves from the word into its buttons.
    // Start at the corner: a stale position could widen the page for a moment, and a phone
    // browser would then zoom out and move the word from under the user's finger.
    els.pop.style.left = "0px";
    els.pop.style.top = "0px";
    mark.after(els.pop);
    els.pop.hidden = false;
    place();
  }

  // Fixed to the window, so the details never change the page's height (which would scroll the page under a
  // finger at the bottom of the text); under the word, or above it when there is no room below.
  function place() {
    const mark = state.active;
    if (!mark || els.pop.hidden) return;
    const margin = 8;
    const mr = mark.getBoundingClientRect();
    const width = els.pop.offsetWidth, height = els.pop.offsetHeight;
    const viewW = document.documentElement.clientWidth, viewH = window.innerHeight;
    const left = Math.max(margin, Math.min(mr.left, viewW - width - margin));
    let top = mr.bottom + 4;
    if (top + height > viewH - margin && mr.top - height - 4 >= margin) top = mr.top - height - 4;
    els.pop.style.left = `${left}px`;
    els.pop.style.top = `${top}px`;
  }

  function hidePopover() {
    clearTimeout(hideTimer);
    els.pop.hidden = true;
    state.pinned = false;
    if (state.active) state.active.classList.remove("active");
    state.active = null;
    document.body.append(els.pop);
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    if (state.pinned) return;
    hideTimer = setTimeout(() => {
      if (!els.pop.contains(document.activeElement) && !(state.active && state.active === document.activeElement)) hidePopover();
    }, 250);
  }

  // The details' buttons stay out of the Tab order (Tab goes word to word); Down arrow enters them.
  function popButtons() { return Array.from(els.pop.querySelectorAll("button")).filter((b) => !b.hidden); }

  function popIndex() { return Number(els.pop.dataset.index); }
  els.popAccept.addEventListener("click", () => decide(popIndex(), "accepted"));
  els.popReject.addEventListener("click", () => decide(popIndex(), "rejected"));
  els.popUndo.addEventListener("click", () => {
    const e = state.edits[popIndex()];
    decide(popIndex(), "pending", e ? e.original : undefined);
  });
  els.pop.addEventListener("mouseenter", () => clearTimeout(hideTimer));
  els.pop.addEventListener("mouseleave", hideSoon);
  els.pop.addEventListener("focusout", (ev) => {
    if (!els.pop.contains(ev.relatedTarget) && ev.relatedTarget !== state.active) hideSoon();
  });
  els.pop.addEventListener("keydown", (ev) => {
    const buttons = popButtons();
    const at = buttons.indexOf(document.activeElement);
    if (ev.key === "Escape" && state.active) { const m = state.active; hidePopover(); m.focus(); }
    else if (ev.key === "ArrowRight" || ev.key === "ArrowDown") { ev.preventDefault(); buttons[(at + 1) % buttons.length].focus(); }
    else if (ev.key === "ArrowLeft" || ev.key === "ArrowUp") {
      ev.preventDefault();
      if (at <= 0 && state.active) state.active.focus(); else buttons[at - 1].focus();
    }
  });

  [els.spun, els.restored].forEach((doc) => {
    doc.addEventListener("mouseover", (ev) => {
      const m = ev.target.closest("mark");
      if (m && doc.contains(m) && m !== state.active) showPopover(m);
      else if (m) clearTimeout(hideTimer);
    });
    doc.addEventListener("mouseout", (ev) => {
      const m = ev.target.closest("mark");
      if (m && !els.pop.contains(ev.relatedTarget) && ev.relatedTarget !== m) hideSoon();
    });
    doc.addEventListener("focusin", (ev) => {
      const m = ev.target.closest("mark");
      if (m && m !== state.active) showPopover(m);
    });
    doc.addEventListener("focusout", (ev) => {
      const m = ev.target.closest("mark");
      if (m && !els.pop.contains(ev.relatedTarget)) hideSoon();
    });
    doc.addEventListener("click", (ev) => {
      const m = ev.target.closest("mark");
      if (!m) return;
      // A tap on a phone: pin the details open until the next tap elsewhere.
      if (state.active === m && state.pinned) { hidePopover(); return; }
      showPopover(m);
      state.pinned = true;
    });
    doc.addEventListener("keydown", (ev) => {
      const m = ev.target.closest && ev.target.closest("mark");
      if (!m) return;
      const i = Number(m.dataset.index);
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); decide(i, "accepted"); }
      else if (ev.key === "Delete" || ev.key === "Backspace") { ev.preventDefault(); decide(i, "rejected"); }
      else if (ev.key === "Escape") { hidePopover(); }
      else if (ev.key === "ArrowDown") {
        ev.preventDefault();
        if (state.active !== m) showPopover(m);
        const buttons = popButtons();
        if (buttons.length) buttons[0].focus();
      }
    });
  });

  document.addEventListener("click", (ev) => {
    if (!els.pop.hidden && !els.pop.contains(ev.target) && !(ev.target.closest && ev.target.closest("mark"))) hidePopover();
  });
  window.addEventListener("resize", place);
  window.addEventListener("scroll", place, { passive: true });

  /* ---------- views, download, upload ---------- */

  function setView(view) {
    state.view = view;
    hidePopover();
    els.spun.hidden = view !== "spun";
    els.restored.hidden = view !== "restored";
    els.diff.hidden = view !== "diff";
  }
  document.querySelectorAll('input[name="view"]').forEach((r) => r.addEventListener("change", () => setView(r.value)));

  els.acceptAll.addEventListener("click", () => setAll("accepted"));
  els.rejectAll.addEventListener("click", () => setAll("rejected"));

  els.download.addEventListener("click", () => {
    const blob = new Blob([restoredText()], { type: "text/plain;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    const base = state.fileName ? state.fileName.replace(/\.[^.]*$/, "") : "text";
    a.href = url; a.download = `${base}-restored.txt`;
    document.body.append(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });

  function loadFile(file) {
    if (!file) return;
    if (file.size > state.maxBytes) {
      setStatus(`${file.name} is ${file.size.toLocaleString()} bytes; the server accepts up to ${state.maxBytes.toLocaleString()}.`, true);
      return;
    }
    const reader = new FileReader();
    reader.onload = async () => {
      let text = String(reader.result).replace(/^\uFEFF/, "");
      if (text.includes("\u0000")) { setStatus(`${file.name} looks like a binary file, not text.`, true); return; }
      const page = /\.x?html?$/i.test(file.name) || /^\s*(<!doctype html|<html[\s>])/i.test(text);
      if (page) {
        setStatus(`Finding the main text of ${file.name}…`);
        try { text = (await postJSON("/v1/extract", { html: text })).text; } catch (err) { setStatus(`${file.name}: ${err.message}.`, true); return; }
      }
      els.input.value = text;
      state.fileName = file.name;
      setStatus(page ? `Loaded the main text of ${file.name} (menus, ads and scripts left out). Press Check where or Restore.`
                     : `Loaded ${file.name}. Press Check where or Restore.`);
      els.run.focus();
    };
    reader.onerror = () => setStatus(`Cannot read ${file.name}.`, true);
    reader.readAsText(file, "utf-8");
  }
  els.file.addEventListener("change", () => { loadFile(els.file.files[0]); els.file.value = ""; });
  els.input.addEventListener("dragover", (ev) => { ev.preventDefault(); els.input.classList.add("dragging"); });
  els.input.addEventListener("dragleave", () => els.input.classList.remove("dragging"));
  els.input.addEventListener("drop", (ev) => {
    ev.preventDefault(); els.input.classList.remove("dragging");
    if (ev.dataTransfer.files.length) loadFile(ev.dataTransfer.files[0]);
  });
  els.input.addEventListener("input", () => { if (!els.input.value) state.fileName = null; });
  els.input.addEventListener("keydown", (ev) => { if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) run("restore"); });

  els.run.addEventListener("click", () => run("restore"));
  els.check.addEventListener("click", () => run("detect"));

  // For tests and debugging: the text the download button would save.
  window.unspinRestoredText = restoredText;
})();
