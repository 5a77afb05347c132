// Run by scripts/pdf.py in the edition's home page (page.evaluate): replaces the page's content
// by the book and resolves to {pages: [URL paths in book order], problems: [...]}.
async ({labels, skip, listOnly}) => {
  const problems = [];
  const root = new URL("./", location.href);          // the edition's root
  const inBook = url => url.origin === root.origin && url.pathname.startsWith(root.pathname);
  const pathOf = url => url.pathname.slice(root.pathname.length);   // "", "backprop/", ...

  // 1. The pages, in the navigation's order (the sidebar lists every page of the nav).
  const order = [];
  for (const a of document.querySelectorAll(".md-nav--primary a.md-nav__link[href]")) {
    const url = new URL(a.getAttribute("href"), location.href);
    url.hash = "";
    if (!inBook(url) || !url.pathname.endsWith("/")) continue;
    const path = pathOf(url);
    if (skip.some(prefix => path.startsWith(prefix)) || order.includes(path)) continue;
    order.push(path);
  }
  if (!order.includes("")) order.unshift("");
  if (listOnly) return {pages: order, problems};
  const number = new Map(order.map((path, i) => [path, i + 1]));
  // Ids in the book: p<page>-<k>, short (PDF names destinations by them; a name of more than 127
  // bytes, e.g. a percent-encoded Hangul heading id, is an error for PDF readers).
  const short = new Map();
  const anchor = (n, id) => {
    if (!id) return `p${n}`;
    const key = `${n} ${id}`;
    if (!short.has(key)) short.set(key, `p${n}-${short.size + 1}`);
    return short.get(key);
  };

  // 2. Each page's article, its ids made unique and its links pointing inside the book.
  const glyphs = document.querySelector("#MJX-SVG-global-cache defs") || (() => {
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.id = "MJX-SVG-global-cache";
    svg.style.display = "none";
    svg.appendChild(document.createElementNS("http://www.w3.org/2000/svg", "defs"));
    document.body.prepend(svg);
    return svg.firstChild;
  })();
  const haveGlyph = new Set([...glyphs.children].map(e => e.id));
  const haveStyle = new Set([...document.head.querySelectorAll("style")].map(s => s.textContent));
  const sections = [];
  for (const path of order) {
    const n = number.get(path);
    const pageUrl = new URL(path, root);
    const response = await fetch(pageUrl);
    if (!response.ok) { problems.push(`${path || "/"}: HTTP ${response.status}`); continue; }
    const doc = new DOMParser().parseFromString(await response.text(), "text/html");
    const article = doc.querySelector("article.md-content__inner");
    if (!article) { problems.push(`${path || "/"}: no <article>`); continue; }
    for (const def of doc.querySelectorAll("#MJX-SVG-global-cache defs > *"))
      if (!haveGlyph.has(def.id)) { haveGlyph.add(def.id); glyphs.appendChild(document.importNode(def, true)); }
    for (const style of doc.head.querySelectorAll("style"))
      if (!haveStyle.has(style.textContent)) { haveStyle.add(style.textContent); document.head.appendChild(document.importNode(style, true)); }

    // what a printed page has no use for
    article.querySelectorAll("script, .md-content__button, .md-source-file, a.headerlink, a.anchor-link, " +
                             ".md-feedback, [data-print-skip]").forEach(e => e.remove());
    // interactive parts: a line with a link to the page on the site instead
    for (const live of article.querySelectorAll("[data-explorable], [data-playground], .playground")) {
      const note = doc.createElement("p");
      note.className = "book-online";
      const link = doc.createElement("a");
      link.href = path;
      link.textContent = path || "./";
      note.append(labels.online + " ", link);
      live.replaceWith(note);
    }
    article.querySelectorAll("details").forEach(d => d.setAttribute("open", ""));  // answers shown
    const ids = new Set([...article.querySelectorAll("[id]")].map(e => e.id));
    for (const e of article.querySelectorAll("[id]")) e.id = anchor(n, e.id);
    for (const e of article.querySelectorAll("label[for]"))
      if (ids.has(e.htmlFor)) e.htmlFor = anchor(n, e.htmlFor);
    for (const name of ["aria-labelledby", "aria-describedby", "aria-controls"])
      for (const e of article.querySelectorAll(`[${name}]`))
        e.setAttribute(name, e.getAttribute(name).split(/\s+/).map(t => ids.has(t) ? anchor(n, t) : t).join(" "));
    for (const e of article.querySelectorAll("[href], [*|href]")) {
      for (const attr of ["href", "xlink:href"]) {
        const value = e.getAttribute(attr);
        if (value === null) continue;
        if (value.startsWith("#")) {            // inside the page (math glyphs keep their ids)
          const id = decodeURIComponent(value.slice(1));
          if (ids.has(id)) e.setAttribute(attr, "#" + anchor(n, id));
          continue;
        }
        const url = new URL(value, pageUrl);
        const target = new URL(url); target.hash = "";
        const targetPath = inBook(target) ? pathOf(target) : null;
        if (targetPath !== null && number.has(targetPath)) {     // another page of the book
          const id = decodeURIComponent(url.hash.slice(1));
          e.setAttribute(attr, "#" + anchor(number.get(targetPath), id));
        } else if (targetPath !== null) {                          // a file of the site: relative
          e.setAttribute(attr, targetPath + url.hash);
        }                                                          // elsewhere: as it is
      }
    }
    for (const img of article.querySelectorAll("img")) {
      img.src = new URL(img.getAttribute("src"), pageUrl).href;
      img.removeAttribute("srcset");
      img.loading = "eager";
    }
    const section = document.createElement("section");
    section.className = "book-page";
    section.id = anchor(n);
    section.dataset.path = path;
    section.append(...[...article.childNodes].map(node => document.importNode(node, true)));
    sections.push(section);
  }

  // 3. The cover and the table of contents.
  const title = document.querySelector(".md-header__topic .md-ellipsis");
  const cover = document.createElement("section");
  cover.className = "book-cover";
  const heading = document.createElement("p");
  heading.className = "book-title";
  heading.textContent = (title ? title.textContent : document.title).trim();
  const edition = document.createElement("p");
  edition.className = "book-edition";
  edition.textContent = labels.edition;
  cover.append(heading, edition);
  const contents = document.createElement("nav");
  contents.className = "book-contents";
  const contentsTitle = document.createElement("h1");
  contentsTitle.textContent = labels.contents;
  contentsTitle.id = "book-contents";
  const list = document.createElement("ol");
  for (const section of sections) {
    const h1 = section.querySelector("h1");
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = "#" + section.id;
    link.textContent = h1 ? h1.textContent.trim() : section.dataset.path;
    item.append(link);
    list.append(item);
  }
  contents.append(contentsTitle, list);

  const content = document.querySelector("article.md-content__inner");
  content.replaceChildren(cover, contents, ...sections);
  document.documentElement.classList.add("book");
  return {pages: sections.map(s => s.dataset.path), problems};
}
