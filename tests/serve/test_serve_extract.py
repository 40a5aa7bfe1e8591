"""POST /v1/extract: a web page's main text, for the page's upload of saved pages."""
from pathlib import Path

NEWS = Path(__file__).parents[1] / "webpage" / "news_page.html"


def test_a_saved_news_page_gives_its_story(client):
    plain = NEWS.with_suffix(".txt").read_text(encoding="utf-8").rstrip("\n")
    r = client.post("/v1/extract", json={"html": NEWS.read_text(encoding="utf-8")})
    assert r.status_code == 200 and r.json() == {"text": plain}


def test_a_page_without_text_and_bad_bodies_are_json_errors(client):
    r = client.post("/v1/extract", json={"html": "<html><script>x()</script></html>"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "empty_text"
    r = client.post("/v1/extract", json={"text": "<p>x</p>"})
    assert r.status_code == 422 and r.json()["error"]["code"] in ("missing_field", "unknown_field")
