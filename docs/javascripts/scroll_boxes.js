// Scroll boxes (hooks/scroll_boxes.py marks them data-scroll-box, each with tabindex="0"):
// a box is a tab stop only while its content is wider or taller than the box, so that a
// keyboard can scroll every box that scrolls and skips those that do not.  Whether a box
// scrolls depends on the window's width, the zoom and the fonts: each box and its content are
// watched, and the boxes are looked at again once the fonts are ready.  Material's script sets
// a code block's tabindex once, when the block comes into view, and not after a resize: a
// change of tabindex made by anything else is checked and put right.  A box in a block that
// the browser skips while off screen (perf.css) keeps its tab stop until the block is drawn.
(() => {
  const boxes = [...document.querySelectorAll("[data-scroll-box]")];
  if (!boxes.length || !("ResizeObserver" in window)) return;  // every box keeps its tabindex
  const update = box => {
    // A box the browser skips while it is off screen (content-visibility: auto, perf.css) is
    // not resized with the window: it stays a tab stop until it is drawn (see below).
    const drawn = !box.checkVisibility || box.checkVisibility({contentVisibilityAuto: true});
    const scrolls = !drawn ||
      box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1;
    const stop = box.getAttribute("tabindex") === "0";
    if (scrolls && !stop) box.setAttribute("tabindex", "0");
    else if (!scrolls && box.hasAttribute("tabindex")) box.removeAttribute("tabindex");
  };
  const resized = new ResizeObserver(entries => {
    for (const entry of entries) update(entry.target.closest("[data-scroll-box]"));
  });
  const changed = new MutationObserver(records => records.forEach(r => update(r.target)));
  for (const box of boxes) {
    resized.observe(box);
    if (box.firstElementChild) resized.observe(box.firstElementChild);
    changed.observe(box, {attributes: true, attributeFilter: ["tabindex"]});
  }
  // A skipped block is drawn when it comes near the window, or when Tab reaches a box in it.
  document.addEventListener("contentvisibilityautostatechange", event => {
    if (!event.skipped) event.target.querySelectorAll("[data-scroll-box]").forEach(update);
    if (!event.skipped && event.target.matches("[data-scroll-box]")) update(event.target);
  }, true);
  // A box the browser skips is not resized, so the ResizeObserver says nothing of it when the
  // window changes: every box is looked at again once per frame in which the window changed.
  let pending = false;
  window.addEventListener("resize", () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; boxes.forEach(update); });
  });
  if (document.fonts) document.fonts.ready.then(() => boxes.forEach(update));
})();
