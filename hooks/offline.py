"""MkDocs hook: what the offline copy needs beyond Material's ``offline`` plugin.

``OFFLINE=true mkdocs build`` (``scripts/offline.py``) turns on Material's documented ``offline``
plugin (mkdocs.yml): links to ``…/index.html`` instead of folders, the search index as a script,
and a Web Worker shim (iframe-worker) for search from ``file://``.  Two things remain, done here
only when that plugin is on (a normal build is not touched):

1. The plugin adds the shim from a CDN (``https://unpkg.com/iframe-worker/shim``) unless a
   polyfill already names iframe-worker.  The site makes no request outside itself: this hook
   serves npm's ``iframe-worker`` (package.json, ``npm ci``) as ``javascripts/iframe-worker.js``
   and puts that in ``extra.polyfills`` instead.
2. Chromium does not run ES modules from ``file://`` (a module needs an origin).  Every
   ``<script type="module" src>`` of the built pages (the playground, the explorables) is
   bundled by npm's esbuild into one classic script beside it (``<name>.offline.js``, an IIFE;
   ``import.meta.url`` becomes the script's own URL) and the tag is pointed at it.  Such a tag
   is raw HTML in a page, written for the site's folder URLs (``../javascripts/…`` from
   ``activations/``): its ``src`` is resolved from the page's folder URL and rewritten relative
   to the page's file (``activations.html``).
3. Links written by hand in raw HTML or in notebooks (mkdocs-jupyter does not rewrite a
   notebook's Markdown links) point at folders: ``../activations/``.  A relative ``href`` that
   names no file from the page's file but names a page from its folder URL is pointed at that
   page's file.  Links MkDocs made from Markdown already name files and are left alone.

tests/test_offline.py opens the offline copy from disk in Chromium and clicks through it.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

log = logging.getLogger("mkdocs.hooks.offline")

ROOT = Path(__file__).resolve().parent.parent
SHIM = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
SHIM_URI = "javascripts/iframe-worker.js"
ESBUILD = ROOT / "node_modules" / ".bin" / "esbuild"
MODULE_TAG = re.compile(r'<script type="module" src="(?P<src>[^"]+)"></script>')
HREF = re.compile(r'(?P<before><a\b[^>]*?\shref=")(?P<href>[^"#?:]*/)(?P<after>(?:#[^"]*)?")')
#: Prepended to each bundle: the URL ``import.meta.url`` stands for (the bundle is written
#: beside its entry module, so URLs relative to it resolve as they did).
BANNER = "var __offline_module_url = document.currentScript.src;"


def _offline(config) -> bool:
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.enabled)


def on_config(config):
    if not _offline(config):
        return config
    if not SHIM.is_file():
        raise PluginError(f"{SHIM.relative_to(ROOT)} not found: run `npm ci` (the offline copy "
                          "serves iframe-worker itself instead of loading it from a CDN)")
    # the offline plugin's on_config ran first (plugins before hooks) and added the CDN URL
    polyfills = [url for url in config.extra.get("polyfills", []) if "iframe-worker" not in url]
    config.extra["polyfills"] = [*polyfills, SHIM_URI]
    # download buttons (overrides/partials/actions.html) for files the copy holds: the PDF when
    # scripts/offline.py copies it in (MLP_OFFLINE_PDF=1), never the zip itself
    downloads = dict(config.extra.get("downloads") or {})
    downloads["offline"] = None
    if os.environ.get("MLP_OFFLINE_PDF") != "1":
        downloads["pdf"] = None
    config.extra["downloads"] = downloads
    return config


def on_files(files, config):
    if _offline(config):
        files.append(File.generated(config, SHIM_URI, abs_src_path=str(SHIM)))
    return files


def bundle(entry: Path) -> Path:
    """Bundle the ES module ``entry`` (and what it imports) into one classic script beside it."""
    out = entry.with_name(entry.stem + ".offline.js")
    run = subprocess.run(
        [str(ESBUILD), str(entry), "--bundle", "--format=iife", "--target=es2020", "--minify",
         "--log-level=warning", "--define:import.meta.url=__offline_module_url",
         f"--banner:js={BANNER}", f"--outfile={out}"],
        capture_output=True, text=True)
    if run.returncode != 0 or run.stderr.strip():
        raise PluginError(f"esbuild could not bundle {entry}:\n{run.stderr}")
    return out


def on_post_build(config):
    if not _offline(config):
        return
    if not ESBUILD.is_file():
        raise PluginError(f"{ESBUILD.relative_to(ROOT)} not found: run `npm ci`")
    site = Path(config.site_dir).resolve()
    bundled: dict[Path, Path] = {}
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        # the folder the page is at with folder URLs: a/b.html -> a/b/, a/index.html -> a/
        folder = page.parent if page.name == "index.html" else page.with_suffix("")

        def classic(match: re.Match) -> str:
            entry = Path(os.path.normpath(folder / match["src"]))
            if site not in entry.parents:
                raise PluginError(f"{page.relative_to(site)}: module {match['src']} is outside the site")
            if entry not in bundled:
                bundled[entry] = bundle(entry)
            src = Path(os.path.relpath(bundled[entry], page.parent)).as_posix()
            return f'<script src="{src}" defer></script>'

        def to_file(match: re.Match) -> str:
            href = match["href"]
            if href.startswith("/") or (page.parent / href).is_file():
                return match.group(0)
            target = Path(os.path.normpath(folder / href))
            candidates = [target / "index.html"] if target == site else [target.with_suffix(".html"), target / "index.html"]
            for candidate in candidates:
                if candidate.is_file() and site in candidate.parents:
                    new = Path(os.path.relpath(candidate, page.parent)).as_posix()
                    return match["before"] + new + match["after"]
            return match.group(0)

        changed = HREF.sub(to_file, MODULE_TAG.sub(classic, html))
        if changed != html:
            page.write_text(changed, encoding="utf-8")
    log.info("offline: %d ES modules bundled into classic scripts", len(bundled))
