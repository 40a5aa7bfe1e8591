"""WARC crawls and web pages in a scan: pages screened on their main text, the URL as row id, other records kept
with the reason they were not screened, and a damaged file read up to the damage."""
import gzip
import json

import pyarrow.parquet as pq
from scan_fakes import FakeFactory

from unspin.scan import RunSettings, ScanOptions, run_scan
from unspin.scan.readers import open_reader
from unspin.scan.warc import write_warc

STORY = ("The council met on Tuesday and agreed to spend more money on the roads. Residents said that the plan was "
         "late, but most of them welcomed it. ")
GERMAN = ("Der Rat hat am Dienstag beschlossen, mehr Geld für die Straßen auszugeben, und die Bürger sind mit dem "
          "Plan zufrieden, aber sie sagen auch, dass er zu spät kommt und nicht genug ist. ")


def page(body: str, menu: str = "Home News Sport spunzz") -> bytes:
    return (f"<!DOCTYPE html><html><head><title>t</title><script>var spunzz = 1;</script></head><body>"
            f"<nav><ul>{''.join(f'<li><a href=/>{w}</a></li>' for w in menu.split())}</ul></nav>"
            f"<article><p>{body}</p></article><footer>(c) spunzz</footer></body></html>").encode()


def crawl(path):
    write_warc(path, [
        ("http://a.example/clean", "text/html; charset=utf-8", page(STORY)),
        ("http://a.example/spun", "text/html", page(STORY + "It was spunzz indeed.")),
        ("http://a.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n\x00\x00"),
        ("http://a.example/missing", "text/html", page("Not found"), "404 Not Found"),
        ("http://a.example/de", "text/html", page(GERMAN)),
        ("http://a.example/notes.txt", "text/plain", STORY.encode()),
        ("http://a.example/clean", "text/html", page("A second copy of the same URL.")),
        ("http://a.example/latin", "text/html; charset=iso-8859-1", page(STORY + "Caf\xe9.").replace(
            "é".encode(), b"\xe9")),
    ])
    return path


def scan(corpus, out, **kw):
    settings = RunSettings(workers=1, progress=False, restorer_factory=FakeFactory(), part_rows=2, **kw)
    return run_scan(corpus, out, ScanOptions(), settings)


def test_pages_are_screened_on_their_main_text_and_other_records_say_why_not(tmp_path):
    summary = scan(crawl(tmp_path / "c.warc.gz"), tmp_path / "out.parquet")
    rows = {r["id"]: r for r in pq.read_table(tmp_path / "out.parquet").to_pylist()}
    assert len(rows) == 7 and summary.duplicates == 1
    assert rows["http://a.example/clean"]["spans"] == 0  # the menu's, script's and footer's "spunzz" are not read
    assert rows["http://a.example/clean"]["words"] == len(STORY.split())
    assert rows["http://a.example/spun"]["spans"] == 1
    assert rows["http://a.example/logo.png"]["skipped"].startswith("not_html: the record is image/png")
    assert rows["http://a.example/missing"]["skipped"].startswith("http_status: the server answered 404")
    assert rows["http://a.example/de"]["skipped"].startswith("not_english")
    assert rows["http://a.example/notes.txt"]["words"] == len(STORY.split())
    assert rows["http://a.example/latin"]["error"] is None and rows["http://a.example/latin"]["words"] > 0
    assert summary.bands["skipped"] == 3 and summary.bands["error"] == 0


def test_a_stopped_warc_scan_resumes_without_losing_or_repeating_a_row(tmp_path):
    corpus, out = crawl(tmp_path / "c.warc.gz"), tmp_path / "out.parquet"
    first = scan(corpus, out, limit=3)
    assert first.rows_new == 3
    second = scan(corpus, out)
    ids = pq.read_table(out).column("id").to_pylist()
    assert second.skipped_done == 4  # the three rows written, and the URL that repeats one of them
    assert len(ids) == len(set(ids)) == 7


def test_a_damaged_crawl_gives_every_record_before_the_damage_then_one_error_row(tmp_path):
    whole = crawl(tmp_path / "c.warc.gz").read_bytes()
    members = whole.split(b"\x1f\x8b\x08")  # one gzip member per record
    cut = tmp_path / "cut.warc.gz"
    for damaged in (b"\x1f\x8b\x08" + members[8][:200],  # cut short inside the fourth response
                    b"garbage\x1f\x8b\x08" + b"\x1f\x8b\x08".join(members[8:])):  # bytes that are no record
        cut.write_bytes(b"\x1f\x8b\x08".join(members[:8]) + damaged)
        docs = list(open_reader(cut, max_bytes=10_000).documents())
        assert [d.id for d in docs[:3]] == ["http://a.example/clean", "http://a.example/spun",
                                            "http://a.example/logo.png"]
        assert len(docs) == 4 and docs[3].id == "record:4"
        assert docs[3].error.startswith("invalid_input: cut.warc.gz is damaged after record 3")


def test_folder_pages_and_jsonl_pages_are_read_as_pages(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.html").write_bytes(page(STORY))
    (tmp_path / "pages" / "b.txt").write_text("The <nav> element holds menus.")
    [a, b] = open_reader(tmp_path / "pages", max_bytes=100_000).documents()
    assert a.html and not b.html and b.text == "The <nav> element holds menus."
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "p", "text": page(STORY).decode()}) + "\n")
    [p] = open_reader(corpus, max_bytes=100_000).documents()
    assert p.html
    scan(corpus, tmp_path / "out.parquet")
    [row] = pq.read_table(tmp_path / "out.parquet").to_pylist()
    assert row["spans"] == 0 and row["words"] == len(STORY.split())


def test_gzip_of_a_text_file_is_not_taken_for_a_crawl(tmp_path):
    bad = tmp_path / "x.warc.gz"
    bad.write_bytes(gzip.compress(b"just some text, not WARC records\n"))
    [doc] = open_reader(bad, max_bytes=1000).documents()
    assert doc.error.startswith("invalid_input: x.warc.gz is not a WARC file")
