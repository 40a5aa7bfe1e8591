"""Candidate generation: direct thesaurus pairs first, then entry neighbours when asked for."""
from unspin.candidates import CandidateGenerator
from unspin.doc import Doc


def test_entry_neighbours_reach_originals_no_direct_pair_gives(tiny_index):
    doc = Doc.from_text("The nation voted.")
    direct = CandidateGenerator(tiny_index)(doc)[1]
    assert {c.original for c in direct} == {"country"} and not any(c.related for c in direct)
    wider = CandidateGenerator(tiny_index, related_per_span=5)(doc)[1]
    related = [c for c in wider if c.related]
    assert {c.original for c in related} == {"rural", "land"}
    assert all(c.channel < direct[0].channel for c in related)
    assert wider[: len(direct)] == direct  # direct pairs keep their place at the front
