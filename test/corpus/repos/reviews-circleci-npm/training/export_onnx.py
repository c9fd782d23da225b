import torch
from transformers import AutoModelForSequenceClassification

if __name__ == "__main__":
    model = AutoModelForSequenceClassification.from_pretrained("model").eval()
    ids = torch.ones((1, 16), dtype=torch.long)
    torch.onnx.export(model, (ids, ids), "model/model.onnx", input_names=["input_ids", "attention_mask"],
                      output_names=["logits"], dynamic_axes={"input_ids": {1: "seq"}, "attention_mask": {1: "seq"}}, opset_version=17)
