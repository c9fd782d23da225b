import torch

from recsys.model import TwoTower, loss


def test_scores_shape():
    model = TwoTower(10, 20, dim=8)
    scores = model(torch.tensor([1, 2]), torch.tensor([3, 4]), torch.randint(0, 20, (2, 5)))
    assert scores.shape == (2, 6)


def test_loss_decreases_on_a_tiny_batch():
    torch.manual_seed(0)
    model = TwoTower(4, 6, dim=8)
    optim = torch.optim.Adam(model.parameters(), lr=0.05)
    users, pos, neg = torch.tensor([0, 1, 2, 3]), torch.tensor([0, 1, 2, 3]), torch.tensor([[4, 5]] * 4)
    first = loss(model(users, pos, neg)).item()
    for _ in range(30):
        optim.zero_grad()
        value = loss(model(users, pos, neg))
        value.backward()
        optim.step()
    assert value.item() < first
