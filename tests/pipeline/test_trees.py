"""The decider's tree ensemble read from JSON scores as scikit-learn's gradient boosting that fitted it."""
import json

import numpy as np
import pytest
from benchmarks.fit_decider import export_trees
from sklearn.ensemble import HistGradientBoostingClassifier

from unspin.pipeline.decider import FEATURES, Decider
from unspin.pipeline.trees import Logistic, Mean, TreeEnsemble


def fitted(seed: int = 0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(600, len(FEATURES)))
    y = ((x[:, 1] > 0.3) & (x[:, 9] < 0.5) | (x[:, 3] * x[:, 4] > 1)).astype(int)
    model = HistGradientBoostingClassifier(max_iter=30, max_leaf_nodes=8).fit(x, y)
    return model, rng.normal(size=(200, len(FEATURES)))


def test_the_ensemble_read_back_from_json_gives_scikit_learns_probabilities():
    model, probe = fitted()
    trees = TreeEnsemble.from_json(json.loads(json.dumps(export_trees(model, FEATURES))), FEATURES)
    ours = [Decider(trees).probability(row) for row in probe]
    assert np.allclose(ours, model.predict_proba(probe)[:, 1], atol=1e-9)


def test_fixed_weights_add_to_the_trees_log_odds():
    model, probe = fitted(1)
    plain = TreeEnsemble.from_json(export_trees(model, FEATURES), FEATURES)
    listed = TreeEnsemble.from_json(export_trees(model, FEATURES, fixed={"tortured": 10.0}), FEATURES)
    row = probe[0].copy()
    row[FEATURES.index("tortured")] = 1.0
    assert listed.log_odds(row) == pytest.approx(plain.log_odds(row) + 10.0)


def test_a_decider_fitted_with_trees_reads_the_mean_of_their_log_odds_and_its_weights(tmp_path):
    model, probe = fitted(2)
    weights = {f: 0.1 * k for k, f in enumerate(FEATURES)}
    entry = {"trees": export_trees(model, FEATURES), "features": list(FEATURES), "weights": weights, "threshold": 0.3}
    path = tmp_path / "decider.json"
    path.write_text(json.dumps({"smollm2": entry}))
    decider = Decider.load("smollm2", path)
    assert isinstance(decider.model, Mean) and decider.threshold == 0.3
    trees = TreeEnsemble.from_json(export_trees(model, FEATURES), FEATURES)
    linear = float(probe[0] @ np.array([weights[f] for f in FEATURES]))
    assert decider.model.log_odds(probe[0]) == pytest.approx((trees.log_odds(probe[0]) + linear) / 2)


def test_a_decider_whose_trees_were_fitted_on_other_features_falls_back_to_hand_set_weights(tmp_path):
    model, _ = fitted()
    weights = {f: 0.0 for f in FEATURES}
    entry = {"trees": export_trees(model, FEATURES), "features": ["bias", "gain"], "weights": weights, "threshold": 0.3}
    path = tmp_path / "decider.json"
    path.write_text(json.dumps({"ngram": entry}))
    stale = Decider.load("ngram", path)
    assert isinstance(stale.model, Logistic) and stale.threshold == 0.5
    assert stale.model.weights[FEATURES.index("tortured")] > 0  # the hand-set weights, not the stale fit's zeros
