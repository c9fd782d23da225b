import re

URL = re.compile(r"https?://\S+")
USER = re.compile(r"@\w+")
REPEAT = re.compile(r"(.)\1{2,}")


def clean(comment: str) -> str:
    comment = URL.sub(" URL ", comment)
    comment = USER.sub(" USER ", comment)
    comment = REPEAT.sub(r"\1\1", comment)
    return " ".join(comment.lower().split())
