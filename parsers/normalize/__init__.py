"""Normalisation of printed Japanese figures, dates and text (DESIGN §4, issue #4).

Every figure the warehouse holds passes through here. Each function either returns an exact value or
raises NormalizationError with the raw text and the reason; nothing else escapes, on any input.
"""

from parsers.normalize.eras import Period, parse_fiscal_year, parse_period
from parsers.normalize.errors import NormalizationError
from parsers.normalize.numbers import NumberValue, parse_amount_yen, parse_number, parse_numbers
from parsers.normalize.text import clean_text
from parsers.normalize.tokens import Token, path_cost, tokenize

__all__ = [
    "NormalizationError",
    "NumberValue",
    "Period",
    "Token",
    "clean_text",
    "parse_amount_yen",
    "parse_fiscal_year",
    "parse_number",
    "parse_numbers",
    "parse_period",
    "path_cost",
    "tokenize",
]
