"""Renames the template files (*.jinja, *.tmpl) to their final names after generation."""
from pathlib import Path

for path in Path.cwd().rglob("*"):
    for suffix in (".jinja", ".tmpl"):
        if path.name.endswith(suffix):
            path.rename(path.with_name(path.name[: -len(suffix)]))
