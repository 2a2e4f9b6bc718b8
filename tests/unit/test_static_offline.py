"""Every page we serve works without the internet: nothing under catalog/web/static makes the
browser load from another host (issue 23: strawberry's GraphiQL page loaded React from
unpkg.com and never started offline).

The check looks where a browser loads from, not at every URL string: minified bundles are
full of URLs that are never fetched (license and documentation links, error-page links built
for messages, <a href> links a user may click, XML namespace names)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from strawberry.http.ides import get_graphql_ide_html

from catalog.web import STATIC

# An absolute URL that leaves the page's own server: http(s)://host or protocol-relative //host.
EXTERNAL = r"(?:https?:)?//[A-Za-z0-9.\-\[\]:@]+"
QUOTE = r"[\"'`]"

# XML namespace names are identifiers, never fetched: SVG documents and createElementNS in
# the bundles carry them. Allowed by exact value, nothing else of w3.org.
NAMESPACES = frozenset({
    "http://www.w3.org/2000/svg",
    "http://www.w3.org/1999/xhtml",
    "http://www.w3.org/1999/xlink",
    "http://www.w3.org/1998/Math/MathML",
    "http://www.w3.org/XML/1998/namespace",
    "http://www.w3.org/2000/xmlns/",
})

# What a script loads: import() and static imports, fetch, workers, importScripts, and
# src/href set on an element (script, img, link) or written in HTML inside a string.
SCRIPT_LOADS = [re.compile(p) for p in (
    rf"\bimport\s*\(\s*{QUOTE}(?P<url>{EXTERNAL}[^\"'`]*)",
    rf"\b(?:import|export)\b[^;\"'`]{{0,400}}?\bfrom\s*{QUOTE}(?P<url>{EXTERNAL}[^\"'`]*)",
    rf"\bimport\s*{QUOTE}(?P<url>{EXTERNAL}[^\"'`]*)",
    rf"\bfetch\s*\(\s*{QUOTE}(?P<url>{EXTERNAL}[^\"'`]*)",
    rf"\b(?:Shared)?Worker\s*\(\s*(?:new\s+URL\s*\(\s*)?{QUOTE}(?P<url>{EXTERNAL}[^\"'`]*)",
    rf"\bimportScripts\s*\(\s*{QUOTE}(?P<url>{EXTERNAL}[^\"'`]*)",
    rf"\.src\s*=\s*{QUOTE}(?P<url>{EXTERNAL}[^\"'`]*)",
    rf"\bsetAttribute\s*\(\s*{QUOTE}(?:src|href){QUOTE}\s*,\s*{QUOTE}(?P<url>{EXTERNAL}[^\"'`]*)",
    rf"<(?:script|img|iframe|source|link)\b[^>]*?\b(?:src|href)\s*=\s*\\?[\"']?(?P<url>{EXTERNAL}[^\"'`\s>\\]*)",
)]
# What a stylesheet loads: url(...) (fonts, images) and @import.
CSS_LOADS = [re.compile(p) for p in (
    rf"url\(\s*[\"']?(?P<url>{EXTERNAL}[^\"')\s]*)",
    rf"@import\s+[\"'](?P<url>{EXTERNAL}[^\"']*)",
)]
# Elements whose attribute makes the browser load something (an <a href> does not).
HTML_LOADS = {"script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src",
              "audio": "src", "embed": "src", "track": "src", "input": "src", "link": "href",
              "object": "data", "image": "href", "use": "href", "feimage": "href"}


def _css(text: str) -> list[str]:
    return [m.group("url") for p in CSS_LOADS for m in p.finditer(text)]


def _script(text: str) -> list[str]:
    return [m.group("url") for p in SCRIPT_LOADS for m in p.finditer(text)]


class _Page(HTMLParser):
    """HTML or SVG: loading attributes, inline styles and scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.loads: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        wanted = HTML_LOADS.get(tag)
        for name in (wanted, "xlink:href" if wanted == "href" else None, "srcset", "poster"):
            value = values.get(name) if name else None
            if value and re.match(EXTERNAL, value.strip()):
                self.loads.append(value.strip())
        self.loads += _css(values.get("style", ""))
        self._in = tag if tag in ("style", "script") else None

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "style":
            self.loads += _css(data)
        elif self._in == "script":
            self.loads += _script(data)


