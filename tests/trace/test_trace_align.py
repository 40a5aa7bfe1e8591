from unspin.trace.align import align


def test_substitutions_map_spun_wording_to_source():
    source = "The country faced a long war in the north and the army was tired."
    spun = "The rural faced a long combat in the north and the army used to be tired."
    a = align(spun, source)
    pairs = [(s.spun, s.source) for s in a.substitutions]
    assert pairs == [("rural", "country"), ("combat", "war"), ("used to be", "was")]
    assert spun[a.substitutions[0].start : a.substitutions[0].end] == "rural"
    assert a.coverage == 1.0
    assert 0.2 < a.substituted_share < 0.4


def test_substitution_at_the_very_end_counts():
    a = align("no evidence of a probe", "no evidence of an investigation")
    assert [(s.spun, s.source) for s in a.substitutions] == [("a probe", "an investigation")]


def test_unrelated_text_has_low_coverage():
    a = align("Bananas are yellow fruit grown in warm places.", "Compilers translate source code into machine code.")
    assert a.coverage < 0.3
    assert a.substitutions == []


def test_partial_copy_covers_query_not_source():
    source = " ".join(f"w{i}" for i in range(100))
    a = align(" ".join(f"w{i}" for i in range(50)), source)
    assert a.coverage == 1.0 and a.source_coverage == 0.5
