"""Readers for the public corpora koop may learn from (../shared/data/README.md).

Each reader takes the bare git directory of a fetched snapshot
(/work/.mirror/<owner>+<name>/repo) and yields plain records
``{id, lang, source, date, title, text, repo, commit, path, key, licence}``.
The ids are the ones ``reserved-ids.txt`` uses, so reserved articles can be
dropped by id before anything else looks at them.
"""
from __future__ import annotations

import csv
import gzip
import html
import io
import json
import re
import subprocess
from pathlib import Path
from typing import Iterator

MIRROR = Path("/work/.mirror")

REPOS = {
    "reuters": "jakecyr/TextClassification",
    "wikinews": "uhh-lt/german-news-quotation-attribution-2024",
    "fangcovid": "justusmattern/fang-covid",
    "smartdata": "DFKI-NLP/smartdata-corpus",
    "gnad": "tblock/10kGNAD",
}
LICENCES = {
    "reuters": "Reuters-21578 Distribution 1.0 (research use; Reuters Ltd and Carnegie Group)",
    "wikinews": "CC BY 2.5 (Wikinews contributors)",
    "fangcovid": "publisher copyright (Tagesspiegel, Zeit, SZ): text not redistributed",
    "smartdata": "CC BY 4.0 (DFKI SmartData Corpus, Schiersch et al., LREC 2018)",
    "gnad": "CC BY-NC-SA 4.0 (10kGNAD, Timo Block; DER STANDARD articles)",
}


def git_dir(source: str, mirror: Path = MIRROR) -> Path:
    return mirror / (REPOS[source].replace("/", "+")) / "repo"


def head_commit(gitdir: Path) -> str:
    return subprocess.run(["git", "-C", str(gitdir), "rev-parse", "HEAD"],
                          capture_output=True, text=True, check=True).stdout.strip()


def git_show(gitdir: Path, path: str) -> bytes:
    return subprocess.run(["git", "-C", str(gitdir), "show", f"HEAD:{path}"],
                          capture_output=True, check=True).stdout


def git_ls(gitdir: Path) -> list[str]:
    out = subprocess.run(["git", "-C", str(gitdir), "ls-tree", "-r", "-z", "--name-only", "HEAD"],
                         capture_output=True, text=True, check=True).stdout
    return [p for p in out.split("\0") if p]


def _record(source, gitdir, commit, path, key, **fields):
    return {"source": source, "repo": REPOS[source], "commit": commit, "path": path,
            "key": key, "licence": LICENCES[source], **fields}


# --- Reuters-21578 ---------------------------------------------------------