def external_loads(text: str, kind: str) -> list[str]:
    """The URLs on other hosts that a browser would load for this file (kind: its suffix)."""
    if kind in ("html", "svg"):
        page = _Page()
        page.feed(text)
        found = page.loads
    elif kind == "css":
        found = _css(text)
    else:
        found = _script(text)
    return [url for url in found if url not in NAMESPACES]


def served_files() -> list[Path]:
    files = [p for p in STATIC.rglob("*") if p.suffix in (".html", ".js", ".mjs", ".css", ".svg")]
    assert any(p.name == "graphiql.html" for p in files), "GraphiQL's page is not built"
    return sorted(files)


@pytest.mark.parametrize("path", served_files(), ids=lambda p: p.relative_to(STATIC).as_posix())
def test_served_file_loads_nothing_from_another_host(path: Path) -> None:
    assert external_loads(path.read_text(encoding="utf-8"), path.suffix.lstrip(".")) == []


def test_pages_and_styles_name_no_host_at_all() -> None:
    """Stricter for what is not minified script: HTML, CSS and SVG hold no absolute URL
    except the namespace names, loaded or not."""
    for path in served_files():
        if path.suffix in (".html", ".css", ".svg"):
            urls = re.findall(r"https?://[^\s\"'<>)]+", path.read_text(encoding="utf-8"))
            assert [u for u in urls if u not in NAMESPACES] == [], path.name


def test_strawberrys_own_graphiql_page_is_what_this_catches() -> None:
    """The page of issue 23: its CDN scripts and styles are found."""
    loads = external_loads(get_graphql_ide_html("graphiql"), "html")
    assert any("unpkg.com/react@" in u for u in loads)
    assert any(u.startswith("https://unpkg.com/graphiql@") and u.endswith(".css") for u in loads)


@pytest.mark.parametrize("text, kind", [
    ('<script src="https://cdn.example.com/x.js"></script>', "html"),
    ('<link rel="stylesheet" href="//fonts.example.com/css">', "html"),
    ('<div style="background: url(https://img.example.com/a.png)"></div>', "html"),
    ("<style>@import 'https://fonts.example.com/a.css';</style>", "html"),
    ('<svg><image href="https://img.example.com/a.png"/></svg>', "svg"),
    ("@font-face{src:url(https://fonts.example.com/a.woff2)}", "css"),
    ('@import "https://fonts.example.com/a.css";', "css"),
    ('const m=await import("https://esm.example.com/react");', "js"),
    ('import React from "https://esm.example.com/react";', "js"),
    ("fetch(`https://api.example.com/graphql`,{method:`POST`})", "js"),
    ('new Worker(new URL("https://cdn.example.com/w.js"))', "js"),
    ('importScripts("https://cdn.example.com/w.js")', "js"),
    ('s.src="https://cdn.example.com/x.js";document.head.append(s)', "js"),
    ('e.innerHTML=`<script src="https://cdn.example.com/x.js"></script>`', "js"),
])
def test_what_a_browser_loads_from_another_host_is_found(text: str, kind: str) -> None:
    assert external_loads(text, kind), text


@pytest.mark.parametrize("text, kind", [
    ('<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0"/></svg>', "svg"),
    ('<a href="https://github.com/graphql/graphiql">GraphiQL</a>', "html"),
    ('document.createElementNS("http://www.w3.org/2000/svg","svg")', "js"),
    ('jsx(`a`,{href:`https://code.visualstudio.com/docs`,children:`keys`})', "js"),
    ("var t=`https://react.dev/errors/`+e;", "js"),
    ("/*! license: https://example.com/LICENSE */", "js"),
    ('fetch("/graphql",{method:"POST"});import("./assets/chunk.js")', "js"),
    ("a{background:url(/assets/codicon.ttf) url(data:image/svg+xml,%3Csvg%3E)}", "css"),
])
def test_links_namespaces_and_own_paths_are_not_loads(text: str, kind: str) -> None:
    assert external_loads(text, kind) == [], text
