"""Translation coverage: text inventories per locale, checks, release view, translator worklist."""
