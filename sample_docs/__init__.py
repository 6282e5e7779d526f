"""Sample PDFs reconstructed from the seed documents, and the script that builds them."""
