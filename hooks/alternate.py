"""MkDocs hook: the language switcher leads to the same page in the other edition.

Each edition is its own build (mkdocs.yml → site/, mkdocs.en.yml → site/en/).
``extra.alternate`` lists the editions; each entry's ``link`` is that edition's
root relative to site/ (``./``, ``en/``) and ``extra.edition`` names the edition
being built.  For every page this hook sets ``href`` on each entry: a URL relative
to the page, to the page with the same URL in that edition — from the Korean
``activations/``, ``../en/activations/``; from the English ``activations/``,
``../../activations/``.  overrides/partials/alternate.html shows ``href``
(the 404 page, served at any path, links each edition's home root-absolute).

Material's ``<link rel="alternate">`` tags are left out of the page head
(overrides/main.html): its script fetches ``sitemap.xml`` next to every such
link (a 404 beside a page) and redirects clicks on them to the edition's home.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError


def _roots(config) -> dict[str, str]:
    """{lang: edition root relative to site/}, checked."""
    alternates = config.extra.get("alternate") or []
    edition = config.extra.get("edition")
    roots = {}
    for alt in alternates:
        root = alt["link"].removeprefix("./")
        if root and not root.endswith("/") or root.startswith(("/", "..")) or "://" in root:
            raise PluginError(f"extra.alternate: link {alt['link']!r} must be a folder below site/, like 'en/'")
        roots[alt["lang"]] = root
    if edition not in roots:
        raise PluginError(f"extra.edition {edition!r} must be one of the extra.alternate langs {list(roots)}")
    return roots


def alternate_url(page_url: str, edition: str, target: str, roots: dict[str, str]) -> str:
    """URL, relative to the page at ``page_url`` of ``edition``, of the same page in ``target``.

    >>> roots = {"ko": "", "en": "en/"}
    >>> alternate_url("activations/", "ko", "en", roots)
    '../en/activations/'
    >>> alternate_url("activations/", "en", "ko", roots)
    '../../activations/'
    >>> alternate_url("", "ko", "en", roots), alternate_url("", "en", "ko", roots)
    ('en/', '../')
    >>> alternate_url("notebooks/01_activations/", "en", "ko", roots)
    '../../../notebooks/01_activations/'
    >>> alternate_url("activations/", "en", "en", roots)
    './'

    In the offline copy pages are files (``use_directory_urls: false``, scripts/offline.py):

    >>> alternate_url("notebooks/01_activations.html", "en", "ko", roots)
    '../../notebooks/01_activations.html'
    >>> alternate_url("notebooks/01_activations.html", "ko", "ko", roots)
    '01_activations.html'
    """
    if target == edition:
        return page_url.rsplit("/", 1)[-1] if page_url.endswith(".html") else "./"
    up_to_edition_root = "../" * page_url.count("/")
    up_to_site_root = "../" * roots[edition].count("/")
    return (up_to_edition_root + up_to_site_root + roots[target] + page_url) or "./"


def on_config(config):
    _roots(config)  # fail early on a wrong setting
    return config


def on_template_context(context, template_name, config):
    """Static pages (404.html) are served at any path: link each edition's home, root-absolute."""
    for alt in config.extra["alternate"]:
        alt["href"] = "/" + _roots(config)[alt["lang"]]
    return context


def on_page_context(context, page, config, nav):
    roots = _roots(config)
    edition = config.extra["edition"]
    for alt in config.extra["alternate"]:
        alt["href"] = alternate_url(page.url, edition, alt["lang"], roots)
    return context
