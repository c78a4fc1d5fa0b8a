/* The quote picker: served by `briefing serve` only, never part of a built site.
   Select text in a source page's full text: the server finds it as the build will (the same folding, the
   occurrence on the selected line) and answers with a claim stub to paste into the source's YAML. */
(function () {
  "use strict";
  var script = document.currentScript;
  var key = script.getAttribute("data-key");
  var seed = document.querySelector(".seed");
  if (!seed || !key) return;

  var panel = document.createElement("aside");
  panel.id = "briefing-quote";
  panel.setAttribute("aria-label", "Claim stub for the selected passage");
  panel.hidden = true;
  var heading = document.createElement("h2");
  var note = document.createElement("p");
  var stub = document.createElement("pre");
  var copy = document.createElement("button");
  var close = document.createElement("button");
  copy.type = close.type = "button";
  copy.textContent = "Copy";
  close.textContent = "Close";
  panel.append(heading, note, stub, copy, close);
  document.body.appendChild(panel);

  function lineOf(node) {
    var found = null;
    seed.querySelectorAll(".ln").forEach(function (ln) {
      if (ln === node || ln.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING) found = ln;
    });
    return found ? found.getAttribute("data-n") : "";
  }

  function show(answer) {
    heading.textContent = answer.heading;
    note.textContent = answer.note || "";
    stub.textContent = answer.stub || answer.near || "";
    copy.hidden = !answer.stub;
    panel.hidden = false;
  }

  function pick() {
    var selection = window.getSelection();
    var text = String(selection).trim();
    if (!text || !selection.rangeCount || !seed.contains(selection.getRangeAt(0).commonAncestorContainer)) return;
    var line = lineOf(selection.getRangeAt(0).startContainer);
    var query = "key=" + encodeURIComponent(key) + "&line=" + encodeURIComponent(line) + "&text=" + encodeURIComponent(text);
    fetch("/__briefing__/quote?" + query, { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(show)
      .catch(function (error) { show({ heading: "The quote picker failed", note: String(error) }); });
  }

  document.addEventListener("mouseup", function () { setTimeout(pick, 0); });
  document.addEventListener("keyup", function (event) { if (event.shiftKey || event.key === "Shift") pick(); });
  copy.addEventListener("click", function () {
    navigator.clipboard.writeText(stub.textContent).then(function () { copy.textContent = "Copied"; },
      function () { copy.textContent = "Select the text and copy it"; });
    setTimeout(function () { copy.textContent = "Copy"; }, 2000);
  });
  close.addEventListener("click", function () { panel.hidden = true; });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") panel.hidden = true; });
})();
