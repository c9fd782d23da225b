from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

from toxicity.text import clean


def tfidf_logreg(C: float = 4.0):
    return make_pipeline(TfidfVectorizer(preprocessor=clean, ngram_range=(1, 2), min_df=3, sublinear_tf=True),
                         LogisticRegression(C=C, max_iter=1000, class_weight="balanced"))
