import torch

from landcover.model import UNet


def test_output_shape_matches_input():
    model = UNet(bands=4, classes=9, width=8)
    assert model(torch.zeros(2, 4, 64, 64)).shape == (2, 9, 64, 64)


def test_overfits_a_single_batch():
    torch.manual_seed(0)
    model = UNet(bands=4, classes=3, width=8, lr=1e-2)
    x, y = torch.randn(2, 4, 32, 32), torch.randint(0, 3, (2, 32, 32))
    optim = model.configure_optimizers()
    first = None
    for _ in range(60):
        optim.zero_grad()
        loss = model.training_step((x, y), 0)
        first = first if first is not None else loss.item()
        loss.backward()
        optim.step()
    assert loss.item() < 0.5 * first
