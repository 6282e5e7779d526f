"""Pydantic models of every record the warehouse accepts (DESIGN §3). No I/O."""
