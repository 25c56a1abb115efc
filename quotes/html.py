"""Reading an HTML page: its main text and metadata, through trafilatura, with a fallback.

trafilatura (Apache-2.0) finds the article among the page's navigation, banners, related
stories and comments, and reads its title, byline, date, site name and canonical URL. When
it finds no main text, every visible block of the page is kept instead (``html_to_text``).
The stored text has one paragraph per block, paragraphs separated by blank lines; quote
offsets refer to it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Tags that end an unclosed <svg> or <math>: in HTML5 these break out of foreign content
# (the "any other start tag" rule of the HTML parsing spec). Without this an unclosed <svg>
# (an icon with a typo) swallows every later paragraph, since SVG is never read as text.
BREAKOUT = {
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "i",
    "img",
    "li",
    "listing",
    "menu",
    "meta",
    "nobr",
    "ol",
    "p",
    "pre",
    "ruby",
    "s",
    "small",
    "span",
    "strong",
    "strike",
    "sub",
    "sup",
    "table",
    "tt",
    "u",
    "ul",
    "var",
}
FOREIGN = ("svg", "math")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*?(/?)>")
_RAW_TEXT = re.compile(r"<(script|style|textarea|title)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)

# Metadata trafilatura reads, by our column names.
FIELDS = {"title": "title", "author": "author", "date": "published", "sitename": "outlet", "url": "url"}


@dataclass
class Page:
    """The text and metadata read from one HTML page."""

    text: str
    fields: dict = field(default_factory=dict)
    fallback: bool = False  # True when trafilatura found no main text


def read_html(html: str, url: str | None = None) -> Page:
    """The main text and metadata of the page ``html`` (fetched from ``url``, if known)."""
    import trafilatura

    html = close_foreign_content(html)
    fields: dict = {}
    try:
        found = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            favor_precision=True,
            # The date as published, with its time and offset where the page gives them.
            date_extraction_params={
                "extensive_search": True,
                "original_date": True,
                "outputformat": "%Y-%m-%dT%H:%M:%S%z",
            },
        )
    except Exception:  # a page its parsers choke on is still read, by the fallback
        found = None
    text = paragraphs(found.text) if found is not None and not isinstance(found, dict) and found.text else ""
    if found is not None:
        for name, column in FIELDS.items():
            value = getattr(found, name, None)
            if isinstance(value, str) and value.strip():
                fields[column] = " ".join(value.split())
        if fields.get("published"):
            fields["published"] = _iso_offset(fields["published"])
    if text:
        return Page(text, fields)
    text, found_fields = html_to_text(html)
    return Page(text, {**found_fields, **fields}, fallback=True)


def paragraphs(text: str) -> str:
    """``text`` with one paragraph per line turned into paragraphs separated by blank lines."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


def _iso_offset(date: str) -> str:
    # strftime's %z gives +0100; ISO 8601 as stored elsewhere writes +01:00. A bare midnight
    # is what a date without a time comes back as: keep the date alone.
    if re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00", date):
        return date[:10]
    return re.sub(r"([+-]\d\d)(\d\d)$", r"\1:\2", date)


def close_foreign_content(html: str) -> str:
    """``html`` with each unclosed ``<svg>``/``<math>`` closed where HTML5 would close it."""
    lowered = html.lower()
    if "<svg" not in lowered and "<math" not in lowered:
        return html
    # Positions inside scripts, styles and comments are not tags.
    hidden = [m.span() for m in _RAW_TEXT.finditer(html)]
    starts = [a for a, _ in hidden]
    out: list[str] = []
    last = 0
    open_foreign: list[str] = []
    for m in _TAG.finditer(html):
        before = bisect.bisect_right(starts, m.start()) - 1
        if before >= 0 and m.start() < hidden[before][1]:
            continue
        closing, name, self_closing = m.group(1), m.group(2).lower(), m.group(3)
        if closing:
            if name in open_foreign:
                while open_foreign.pop() != name:
                    pass
        elif open_foreign and name in BREAKOUT:
            out.append(html[last : m.start()])
            out.append("".join(f"</{tag}>" for tag in reversed(open_foreign)))
            last = m.start()
            open_foreign.clear()
        elif name in FOREIGN and not self_closing:
            open_foreign.append(name)
    out.append(html[last:])
    return "".join(out)


class _TextExtractor(HTMLParser):
    """Collects visible text, one paragraph per block element, and a few meta fields."""

    BLOCKS = {
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "blockquote",
        "br",
        "article",
        "section",
        "header",
        "footer",
        "tr",
        "figcaption",
        "pre",
    }
    SKIP = {"script", "style", "noscript", "template", "svg", "math", "head"}
    META = {
        "author": "author",
        "article:author": "author",
        "og:site_name": "outlet",
        "article:published_time": "published",
        "date": "published",
        "og:url": "url",
        "og:title": "title",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.fields: dict[str, str] = {}
        self.skipping = 0
        self.in_title = False
        self.title = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.SKIP:
            self.skipping += 1
        if tag == "title":
            self.in_title = True
        elif tag == "meta":
            key = (attrs.get("property") or attrs.get("name") or "").lower()
            if key in self.META and attrs.get("content"):
                self.fields.setdefault(self.META[key], attrs["content"].strip())
        elif tag == "link" and (attrs.get("rel") or "").lower() == "canonical" and attrs.get("href"):
            self.fields.setdefault("url", attrs["href"].strip())
        if tag in self.BLOCKS:
            self.parts.append("\n\n")

    def parse_marked_section(self, i, report=1):
        # html.parser asserts on an unknown <![keyword ...]>: skip it as a browser would,
        # rather than let one broken (or hostile) mark end the run with a traceback.
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            end = self.rawdata.find(">", i)
            return -1 if end < 0 else end + 1

    def handle_startendtag(self, tag, attrs):
        # <svg/> and <br/> open nothing.
        if tag not in self.SKIP:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        if tag == "title":
            self.in_title = False
        if tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        elif not self.skipping:
            self.parts.append(data)


def html_to_text(html: str) -> tuple[str, dict]:
    """Visible text of an HTML page, paragraphs separated by blank lines, and its metadata."""
    parser = _TextExtractor()
    parser.feed(close_foreign_content(html))
    parser.close()
    fields = dict(parser.fields)
    if parser.title.strip():
        fields.setdefault("title", " ".join(parser.title.split()))
    body = re.sub(r"[ \t\r\f\v]+", " ", "".join(parser.parts))
    lines = (p.strip() for p in re.split(r"\s*\n\s*", body))
    return "\n\n".join(p for p in lines if p), fields