_REUTERS = re.compile(r"<REUTERS (.*?)>(.*?)</REUTERS>", re.S)
_MONTHS = {m: i for i, m in enumerate(
    "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split(), 1)}


def _tag(body: str, name: str) -> str:
    m = re.search(rf"<{name}>(.*?)</{name}>", body, re.S)
    return m.group(1) if m else ""


def reuters_text(title: str, body: str) -> str:
    """Title, blank line, one line per paragraph; the 'Reuter' trailer dropped."""
    body = re.sub(r"\s*Reuter\s*$", "", body.replace("\x03", "").strip())
    paras = re.split(r"\n\s{3,}|\n\s*\n", body)
    lines = [" ".join(p.split()) for p in paras if p.strip()]
    title = " ".join(html.unescape(title).split())
    return (title + "\n\n" if title else "") + "\n".join(lines)


def read_reuters(gitdir: Path, split: str = "TRAIN") -> Iterator[dict]:
    commit = head_commit(gitdir)
    for n in range(22):
        path = f"data/{n}.sgm"
        raw = git_show(gitdir, path).decode("latin-1")
        for attrs, body in _REUTERS.findall(raw):
            if f'LEWISSPLIT="{split}"' not in attrs:
                continue
            newid = re.search(r'NEWID="(\d+)"', attrs).group(1)
            text_body = html.unescape(_tag(body, "BODY"))
            if not text_body.strip():
                continue
            title = _tag(body, "TITLE")
            d = re.match(r"\s*(\d+)-([A-Z]{3})-(\d{4})", _tag(body, "DATE"))
            date = f"{d.group(3)}-{_MONTHS[d.group(2)]:02d}-{int(d.group(1)):02d}" if d else None
            yield _record("reuters", gitdir, commit, path, f"NEWID={newid}",
                          id=f"reuters-{newid}", lang="en", date=date,
                          title=" ".join(html.unescape(title).split()),
                          section=_tag(body, "TOPICS"), text=reuters_text(title, text_body))


# --- German Wikinews ---------------------------------------------------------

def read_wikinews(gitdir: Path) -> Iterator[dict]:
    commit = head_commit(gitdir)
    for path in git_ls(gitdir):
        if not path.endswith(".pretty.json"):
            continue
        doc = json.loads(git_show(gitdir, path))
        name = doc.get("documentName", "")
        m = re.match(r"(\d+) - (.*?)(?: \((\d{4}-\d{2}-\d{2})\))?$", name)
        if not m:
            continue
        yield _record("wikinews", gitdir, commit, path, m.group(1),
                      id=f"wikinews-{m.group(1)}", lang="de", date=m.group(3),
                      title=m.group(2), section=path.split("/")[1], text=doc["originalText"])


# --- FANG-COVID ------------------------------------------------------------

def fangcovid_text(doc: dict) -> str:
    return (doc.get("header") or "").strip() + "\n\n" + (doc.get("article") or "").strip()


def read_fangcovid(gitdir: Path, paths: list[str] | None = None) -> Iterator[dict]:
    """Articles labelled ``real`` (git cat-file --batch: 40,000 small files)."""
    commit = head_commit(gitdir)
    paths = paths or [p for p in git_ls(gitdir) if p.startswith("articles/")]
    proc = subprocess.Popen(["git", "-C", str(gitdir), "cat-file", "--batch"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    for path in paths:
        proc.stdin.write(f"HEAD:{path}\n".encode()); proc.stdin.flush()
        header = proc.stdout.readline().split()
        if len(header) < 3 or header[1] == b"missing":
            continue
        data = proc.stdout.read(int(header[2])); proc.stdout.read(1)
        doc = json.loads(data)
        if doc.get("label") != "real":
            continue
        n = Path(path).stem
        yield _record("fangcovid", gitdir, commit, path, n, id=f"fangcovid-{n}", lang="de",
                      date=(doc.get("date") or "")[:10] or None, title=doc.get("header", ""),
                      section=doc.get("source", ""), text=fangcovid_text(doc))
    proc.stdin.close(); proc.wait()


# --- SmartData -------------------------------------------------------------

SMARTDATA_LABELS = {"organization": "ORG", "organization-company": "ORG", "person": "PER",
                    "location": "LOC", "location-city": "LOC", "location-street": "LOC",
                    "location-stop": "LOC", "location-route": "LOC"}


def _json_stream(data: str) -> Iterator[dict]:
    dec = json.JSONDecoder(); i = 0
    while True:
        while i < len(data) and data[i].isspace():
            i += 1
        if i >= len(data):
            return
        obj, i = dec.raw_decode(data, i)
        yield obj


def smartdata_split(gitdir: Path, path: str) -> Iterator[dict]:
    yield from _json_stream(gzip.decompress(git_show(gitdir, path)).decode("utf-8"))


def read_smartdata(gitdir: Path, paths=("v1_20180119/train.json.gz", "v1_20180119/test.json.gz",
                                        "v2_20190802/dev.json.gz", "v2_20190802/test.json.gz"),
                   kind: str = "news") -> Iterator[dict]:
    """News documents with their ORG/PER/LOC spans (SmartData conventions)."""
    commit = head_commit(gitdir)
    seen = set()
    for path in paths:
        for doc in smartdata_split(gitdir, path):
            src = ((doc.get("refids") or {}).get("map") or {}).get("source")
            if src != kind or doc["id"] in seen:
                continue
            seen.add(doc["id"])
            text = doc["text"]["string"]
            ents = []
            for m in (doc.get("conceptMentions") or {}).get("array", []):
                label = SMARTDATA_LABELS.get(m["type"].lower().replace("_", "-"))
                s, e = m["span"]["start"], m["span"]["end"]
                if label and text[s:e].strip():
                    ents.append({"start": s, "end": e, "label": label, "text": text[s:e]})
            date = ((doc.get("date") or {}).get("string") or "")[:10] or None
            yield _record("smartdata", gitdir, commit, path, doc["id"], id=f"smartdata:{doc['id']}",
                          lang="de", date=date, title=text.split("\n", 1)[0][:200],
                          section="news", text=text, entities=sorted(ents, key=lambda x: x["start"]))


# --- 10kGNAD ---------------------------------------------------------------

def read_gnad(gitdir: Path) -> Iterator[dict]:
    """Rows of test.csv; ``gnad-NNNN`` is the 0-based row, as in gnad-dev."""
    commit = head_commit(gitdir)
    raw = git_show(gitdir, "test.csv").decode("utf-8")
    rows = csv.reader(io.StringIO(raw), delimiter=";", quotechar="'")
    for i, row in enumerate(rows):
        if len(row) < 2:
            continue
        yield _record("gnad", gitdir, commit, "test.csv", str(i), id=f"gnad-{i:04d}", lang="de",
                      date=None, title=row[1].split(". ", 1)[0][:200], section=row[0], text=row[1])


READERS = {"reuters": read_reuters, "wikinews": read_wikinews, "fangcovid": read_fangcovid,
           "smartdata": read_smartdata, "gnad": read_gnad}
