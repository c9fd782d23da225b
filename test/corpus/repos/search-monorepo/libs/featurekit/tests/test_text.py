from hypothesis import given
from hypothesis import strategies as st

from featurekit.text import bm25, query_doc_overlap


def test_overlap():
    assert query_doc_overlap("red shoes", "Shoes, red and blue") == 1.0
    assert query_doc_overlap("", "anything") == 0.0


@given(st.text(), st.text())
def test_overlap_is_a_fraction(query, doc):
    assert 0.0 <= query_doc_overlap(query, doc) <= 1.0


@given(st.text(), st.text())
def test_bm25_is_never_negative(query, doc):
    assert bm25(query, doc, {}, n_docs=1000, avg_len=20.0) >= 0.0
