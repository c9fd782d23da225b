import argparse

import mlflow
from sentence_transformers import InputExample, SentenceTransformer, losses
from torch.utils.data import DataLoader


def pairs(path: str) -> list[InputExample]:
    with open(path) as f:
        return [InputExample(texts=line.rstrip("\n").split("\t")[:2]) for line in f if "\t" in line]


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", required=True)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--lr", type=float, default=2e-5)
    args = parser.parse_args()
    model = SentenceTransformer("sentence-transformers/all-MiniLM-L6-v2")
    loader = DataLoader(pairs(args.pairs), shuffle=True, batch_size=64)
    with mlflow.start_run():
        mlflow.log_params(vars(args))
        model.fit(train_objectives=[(loader, losses.MultipleNegativesRankingLoss(model))], epochs=args.epochs,
                  optimizer_params={"lr": args.lr})
        model.save("artifacts/qembed")
        mlflow.log_artifacts("artifacts/qembed", "model")
