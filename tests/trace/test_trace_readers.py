import json

import pytest

from unspin.errors import InputError
from unspin.trace.readers import iter_documents


def test_html_page_gives_its_main_text(tmp_path):
    page = tmp_path / "p.html"
    page.write_text("<html><head><title>T</title><style>p{}</style></head><body><nav><a href='/'>Home</a></nav>"
                    "<p>One &amp; two.</p><script>var x=1;</script><p>Three <b>four</b>.</p></body></html>")
    [doc] = iter_documents([str(page)])
    assert doc.text == "One & two.\n\nThree four."


def test_reads_all_formats_and_folders(tmp_path):
    (tmp_path / "a.txt").write_text("plain text")
    (tmp_path / "b.md").write_text("# Title\n\nmarkdown text")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.html").write_text("<p>html text</p>")
    (tmp_path / "sub" / "d.jsonl").write_text(
        json.dumps({"id": "x1", "text": "json one"}) + "\n\n" + json.dumps({"text": "json two"}) + "\n")
    (tmp_path / "sub" / "skip.bin").write_bytes(b"\x00\x01")
    docs = list(iter_documents([str(tmp_path)]))
    texts = {d.doc_id: d.text for d in docs}
    assert texts[str(tmp_path / "a.txt")] == "plain text"
    assert texts[str(tmp_path / "sub" / "c.html")] == "html text"
    assert texts["x1"] == "json one"
    assert f"{tmp_path / 'sub' / 'd.jsonl'}:3" in texts
    assert len(docs) == 5


def test_bad_inputs_raise_clear_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        list(iter_documents([str(tmp_path / "missing.txt")]))
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    with pytest.raises(InputError, match="unsupported file type"):
        list(iter_documents([str(tmp_path / "x.pdf")]))
    (tmp_path / "bad.jsonl").write_text('{"id": 1, "text": "ok"}\n{not json}\n')
    with pytest.raises(InputError, match=r"bad.jsonl:2: not valid JSON"):
        list(iter_documents([str(tmp_path / "bad.jsonl")]))
    (tmp_path / "notext.jsonl").write_text('{"id": 1, "body": "x"}\n')
    with pytest.raises(InputError, match="needs a string field"):
        list(iter_documents([str(tmp_path / "notext.jsonl")]))
    (tmp_path / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    with pytest.raises(InputError, match="not valid UTF-8"):
        list(iter_documents([str(tmp_path / "latin1.txt")]))


def test_unreadable_file_inside_folder_is_skipped_and_reported(tmp_path):
    (tmp_path / "good.txt").write_text("fine")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00\x00")
    skipped = []
    docs = list(iter_documents([str(tmp_path)], on_skip=lambda p, why: skipped.append(p)))
    assert [d.text for d in docs] == ["fine"]
    assert skipped == [str(tmp_path / "bad.txt")]
