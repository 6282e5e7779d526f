"""The review site: every extracted value drawn on its page, and a dashboard of the warehouse (issue 17)."""
