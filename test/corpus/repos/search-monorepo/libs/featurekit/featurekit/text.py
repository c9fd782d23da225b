"""Query-document features, imported by the ranking trainer and by the ranking service alike."""
import math


def tokens(text: str) -> list[str]:
    return [t for t in "".join(c.lower() if c.isalnum() else " " for c in text).split() if t]


def query_doc_overlap(query: str, doc: str) -> float:
    q, d = set(tokens(query)), set(tokens(doc))
    return len(q & d) / len(q) if q else 0.0


def bm25(query: str, doc: str, df: dict[str, int], n_docs: int, avg_len: float, k1: float = 1.2, b: float = 0.75) -> float:
    words = tokens(doc)
    score = 0.0
    for term in set(tokens(query)):
        tf = words.count(term)
        if tf == 0:
            continue
        idf = math.log(1 + (n_docs - df.get(term, 0) + 0.5) / (df.get(term, 0) + 0.5))
        score += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * len(words) / avg_len))
    return score
