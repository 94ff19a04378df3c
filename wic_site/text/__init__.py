"""The text layer below cleaning and extraction: quotation and sentence spans, the date grammar,
person-name tokens, the byline grammar, and the word lists they read (data.py). It imports
nothing else of the package but the leaf modules errors and yamlfile."""
