import numpy as np

from trainer.model import build_model


def test_output_is_a_distribution_over_classes():
    model = build_model(num_classes=2)
    out = model.predict(np.zeros((2, 224, 224, 3), dtype="float32"), verbose=0)
    assert out.shape == (2, 2)
    np.testing.assert_allclose(out.sum(axis=1), 1.0, rtol=1e-5)
