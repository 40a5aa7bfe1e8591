"""A tiny thesaurus for fast spinner tests (no Moby, no WordNet)."""

TINY = {
    "country": ["rural", "nation", "land"],
    "war": ["combat", "conflict"],
    "report": ["account", "story"],
    "like": ["favor", "enjoy"],
    "big": ["large", "huge"],
    "city": ["metropolis", "town"],
    "crude oil": ["raw petroleum"],
    "house": ["home", "dwelling place"],
    "fast": ["quick", "rapid"],
    "dog": ["hound", "canine"],
    "run": ["sprint", "dash"],
    "red": ["crimson", "scarlet"],
}

TEXT = (
    'The country was at war.  The big city reports about crude oil\n'
    '"The dog liked the red house," she said; the fast dog runs to the city.\n\n'
    'Country, war, CITY and crude oil: big reports.'
)
