"""SLA and freshness monitoring of data products, incidents and who hears about them."""

from catalog.sla.evaluate import Health, evaluate
from catalog.sla.service import SlaService

__all__ = ["Health", "SlaService", "evaluate"]
