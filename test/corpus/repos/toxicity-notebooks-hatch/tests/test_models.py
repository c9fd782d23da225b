from toxicity.models import tfidf_logreg


def test_fits_and_separates_a_toy_set():
    texts = ["you are an idiot", "idiot idiot", "thanks for the help", "great answer, thanks"] * 5
    labels = [1, 1, 0, 0] * 5
    model = tfidf_logreg().set_params(tfidfvectorizer__min_df=1).fit(texts, labels)
    assert list(model.predict(["what an idiot", "thanks a lot"])) == [1, 0]
