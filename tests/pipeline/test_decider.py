"""The decider's thresholds: restore's gate, and the decider a known spinner's reading uses."""
import numpy as np

from unspin.pipeline.decider import FEATURES, Decider
from unspin.pipeline.trees import Logistic


def weights():
    return np.zeros(len(FEATURES))


def test_a_known_spinners_text_is_read_with_the_decider_fitted_for_it():
    known = Decider(Logistic(weights()), threshold=0.2)
    own = Decider(Logistic(weights()), threshold=0.4, gated_threshold=0.26, known=known)
    assert own.for_known_spinner() is known and known.cut(0.0, 1000) == 0.2
    assert own.cut(0.0, 1000) is None and own.cut(0.9, 1000) == 0.26  # restore's gate on its own reading


def test_before_a_fit_a_known_spinners_text_is_read_as_spun_at_the_gated_threshold():
    own = Decider(Logistic(weights()), threshold=0.4, gated_threshold=0.26)
    assert own.for_known_spinner().cut(0.0, 1000) == 0.26
    assert Decider(Logistic(weights()), threshold=0.4).for_known_spinner().cut(0.0, 1000) == 0.4
