"""Fuzz targets for the parsers (issue 6): HTML, JSONL, WARC and feeds.

Each target builds hostile input with hypothesis (structure-aware: tag soup,
JSON of the wrong shape, archives cut and bit-flipped, feeds with odd links)
and checks that the parser never crashes: it returns clean Articles or
reports a coded Issue / raises a coded KoopError.

CI runs a few examples per target; run longer locally with
``KOOP_FUZZ_EXAMPLES=5000 python -m pytest tests/test_fuzz.py``. A crash
found here gets a regression test (the ``@example`` lines).
"""
from __future__ import annotations

import io
import json
import os
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from koop.errors import Issue, KoopError
from koop.io.content import decode, printable
from koop.io.feeds import parse_feed
from koop.io.readers import html_to_article, read_path, text_to_article
from koop.io.warc import read_warc

EXAMPLES = int(os.environ.get("KOOP_FUZZ_EXAMPLES", "30"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
BAD_CHARS = re.compile("[\x00\ud800-\udfff]")


def _clean_article(a) -> None:
    assert isinstance(a.text, str) and a.text.strip()
    assert not BAD_CHARS.search(a.text), "NUL or a lone surrogate reached the text"
    assert isinstance(a.id, str) and len(a.id) <= 300
    assert a.title is None or isinstance(a.title, str)
    assert a.url is None or isinstance(a.url, str)
    assert a.lang in (None, "de", "en")


def _tmp(name: str, data: bytes) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="koop-fuzz-"))
    path = folder / name
    path.write_bytes(data)
    return path


# -- HTML ---------------------------------------------------------------------------------

TAGS = ["html", "head", "body", "p", "div", "article", "main", "h1", "span", "a", "script",
        "style", "iframe", "noscript", "template", "svg", "math", "table", "tr", "td", "img",
        "meta", "title", "base", "object", "embed", "form", "textarea", "xmp", "plaintext",
        "select", "option", "frameset", "frame", "br", "hr", "li", "ul", "figure", "time"]
ATTRS = [' charset="utf-8"', ' charset="x-unknown"', ' onload="alert(1)"', ' src="javascript:1"',
         ' href="//evil.example"', ' content="0;url=file:///etc/passwd"', ' lang="de"',
         ' srcdoc="<script>x()</script>"', " style='x:expression(1)'", ' x=', ' "a"=b']
PIECES = ["<!--", "-->", "<![CDATA[", "]]>", "<?xml version='1.0' encoding='latin-1'?>",
          "<!DOCTYPE html>", "&amp;", "&#0;", "&#xD800;", "&#1114112;", "&#x1F600;", "&nbsp",
          "\x00", "\ufeff", "\u202e", "\r\n", "<", ">", "</", "/>", "'", '"', "&", "\x1b[31m",
          "Siemens und Bosch kooperieren.", "Die Partnerschaft wurde am 3. Mai 2024 vereinbart."]

html_piece = st.one_of(
    st.sampled_from(TAGS).flatmap(lambda t: st.sampled_from(
        [f"<{t}>", f"</{t}>", f"<{t}/>"] + [f"<{t}{a}>" for a in ATTRS])),
    st.sampled_from(PIECES),
    st.text(max_size=30),
)
html_doc = st.lists(html_piece, max_size=80).map("".join)


@FUZZ
@given(html_doc)
@example("<html><body><article><p>" + "Alpha und Beta kooperieren. " * 20 + "</p></article>"
         "<script>document.write('Injected')</script></body></html>")
@example("<p>\x00</p>")
@example("&#xD800;" * 3)
def test_fuzz_html(html):
    try:
        a = html_to_article(html, "x")
    except KoopError as e:
        assert e.code == "E014"
        return
    if a.text.strip():
        _clean_article(a)
    assert "Injected" not in a.text


@FUZZ
@given(st.one_of(st.binary(max_size=3000), html_doc.map(lambda s: s.encode("utf-8")),
                 html_doc.map(lambda s: s.encode("cp1252", errors="ignore"))))
@example(b"\xff\xfe<\x00p\x00>\x00")  # UTF-16 with a BOM
@example(b"<meta charset='utf-7'>+ADw-script+AD4-")
def test_fuzz_html_bytes(data):
    issues: list[Issue] = []
    try:
        a = text_to_article(data, Path("page.html"), issues.append, check=True)
    except KoopError as e:
        assert e.code in ("E013", "E014")
        return
    _clean_article(a)
    assert all(i.code in ("W001", "W002") for i in issues)


# -- JSONL --------------------------------------------------------------------------------

json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner,
                                                                 max_size=4),
    max_leaves=12)
