"""One module per document family; `registry.FAMILIES` lists them in detection order."""
