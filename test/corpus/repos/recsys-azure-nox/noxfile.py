import nox


@nox.session(python=["3.11"])
def tests(session: nox.Session) -> None:
    session.install("-r", "requirements.txt", "pytest")
    session.install("-e", ".")
    session.run("pytest", "-q", "tests", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    session.install("ruff")
    session.run("ruff", "check", "src", "tests")
