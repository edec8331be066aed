// casebook's layout probe: never part of an exported page. LayoutProbe adds it to a copy of the
// book, Chromium runs it with --dump-dom, and it writes what it measured as JSON into the
// element with the id casebook-probe, which Swift reads back from the dumped DOM.
(function () {
  "use strict";
  var forbidden = "FORBIDDEN_LINE_STARTS";
  var result = { sheets: [], forbiddenLineStarts: [], overflowingLabels: [], linesChecked: 0, font: "" };
  var blocks = "h1, h2, h3, p, li, dt, dd, td, th";
  document.querySelectorAll(".sheet").forEach(function (sheet) {
    var id = sheet.getAttribute("data-case");
    var box = sheet.getBoundingClientRect();
    var title = sheet.querySelector("h1");
    result.sheets.push({ id: id, title: title ? title.textContent : "", height: box.height, width: box.width });
    if (!result.font && title) { result.font = getComputedStyle(title).fontFamily; }
    // A line starts where a character sits lower than the one before it in the same block.
    // The first line of a block starts the text itself, not a line break: it is not checked.
    sheet.querySelectorAll(blocks).forEach(function (block) {
      if (block.closest("svg") || block.closest(".visually-hidden")) { return; }
      var walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      var previousTop = null;
      var text = block.textContent;
      var offset = 0;
      for (var node = walker.nextNode(); node; node = walker.nextNode()) {
        var value = node.nodeValue;
        for (var i = 0; i < value.length; i++) {
          var range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          var rects = range.getClientRects();
          if (rects.length === 0 || /\s/.test(value[i])) { offset++; continue; }
          var top = rects[0].top;
          if (previousTop !== null && top > previousTop + 2) {
            result.linesChecked++;
            if (forbidden.indexOf(value[i]) >= 0) {
              result.forbiddenLineStarts.push({ id: id, character: value[i],
                context: text.substring(Math.max(0, offset - 8), offset + 8) });
            }
          }
          previousTop = top;
          offset++;
        }
      }
    });
    // Each label of the diagram inside its box, as the browser drew it.
    sheet.querySelectorAll("svg g.actor, svg g.flow-label").forEach(function (group) {
      var rect = group.querySelector("rect");
      var boxWidth = rect.getBBox().width;
      group.querySelectorAll("text").forEach(function (label) {
        var width = label.getComputedTextLength();
        if (width > boxWidth) {
          result.overflowingLabels.push({ id: id, text: label.textContent, textWidth: width, boxWidth: boxWidth });
        }
      });
    });
  });
  var out = document.createElement("pre");
  out.id = "casebook-probe";
  out.textContent = JSON.stringify(result);
  document.body.appendChild(out);
})();