FIELDS = ["id", "text", "html", "date", "lang", "url", "title"]
good_text = st.text(min_size=1, max_size=200).filter(lambda t: t.replace("\x00", "").strip())
good_record = st.fixed_dictionaries(
    {"text": good_text},
    optional={k: json_value for k in ("date", "lang", "url", "title", "extra")})
bad_record = st.one_of(
    st.dictionaries(st.sampled_from(FIELDS[:1] + FIELDS[2:] + ["x"]), json_value, max_size=5)
    .filter(lambda d: "html" not in d),
    st.fixed_dictionaries({"text": st.one_of(
        st.none(), st.integers(), st.lists(st.text()), st.booleans(),
        st.dictionaries(st.text(), st.text()))}),
    st.fixed_dictionaries({"html": st.one_of(st.none(), st.integers(), st.lists(st.text()))}),
    st.fixed_dictionaries({"text": st.text(alphabet=" \t\n\r\x00\u3000", max_size=5)}),
)
junk_line = st.one_of(
    st.text(max_size=60).map(lambda t: "x" + t.replace("\n", " ").replace("\r", " ")),
    st.integers(1, 5000).map(lambda n: "[" * n + "]" * n),
    st.integers(1, 5000).map(lambda n: '{"a":' * n + "1" + "}" * n),
    json_value.filter(lambda v: not isinstance(v, dict)).map(json.dumps),
    bad_record.map(json.dumps),
    good_record.map(lambda r: json.dumps(r)[:-3]),  # cut short
)


@FUZZ
@given(st.lists(st.tuples(st.booleans(), good_record, junk_line), max_size=25),
       st.sampled_from(["utf-8", "cp1252", "utf-8-mixed"]))
@example([(True, {"text": "\ud800 lone \udfff"}, "")], "utf-8")
@example([(False, {"text": "x"}, "[" * 3000 + "]" * 3000)], "utf-8")
def test_fuzz_jsonl(lines, encoding):
    out, good_ids = [], []
    for i, (is_good, record, junk) in enumerate(lines):
        if is_good:
            record = {**record, "id": f"doc{i}", "text": record["text"] + "@MARK@"}
            line = json.dumps(record, ensure_ascii=encoding == "utf-8")
            good_ids.append(f"doc{i}")
        else:
            line = junk
        data = line.encode("utf-8", "surrogatepass") if encoding != "cp1252" else \
            line.encode("cp1252", errors="replace")
        if encoding == "utf-8-mixed":  # invalid bytes inside the text
            data = data.replace(b"@MARK@", b"\xff\xfe@MARK@")
        out.append(data)
    path = _tmp("f.jsonl", b"\n".join(out) + b"\n")
    issues: list[Issue] = []
    try:
        articles = list(read_path(path, issues.append))
    except KoopError as e:  # the whole file looks binary (control bytes in junk)
        assert e.code == "E013"
        return
    assert [a.id for a in articles] == good_ids
    for a in articles:
        _clean_article(a)
    skipped = [i for i in issues if i.skipped]
    assert len(skipped) <= len(lines) - len(good_ids)
    assert all(re.match(r"line \d+: ", i.reason) for i in skipped)
    assert all(i.code in ("E011", "E013", "E014", "E015") for i in skipped)


# -- WARC ---------------------------------------------------------------------------------

record = st.tuples(
    st.text(alphabet="abcxyz/.-_?=%:&#", max_size=20).map(lambda p: "https://news.example/" + p),
    st.sampled_from(["200 OK", "200 OK", "404 Not Found", "302 Found", "500 Oops", "200"]),
    st.sampled_from(["text/html; charset=utf-8", "text/plain", "text/html; charset=latin-1",
                     "text/html; charset=bogus", "image/png", "application/xhtml+xml", ""]),
    st.one_of(html_doc.map(lambda s: s.encode("utf-8")), st.binary(max_size=500),
              st.just(("<p>" + "Alpha und Beta kooperieren. " * 10 + "</p>").encode())),
    st.sampled_from(["response", "response", "resource", "metadata", "conversion"]),
)


