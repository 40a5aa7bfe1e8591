"""Makes the repository's `benchmarks` package importable however pytest is started, plus tiny fixtures."""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TINY = {
    "country": ["rural", "nation"],
    "war": ["combat", "conflict"],
    "city": ["metropolis", "town"],
    "report": ["account"],
    "big": ["large", "huge"],
    "dog": ["hound"],
}
