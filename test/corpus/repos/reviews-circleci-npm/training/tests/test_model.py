import torch

from training.train import build_model


def test_logits_shape_and_finite():
    model = build_model().eval()
    with torch.no_grad():
        logits = model(input_ids=torch.ones((3, 12), dtype=torch.long)).logits
    assert logits.shape == (3, 2)
    assert torch.isfinite(logits).all()
