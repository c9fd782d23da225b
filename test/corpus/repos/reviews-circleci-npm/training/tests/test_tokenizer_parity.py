"""The JavaScript tokenizer in service/ must give the ids the Python tokenizer gave in training."""
import json
import subprocess
from pathlib import Path

from transformers import AutoTokenizer

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import { readFileSync } from "node:fs";
import { encode } from "./service/tokenize.mjs";
const vocab = new Map(readFileSync(process.argv[1], "utf8").split("\\n").map((t, i) => [t, i]));
for (const line of readFileSync("service/tests/fixtures/parity.jsonl", "utf8").trim().split("\\n"))
  console.log(JSON.stringify(encode(JSON.parse(line).text, vocab)));
"""


def test_js_and_python_tokenizers_agree(tmp_path):
    tokenizer = AutoTokenizer.from_pretrained("distilbert-base-uncased")
    vocab = tmp_path / "vocab.txt"
    vocab.write_text("\n".join(sorted(tokenizer.vocab, key=tokenizer.vocab.get)))
    out = subprocess.run(["node", "--input-type=module", "-e", SCRIPT, str(vocab)], cwd=ROOT, capture_output=True, text=True, check=True)
    js = [json.loads(line) for line in out.stdout.splitlines()]
    texts = [json.loads(line)["text"] for line in (ROOT / "service/tests/fixtures/parity.jsonl").read_text().splitlines()]
    assert js == [tokenizer(t, truncation=True, max_length=128)["input_ids"] for t in texts]
