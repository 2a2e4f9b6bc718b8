"""A data product's live preview: sample rows read on demand, never stored, PII masked.

Kept empty of imports: `catalog.settings` imports `catalog.preview.config`; the service is
`catalog.preview.service.PreviewService`."""
