"""The text layer below cleaning and extraction: quotation and sentence spans, the date grammar,
and person-name tokens. It imports nothing else of the package."""
