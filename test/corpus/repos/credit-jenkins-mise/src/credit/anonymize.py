"""Removes personal data from the free-text application notes before they reach the feature store."""
from presidio_analyzer import AnalyzerEngine
from presidio_anonymizer import AnonymizerEngine

_analyzer = AnalyzerEngine()
_anonymizer = AnonymizerEngine()
ENTITIES = ["PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "IBAN_CODE", "LOCATION", "DATE_TIME"]


def scrub(text: str) -> str:
    findings = _analyzer.analyze(text=text, entities=ENTITIES, language="en")
    return _anonymizer.anonymize(text=text, analyzer_results=findings).text
