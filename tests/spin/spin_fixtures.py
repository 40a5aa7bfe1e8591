"""A tiny thesaurus for fast spinner tests (no Moby, no WordNet)."""

TINY = {
    "country": ["rustic", "nation", "land"],
    "war": ["battle", "conflict"],
    "report": ["account", "story"],
    "like": ["favor", "enjoy"],
    "big": ["large", "huge"],
    "city": ["metropolis", "town"],
    "natural gas": ["herbal gasoline"],
    "house": ["home", "dwelling place"],
    "fast": ["quick", "rapid"],
    "dog": ["hound", "canine"],
    "run": ["sprint", "dash"],
    "red": ["crimson", "scarlet"],
}

TEXT = (
    'The country was at war.  The big city reports about natural gas\n'
    '"The dog liked the red house," she said; the fast dog runs to the city.\n\n'
    'Country, war, CITY and natural gas: big reports.'
)
