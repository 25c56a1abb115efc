"""News pages for the web tests: the Wikinews articles wrapped in realistic site furniture.

Each page puts one article of tests/data/wikinews into tests/data/web/page.html, a news
site's template with navigation, a cookie banner, a newsletter box, related stories, reader
comments and a caption, every one of them holding quotes that are not the article's. The
pages are built at test time, so only the template is committed.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from string import Template

DATA = Path(__file__).parent / "data"
WIKINEWS = DATA / "wikinews"
TEMPLATE = DATA / "web" / "page.html"

RELATED = (
    "“We will not back down,” minister says as talks stall",
    "Union leader: “The strike goes on until we are heard”",
    "Mayor says budget cuts are “painful but necessary”",
)


def articles() -> dict[str, str]:
    """The Wikinews articles' plain texts, by file stem."""
    return {path.stem: path.read_text("utf-8") for path in sorted(WIKINEWS.glob("*.txt"))}


def page(stem: str, text: str, canonical: str | None = None) -> str:
    """The HTML page of the article ``text`` (headline, dateline, then paragraphs)."""
    metadata = json.loads((WIKINEWS / "metadata.json").read_text("utf-8")).get(f"{stem}.txt", {})
    headline, dateline, *body = [p.strip() for p in text.split("\n\n") if p.strip()]
    related = "\n".join(
        f'    <li><a href="/a/related-{n}.html">{html.escape(title)}</a></li>'
        for n, title in enumerate(RELATED)
    )
    return Template(TEMPLATE.read_text("utf-8")).substitute(
        title=html.escape(headline),
        author="Wikinews contributors",
        published=metadata.get("published", ""),
        dateline=html.escape(dateline),
        canonical=html.escape(canonical or metadata.get("url", "")),
        body="\n".join(f"    <p>{html.escape(p)}</p>" for p in body),
        related=related,
    )


def write_pages(folder: Path) -> dict[str, Path]:
    """Write every article's page into ``folder``; the paths by stem."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for stem, text in articles().items():
        paths[stem] = folder / f"{stem}.html"
        paths[stem].write_text(page(stem, text), encoding="utf-8")
    return paths
