"""MkDocs hook: the English edition uses the Korean edition's scripts and styles.

docs/javascripts/** and docs/stylesheets/** (the playground's scripts, the site's
styles) are added to the English build as generated files with their
source in docs/, so there is one copy of each.  A file of the same name in
docs_en/ fails the build: shared assets are edited in docs/ only.  In the Korean
build (``docs_dir`` is docs/ itself) the hook does nothing, so that mkdocs.yml can
list it and mkdocs.en.yml inherit the one hooks list.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

SOURCE = "docs"
FOLDERS = ["javascripts", "stylesheets"]


def on_files(files, config):
    source = Path(config.config_file_path).resolve().parent / SOURCE
    if Path(config.docs_dir).resolve() == source.resolve():
        return files  # the edition whose docs_dir holds them: MkDocs adds them itself
    for folder in FOLDERS:
        for path in sorted(p for p in (source / folder).rglob("*") if p.is_file()):
            uri = path.relative_to(source).as_posix()
            if files.get_file_from_path(uri) is not None:
                raise PluginError(f"{config.docs_dir}/{uri} duplicates {SOURCE}/{uri}: "
                                  f"shared assets live in {SOURCE}/ only")
            files.append(File.generated(config, uri, abs_src_path=str(path)))
    return files
