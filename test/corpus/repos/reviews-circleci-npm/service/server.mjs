import express from "express";
import { readFileSync } from "node:fs";
import * as ort from "onnxruntime-node";
import { encode } from "./tokenize.mjs";

const vocab = new Map(readFileSync("model/vocab.txt", "utf8").split("\n").map((t, i) => [t, i]));
const session = await ort.InferenceSession.create("model/model.onnx");
const app = express();
app.use(express.json({ limit: "64kb" }));

app.post("/predict", async (req, res) => {
  const ids = encode(String(req.body.text ?? ""), vocab);
  const input = new ort.Tensor("int64", BigInt64Array.from(ids.map(BigInt)), [1, ids.length]);
  const mask = new ort.Tensor("int64", BigInt64Array.from(ids.map(() => 1n)), [1, ids.length]);
  const { logits } = await session.run({ input_ids: input, attention_mask: mask });
  const [neg, pos] = logits.data;
  const p = 1 / (1 + Math.exp(neg - pos));
  res.json({ positive: p, label: p >= 0.5 ? "positive" : "negative", model: process.env.MODEL_VERSION ?? "dev" });
});

app.get("/healthz", (_req, res) => res.send("ok"));
app.listen(8080);
