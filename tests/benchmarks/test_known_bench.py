"""known_bench's grouping of spun sites: each site whole in one group, the same group on every run."""
from benchmarks.known_bench import site_group

SITES = [f"site{k}.example" for k in range(50)]


def test_without_folds_each_site_is_its_own_group():
    assert [site_group(s, 0) for s in SITES] == SITES


def test_folds_put_every_site_in_one_of_n_stable_groups():
    groups = [site_group(s, 10) for s in SITES]
    assert set(groups) <= {str(k) for k in range(10)} and len(set(groups)) > 5
    # a hash of the name, not Python's salted one: the groups of docs/experiments.md (session 18) on every run
    assert [site_group(s, 10) for s in ("recentlyheard.com", "thewall.fyi", "gaaming.net")] == ["4", "0", "1"]
