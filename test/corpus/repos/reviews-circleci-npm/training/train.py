import argparse

import transformers
from datasets import load_from_disk
from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments

BASE = "distilbert-base-uncased"


def build_model():
    return AutoModelForSequenceClassification.from_pretrained(BASE, num_labels=2)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="data/reviews")
    parser.add_argument("--out", default="model")
    args = parser.parse_args()
    transformers.set_seed(42)
    tokenizer = AutoTokenizer.from_pretrained(BASE)
    data = load_from_disk(args.data).map(lambda b: tokenizer(b["text"], truncation=True, max_length=128), batched=True)
    trainer = Trainer(model=build_model(), tokenizer=tokenizer,
                      args=TrainingArguments(args.out, num_train_epochs=2, learning_rate=3e-5, per_device_train_batch_size=32,
                                             evaluation_strategy="epoch", save_strategy="epoch", load_best_model_at_end=True),
                      train_dataset=data["train"], eval_dataset=data["validation"])
    trainer.train()
    trainer.save_model(args.out)
