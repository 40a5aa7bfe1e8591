"""Numbers and ordinals spelled out or turned into digits, as spinners do ("3" -> "three", "first" -> "1st")."""
from __future__ import annotations

CARDINALS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
             "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]
ORDINALS = ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
            "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
            "eighteenth", "nineteenth", "twentieth"]


def _suffix(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _table() -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for n in range(21):
        table[str(n)] = [CARDINALS[n]]
        table[CARDINALS[n]] = [str(n)]
        if n:
            table[f"{n}{_suffix(n)}"] = [ORDINALS[n]]
            table[ORDINALS[n]] = [f"{n}{_suffix(n)}"]
    table["second"] = ["2nd", "secondly"]  # sense-blind: the unit of time gets the ordinal's spelling too
    return table


NUMBER_RULES: dict[str, list[str]] = _table()
