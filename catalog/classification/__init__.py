"""PII classification: info types, name and value detectors, scores with reasons
(combine), the decision rules of runs, the service, and propagation along lineage."""

from catalog.classification.combine import CLASSIFIER_VERSION, Classifier, Result

__all__ = ["CLASSIFIER_VERSION", "Classifier", "Result"]