def _warc(records, gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    for url, status, ctype, body, kind in records:
        headers = [("Content-Type", ctype)] if ctype else []
        if kind == "response":
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            rec = w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
        else:
            rec = w.create_warc_record(url, kind, payload=io.BytesIO(body),
                                       warc_content_type=ctype or "application/octet-stream")
        w.write_record(rec)
    return buf.getvalue()


def _usable(records) -> int:
    n = 0
    for _, status, ctype, _, kind in records:
        media = ctype.split(";")[0].strip()
        if media in ("text/html", "application/xhtml+xml", "text/plain") and (
                kind == "resource" or (kind == "response" and status.startswith("200"))):
            n += 1
    return n


@FUZZ
@given(st.lists(record, min_size=1, max_size=6), st.booleans(),
       st.sampled_from(["none", "cut", "flip", "junk"]), st.data())
def test_fuzz_warc(records, gz, mutation, data):
    raw = _warc(records, gz)  # its length varies (record ids, dates): draw fractions
    fraction = st.floats(0, 1, exclude_max=True)
    if mutation == "cut":
        raw = raw[:int(data.draw(fraction) * len(raw))]
    elif mutation == "flip":
        for f in data.draw(st.lists(fraction, min_size=1, max_size=8)):
            pos = int(f * len(raw))
            raw = raw[:pos] + bytes([raw[pos] ^ 0xFF]) + raw[pos + 1:]
    elif mutation == "junk":
        pos = int(data.draw(fraction) * len(raw))
        raw = raw[:pos] + data.draw(st.binary(min_size=1, max_size=200)) + raw[pos:]
    path = _tmp("a.warc.gz" if gz else "a.warc", raw)
    issues: list[Issue] = []
    articles = list(read_warc(path, issues.append))  # never raises
    for a in articles:
        _clean_article(a)
    assert all(i.code in ("E013", "E014", "E015", "E046", "W001", "W002") for i in issues)
    if mutation == "none":  # every usable record is an article or a reported skip
        skipped = [i for i in issues if i.skipped]
        assert len(articles) + len(skipped) == _usable(records), [i.line() for i in issues]
        assert not any(i.code == "E046" for i in issues)


# -- feeds --------------------------------------------------------------------------------

link = st.one_of(
    st.sampled_from(["https://news.example/a", "http://news.example/b?x=1&amp;y=2", "/relative",
                     "javascript:alert(1)", "file:///etc/passwd", "data:text/html,<script>",
                     "ftp://x.example/", "http://", "https://[::1", "//news.example/c",
                     "mailto:a@b.example", " https://news.example/space ", ""]),
    st.text(max_size=30),
)
field_text = st.one_of(st.text(max_size=40), st.sampled_from(
    ["<![CDATA[<script>x</script>]]>", "&lt;b&gt;", "&bogus;", "Mon, 00 Jan 0000 00:00:00 GMT",
     "2024-02-30T25:61:00Z", "99999-12-45", "Tue, 10 Jun 2003 04:00:00 GMT"]))


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;") if "CDATA" not in s else s


@st.composite
def feed_doc(draw):
    items = draw(st.lists(st.tuples(field_text, link, field_text, field_text), max_size=6))
    if draw(st.booleans()):
        body = "".join(f"<item><title>{_esc(t)}</title><link>{_esc(u)}</link>"
                       f"<pubDate>{_esc(d)}</pubDate><description>{_esc(c)}</description></item>"
                       for t, u, d, c in items)
        doc = f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{body}' \
              "</channel></rss>"
    else:
        body = "".join(f'<entry><title>{_esc(t)}</title><link href="{_esc(u)}"/>'
                       f"<updated>{_esc(d)}</updated><content type='html'>{_esc(c)}</content>"
                       "</entry>" for t, u, d, c in items)
        doc = f'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>{body}</feed>'
    raw = doc.encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        raw = raw[:draw(st.integers(0, len(raw)))]
    return raw


@FUZZ
@given(st.one_of(feed_doc(), st.binary(max_size=500)),
       st.sampled_from([None, "https://news.example/feed.xml", "http://[bad"]))
@example(b'<rss><channel><item><link>https://x.example/a</link><pubDate>Mon, 00 Jan 0000'
         b'</pubDate></item></channel></rss>', None)
# found by this target: urljoin raised ValueError ("Invalid IPv6 URL") out of parse_feed
@example(b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="https://news.example/a"/>'
         b'</entry></feed>', "http://[bad")
@example(b'<rss><channel><item><link>https://[::1</link></item></channel></rss>', None)
def test_fuzz_feed(data, base):
    issues: list[Issue] = []
    try:
        items = parse_feed(data, base, issues.append, "feed")
    except KoopError as e:
        assert e.code == "E016"
        return
    for it in items:
        assert re.match(r"(?i)https?://[^/]", it.link), it.link
        assert it.title is None or isinstance(it.title, str)
        assert it.date is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", it.date)
    assert all(i.code in ("E016", "W003") for i in issues)


# -- decoding and display ---------------------------------------------------------------------

@FUZZ
@given(st.binary(max_size=2000), st.one_of(st.none(), st.sampled_from(
    ["utf-8", "latin-1", "utf-16", "utf-7", "x-bogus", "cp1252", "koi8-r", "iso-2022-jp"])))
def test_fuzz_decode(data, declared):
    d = decode(data, declared)
    assert not BAD_CHARS.search(d.text)
    d.text.encode("utf-8")  # storable
    shown = printable(d.text)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", shown)
