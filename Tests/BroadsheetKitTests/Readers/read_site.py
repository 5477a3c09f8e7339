"""Reads a built site as feed readers and browsers do, with parsers that are not Broadsheet's.

Usage: read_site.py OUTPUT_DIR EXPECTED_JSON

EXPECTED_JSON holds the texts the site was built from: {"site_title", "site_description",
"feed_titles": [...], "articles": [{"title", "dek", "byline"}]}. Every feed (RSS and Atom through
feedparser, JSON Feed through json), every article page's head and JSON-LD (html.parser, json)
and the sitemap (xml.etree) are read, and each field is checked:
  (a) a field the reader renders as HTML holds no element at all: the values are plain text, so
      any element (a script, an on* handler, a javascript: link among them) is injected markup;
  (b) the text the reader shows equals the original character for character.
Prints one line per problem and a summary; exits 1 when there is a problem.
"""

import html.parser
import json
import pathlib
import re
import sys
import urllib.parse
import xml.etree.ElementTree as ElementTree

import feedparser

HTML_TYPES = {"text/html", "application/xhtml+xml"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data"}


class Fragment(html.parser.HTMLParser):
    """An HTML fragment as a browser reads it: its text and its elements."""

    def __init__(self, source):
        super().__init__(convert_charrefs=True)
        self.text, self.elements = [], []
        self.feed(source)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)


def executable(elements):
    """The elements and attributes among `elements` that run script."""
    found = []
    for tag, attrs in elements:
        if tag in ("script", "iframe", "object", "embed"):
            found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                found.append(f"{name}= on <{tag}>")
            scheme = re.sub(r"[\s\x00-\x1f]", "", (value or "")).lower()
            if name in URL_ATTRIBUTES and scheme.startswith(("javascript:", "vbscript:", "data:text/html")):
                found.append(f"{name}={value} on <{tag}>")
    return found


