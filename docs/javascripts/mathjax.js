// MathJax 3 configuration. MathJax itself is served by the site
// (assets/mathjax/, added by hooks/mathjax.py); no CDN.
//
// Math is typeset on every page Material shows (document$), not at startup:
// typesetting at startup left blank glyphs on the first page in Chromium.
(function () {
  // assets/mathjax/ relative to this script, so that nested pages
  // (use_directory_urls) load extensions and fonts from the site.
  var base = new URL("../assets/mathjax", document.currentScript.src).href;
  var resolveReady;
  var ready = new Promise(function (resolve) { resolveReady = resolve; });
  var queue = Promise.resolve();

  window.MathJax = {
    loader: { paths: { mathjax: base } },
    tex: {
      // arithmatex (generic) writes \( \) and \[ \]; notebook Markdown cells use $ and $$.
      // Only the elements of processHtmlClass are searched, so a $ elsewhere is text.
      inlineMath: [["\\(", "\\)"], ["$", "$"]],
      displayMath: [["\\[", "\\]"], ["$$", "$$"]],
      processEscapes: true,
      processEnvironments: true,
    },
    options: {
      // Only math that arithmatex marked, and math in notebook cells.
      ignoreHtmlClass: ".+",
      processHtmlClass: "arithmatex|jp-RenderedMarkdown|jp-MarkdownOutput|text_cell_render",
    },
    startup: {
      typeset: false,
      ready: function () {
        MathJax.startup.defaultReady();
        MathJax.startup.promise.then(resolveReady);
      },
    },
  };

  document$.subscribe(function () {
    queue = queue.then(function () { return ready; }).then(function () {
      MathJax.startup.output.clearCache();
      MathJax.typesetClear();
      MathJax.texReset();
      return MathJax.typesetPromise();
    }).catch(function (error) {
      console.error("MathJax typesetting failed:", error);
    });
    window.mathTypeset = queue;  // resolves when this page's math is typeset (tests wait on it)
  });
})();
