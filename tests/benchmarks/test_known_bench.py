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


def test_each_group_is_read_with_a_profile_learned_from_the_other_groups_pages():
    from benchmarks.known_bench import held_out_groups

    pages = [{"id": f"{site}-{k}", "site": site, "spun": f"The officials stated plan {site} {k} would fail.",
              "original": f"The officials said plan {site} {k} would fail."} for site in ("a.example", "b.example")
             for k in range(2 if site == "a.example" else 3)]
    groups = list(held_out_groups(pages))
    assert [(g, [p["id"] for p in held]) for g, held, _ in groups] == [
        ("a.example", ["a.example-0", "a.example-1"]), ("b.example", ["b.example-0", "b.example-1", "b.example-2"])]
    assert [profile.notes["pairs_read"] for _, _, profile in groups] == [3, 2]
    earlier = groups[0][2]  # a profile of three pages, as if learned before: each group's is added to it
    grown = list(held_out_groups(pages, onto=earlier))
    assert [profile.notes["pairs_read"] for _, _, profile in grown] == [6, 5]
    assert grown[1][2].pairs["stated"]["said"]["count"] == 5


def test_a_run_of_the_first_groups_only_says_which_pages_it_read():
    from benchmarks.known_bench import _read

    assert _read({"pages": 706, "read": 706, "groups_read": 10}) == ""
    assert _read({"pages": 706, "read": 212, "groups_read": 3}) == \
        "the 212 pages of the first 3 groups read, of which "