class Reader:
    def __init__(self, output, expected):
        self.output = pathlib.Path(output)
        self.expected = expected
        self.by_title = {a["title"]: a for a in expected["articles"]}
        self.problems = []
        self.counts = {}

    def problem(self, where, message):
        self.problems.append(f"{where}: {message}")

    def shown(self, where, field, value, is_html):
        """The text a reader shows for `value`, after checking (a) when it is HTML."""
        if value is None:
            return None
        if not is_html:
            return value
        fragment = Fragment(value)
        for found in executable(fragment.elements):
            self.problem(where, f"{field}: executable markup a reader renders: {found}")
        if fragment.elements:
            self.problem(where, f"{field}: markup in a text value: {[tag for tag, _ in fragment.elements]}")
        return "".join(fragment.text)

    def same(self, where, field, shown, original):
        if shown != original:
            self.problem(where, f"{field}: reader shows {shown!r}, original {original!r}")

    def article(self, where, title):
        article = self.by_title.get(title)
        if article is None:
            self.problem(where, f"title: reader shows {title!r}, which is no article's headline")
        return article

    def count(self, kind):
        self.counts[kind] = self.counts.get(kind, 0) + 1

    def feed_kind(self, path):
        parts = path.relative_to(self.output).parts
        if len(parts) == 1:
            return "site"
        if re.fullmatch(r"\d{4}", parts[-3]) and re.fullmatch(r"\d{2}", parts[-2]):
            return "month"
        return {"tags": "tag", "countries": "country"}.get(parts[0], "other")

    def read_xml_feed(self, path):
        where = str(path.relative_to(self.output))
        parsed = feedparser.parse(str(path), sanitize_html=False, resolve_relative_uris=False)
        if parsed.bozo:
            self.problem(where, f"not a well-formed feed: {parsed.get('bozo_exception')}")
            return
        kind = f"{'rss' if parsed.version.startswith('rss') else 'atom'} {self.feed_kind(path)} feed"
        self.count(kind)
        detail = parsed.feed.get("title_detail") or {}
        title = self.shown(where, "channel title", detail.get("value"), detail.get("type") in HTML_TYPES)
        if title not in self.expected["feed_titles"]:
            self.problem(where, f"channel title: reader shows {title!r}, which is no feed's title")
        detail = parsed.feed.get("subtitle_detail") or {}
        self.same(where, "channel description",
                  self.shown(where, "channel description", detail.get("value"), detail.get("type") in HTML_TYPES),
                  self.expected["site_description"])
        if not parsed.entries:
            self.problem(where, "no entries")
        for entry in parsed.entries:
            detail = entry.get("title_detail") or {}
            title = self.shown(where, "item title", detail.get("value"), detail.get("type") in HTML_TYPES)
            article = self.article(where, title)
            if article is None:
                continue
            detail = entry.get("summary_detail")
            dek = detail and self.shown(where, "item description", detail["value"], detail.get("type") in HTML_TYPES)
            self.same(where, f"description of {title!r}", dek, article["dek"])
            # feedparser gives authors no type and never sanitises them: it takes them for text.
            self.same(where, f"author of {title!r}", entry.get("author"), article["byline"])
            self.count("feed items")

    def read_json_feed(self, path):
        where = str(path.relative_to(self.output))
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except ValueError as error:
            self.problem(where, f"not JSON: {error}")
            return
        self.count(f"json {self.feed_kind(path)} feed")
        if document.get("title") not in self.expected["feed_titles"]:
            self.problem(where, f"title: reader shows {document.get('title')!r}, which is no feed's title")
        self.same(where, "description", document.get("description"), self.expected["site_description"])
        for item in document.get("items", []):
            article = self.article(where, item.get("title"))
            if article is None:
                continue
            title = article["title"]
            self.same(where, f"summary of {title!r}", item.get("summary"), article["dek"])
            content = self.shown(where, "content_html", item.get("content_html"), True)
            self.same(where, f"content_html of {title!r}", content, article["dek"] or article["title"])
            authors = [author.get("name") for author in item.get("authors", [])]
            self.same(where, f"authors of {title!r}", authors, [article["byline"]] if article["byline"] else [])
            self.count("feed items")

    def read_article_page(self, path):
        where = str(path.relative_to(self.output))
        head = Head(path.read_text(encoding="utf-8"))
        if len(head.json_ld) != 1:
            self.problem(where, f"{len(head.json_ld)} JSON-LD blocks")
            return
        try:
            data = json.loads(head.json_ld[0])
        except ValueError as error:
            self.problem(where, f"JSON-LD is not JSON: {error}")
            return
        article = self.article(where, data.get("headline"))
        if article is None:
            return
        page_title = f"{article['title']} — {self.expected['site_title']}"
        self.same(where, "<title>", head.title, page_title)
        self.same(where, "<h1>", head.heading.strip(), article["title"])
        for name in ("og:title", "twitter:title"):
            self.same(where, name, head.meta.get(name), page_title)
        if article["dek"] is not None:
            for name in ("description", "og:description", "twitter:description"):
                self.same(where, name, head.meta.get(name), article["dek"])
        self.same(where, "JSON-LD description", data.get("description"), article["dek"])
        self.same(where, "JSON-LD author", (data.get("author") or {}).get("name"), article["byline"])
        self.count("article pages")

    def read_sitemap(self, path):
        where = str(path.relative_to(self.output))
        namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
        for loc in ElementTree.parse(path).getroot().iter(f"{namespace}loc"):
            url = loc.text or ""
            if not url.isascii() or re.search(r"[\s\"<>\\^`{|}]", url):
                self.problem(where, f"a <loc> that is not a URI: {url!r}")
            target = self.output / urllib.parse.unquote(urllib.parse.urlsplit(url).path).lstrip("/")
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                self.problem(where, f"<loc> {url} names no file")
            self.count("sitemap URLs")

    def run(self):
        for path in sorted(self.output.rglob("*")):
            if path.name in ("index.xml", "atom.xml"):
                self.read_xml_feed(path)
            elif path.name == "feed.json":
                self.read_json_feed(path)
            elif path.name.startswith("sitemap") and path.suffix == ".xml":
                self.read_sitemap(path)
            elif path.name == "index.html" and re.search(r"/articles/\d{4}/\d{2}/[^/]+/index\.html$", path.as_posix()):
                self.read_article_page(path)


class Head(html.parser.HTMLParser):
    """A page's `<title>`, first `<h1>`, `<meta>` contents by name or property, and JSON-LD."""

    def __init__(self, source):
        super().__init__(convert_charrefs=True)
        self.title, self.heading, self.meta, self.json_ld = "", "", {}, []
        self.inside, self.headings = None, 0
        self.feed(source)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and "content" in attrs:
            self.meta[attrs.get("name") or attrs.get("property")] = attrs["content"]
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self.inside = "json_ld"
            self.json_ld.append("")
        elif tag == "title" or (tag == "h1" and self.headings == 0):
            self.inside = tag
            self.headings += tag == "h1"

    def handle_endtag(self, tag):
        if tag in ("title", "h1", "script"):
            self.inside = None

    def handle_data(self, data):
        if self.inside == "json_ld":
            self.json_ld[-1] += data
        elif self.inside == "title":
            self.title += data
        elif self.inside == "h1":
            self.heading += data


def main():
    output, expected = sys.argv[1], json.loads(pathlib.Path(sys.argv[2]).read_text(encoding="utf-8"))
    reader = Reader(output, expected)
    reader.run()
    for problem in reader.problems:
        print(problem)
    print("read: " + ", ".join(f"{count} {kind}" for kind, count in sorted(reader.counts.items())))
    print(f"{len(reader.problems)} problems")
    return 1 if reader.problems else 0


if __name__ == "__main__":
    sys.exit(main())
