"""Page model, table reconstruction and text-layer health, over pdfplumber's objects."""
