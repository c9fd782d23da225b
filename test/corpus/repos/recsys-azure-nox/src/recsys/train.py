import argparse

import mlflow
import pandas as pd
import torch
from torch.utils.data import DataLoader

from recsys.data import Interactions
from recsys.features import index_ids
from recsys.model import TwoTower, loss

torch.manual_seed(7)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--interactions", required=True)
    parser.add_argument("--epochs", type=int, default=5)
    args = parser.parse_args()
    log, _, _ = index_ids(pd.read_parquet(args.interactions))
    n_users, n_items = log.user_idx.max() + 1, log.item_idx.max() + 1
    model = TwoTower(n_users, n_items)
    optim = torch.optim.Adam(model.parameters(), lr=1e-3)
    loader = DataLoader(Interactions(log.user_idx.values, log.item_idx.values, n_items), batch_size=1024, shuffle=True)
    for epoch in range(args.epochs):
        for users, pos, neg in loader:
            optim.zero_grad()
            value = loss(model(users, pos, neg))
            value.backward()
            optim.step()
        mlflow.log_metric("loss", value.item(), step=epoch)
    mlflow.pytorch.log_model(model, "model", registered_model_name="recsys-two-tower")


if __name__ == "__main__":
    main()
