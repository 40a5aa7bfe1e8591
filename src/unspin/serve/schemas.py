"""Request bodies of the HTTP API (validated by pydantic; unknown fields are refused so typos do not pass)."""
from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from .errors import ApiError

# JSON has one number type: 5.0 is the integer 5 (as JSON Schema says), though strict validation would refuse it.
WholeNumber = Annotated[int, BeforeValidator(lambda v: int(v) if isinstance(v, float) and v.is_integer() else v)]
# What `checked_text` enforces, told in the schema so clients (and schema-driven fuzzers) know it: some character
# that is not space (Python's idea of space, which adds \x1c-\x1f and \x85), and no NUL. The check itself stays in
# `checked_text`, whose messages say what to do.
TEXT_RULES = {"minLength": 1, "pattern": r"^[^\u0000]*[^\s\u0000\u001c-\u001f\u0085][^\u0000]*$"}

KNOWN_SPINNERS = ("Read a text that a spinner unspin ships a profile of clearly wrote with that spinner's swaps (the "
                  "answer's `known_spinner` names it), and offer them in a text that shows some of its habits "
                  "(`hinted_spinner`); false reads every text without them.")


class TextRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    text: str = Field(description="The text to examine (plain UTF-8 text).", json_schema_extra=TEXT_RULES,
                      examples=["The rustic faced a battle with counterfeit consciousness."])
    fast: bool | None = Field(None, description="Use the fast n-gram scorer instead of the language model. "
                                                "Defaults to the server's setting.")
    known_spinners: bool = Field(True, description=KNOWN_SPINNERS)


class RestoreRequest(TextRequest):
    pass


THOROUGH = ("Also read the text as restore does: spans averaged with it (more spun words found at the same "
            "precision) and the document's probability from it, at restore's speed.")


class DetectRequest(TextRequest):
    threshold: float = Field(0.5, ge=0.0, le=1.0, description="Probability at or above which the text is spun.")
    span_threshold: float | None = Field(None, ge=0.0, le=1.0, description="Probability at or above which a span "
                                         "is flagged (default: fitted so that nine in ten flagged spans are spun).")
    read_terms: bool = Field(True, description="Read each new disguise of a known term in place: more new "
                             "tortured phrases found, about 3% slower (language model only).")
    thorough: bool = Field(False, description=THOROUGH)


MAX_BATCH_TEXTS = 256


class DetectBatchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    texts: list[str] = Field(min_length=1, max_length=MAX_BATCH_TEXTS,
                             json_schema_extra={"items": {"type": "string", **TEXT_RULES}},
                             description=f"The texts to examine (1 to {MAX_BATCH_TEXTS}); short ones are read "
                                         "together, several times faster than one request each.",
                             examples=[["The rustic faced a battle.", "The city council met on Monday."]])
    fast: bool | None = Field(None, description="Use the fast n-gram scorer instead of the language model. "
                                                "Defaults to the server's setting.")
    threshold: float = Field(0.5, ge=0.0, le=1.0, description="Probability at or above which a text is spun.")
    span_threshold: float | None = Field(None, ge=0.0, le=1.0, description="Probability at or above which a span "
                                         "is flagged (default: fitted so that nine in ten flagged spans are spun).")
    read_terms: bool = Field(True, description="Read each new disguise of a known term in place: more new "
                             "tortured phrases found, about 3% slower (language model only).")
    thorough: bool = Field(False, description=THOROUGH)
    learn_batch: bool = Field(True, description="The texts are one collection (a site, a crawl): when they look like "
                              "one spinner's output, learn the pairs it repeats across them and read each text with "
                              "them (five texts or more; `batch_note` in the answer says what was decided).")
    known_spinners: bool = Field(True, description=KNOWN_SPINNERS)


class TraceRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    text: str = Field(description="The (possibly spun) text whose source to find in the index.",
                      json_schema_extra=TEXT_RULES)
    top: WholeNumber = Field(5, ge=1, le=50, description="How many candidate sources to return at most.")


def checked_texts(texts: list[str]) -> list[str]:
    """`checked_text` for each text of a batch; the error names the first bad one (texts[i])."""
    out = []
    for i, text in enumerate(texts):
        try:
            out.append(checked_text(text))
        except ApiError as exc:
            raise ApiError(exc.status, exc.code, f"texts[{i}]: {exc.message}") from None
    return out


def checked_text(text: str) -> str:
    """Refuse text the pipeline cannot work on: empty, NUL bytes, or lone surrogates from broken JSON escapes."""
    if not text.strip():
        raise ApiError(422, "empty_text", "the text is empty; send some words to examine")
    if "\x00" in text:
        raise ApiError(422, "invalid_text", "the text contains NUL characters; send plain text, not binary data")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ApiError(422, "invalid_text",
                       f"the text is not valid Unicode (unpaired surrogate at character {exc.start})") from None
    return text


class ExtractRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    html: str = Field(description="A web page's HTML; its main text (menus, ads and scripts dropped) is returned.",
                      json_schema_extra=TEXT_RULES,
                      examples=["<html><body><nav>Home</nav><article><p>The rustic faced a battle.</p></article>"
                                "</body></html>"])
