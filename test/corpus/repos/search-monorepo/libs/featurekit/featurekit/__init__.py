from featurekit.text import bm25, query_doc_overlap

__all__ = ["bm25", "query_doc_overlap"]
