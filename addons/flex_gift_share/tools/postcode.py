"""Postcode formats per country, as the postal services define them.

Odoo's ``res.country`` says whether a country asks for a postcode (``zip_required``) but not
what one looks like. The patterns below follow the postal formats that address forms commonly
check (the same as Google's address data, simplified where a looser pattern is clearer), with
one example each for the message shown to the recipient. A country not listed here has no
pattern: any postcode up to :data:`MAX_LENGTH` characters is taken.
"""

import re

MAX_LENGTH = 16

# ISO country code -> (pattern, example). Matched on the whole value, uppercased, with runs of
# spaces made single (see :func:`normalize`).
FORMATS = {
    "AR": (r"[A-Z]?\d{4}(?:[A-Z]{3})?", "C1425"),
    "AT": (r"\d{4}", "1010"),
    "AU": (r"\d{4}", "2000"),
    "BE": (r"\d{4}", "1000"),
    "BG": (r"\d{4}", "1000"),
    "BR": (r"\d{5}-?\d{3}", "01310-100"),
    "CA": (r"[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d", "K1A 0B1"),
    "CH": (r"\d{4}", "8001"),
    "CL": (r"\d{7}", "8320000"),
    "CN": (r"\d{6}", "310000"),
    "CY": (r"\d{4}", "1010"),
    "CZ": (r"\d{3} ?\d{2}", "110 00"),
    "DE": (r"\d{5}", "10115"),
    "DK": (r"\d{4}", "1050"),
    "EE": (r"\d{5}", "10111"),
    "EG": (r"\d{5}", "11511"),
    "ES": (r"\d{5}", "28001"),
    "FI": (r"\d{5}", "00100"),
    "FR": (r"\d{2} ?\d{3}", "75001"),
    "GB": (r"GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|BFPO ?\d{1,4}", "SW1A 1AA"),
    "GR": (r"\d{3} ?\d{2}", "105 57"),
    "HR": (r"\d{5}", "10000"),
    "HU": (r"\d{4}", "1051"),
    "ID": (r"\d{5}", "10110"),
    "IE": (r"[\dA-Z]{3} ?[\dA-Z]{4}", "D02 X285"),
    "IL": (r"\d{5}(?:\d{2})?", "9614303"),
    "IN": (r"\d{3} ?\d{3}", "110001"),
    "IS": (r"\d{3}", "101"),
    "IT": (r"\d{5}", "00184"),
    "JP": (r"\d{3}-?\d{4}", "100-0001"),
    "KR": (r"\d{5}", "03187"),
    "LT": (r"(?:LT-?)?\d{5}", "LT-01100"),
    "LU": (r"(?:L-?)?\d{4}", "1009"),
    "LV": (r"(?:LV-?)?\d{4}", "LV-1050"),
    "MA": (r"\d{5}", "10000"),
    "MT": (r"[A-Z]{3} ?\d{2,4}", "VLT 1117"),
    "MX": (r"\d{5}", "06000"),
    "MY": (r"\d{5}", "50000"),
    "NL": (r"\d{4} ?[A-Z]{2}", "1012 AB"),
    "NO": (r"\d{4}", "0150"),
    "NZ": (r"\d{4}", "6011"),
    "PH": (r"\d{4}", "1000"),
    "PL": (r"\d{2}-\d{3}", "00-950"),
    "PT": (r"\d{4}-\d{3}", "1100-148"),
    "RO": (r"\d{6}", "010011"),
    "RU": (r"\d{6}", "101000"),
    "SA": (r"\d{5}(?:-?\d{4})?", "11564"),
    "SE": (r"\d{3} ?\d{2}", "111 22"),
    "SG": (r"\d{6}", "018956"),
    "SI": (r"(?:SI-?)?\d{4}", "1000"),
    "SK": (r"\d{3} ?\d{2}", "811 01"),
    "TH": (r"\d{5}", "10200"),
    "TR": (r"\d{5}", "34000"),
    "TW": (r"\d{3}(?:\d{2,3})?", "100"),
    "UA": (r"\d{5}", "01001"),
    "US": (r"\d{5}(?:[ -]?\d{4})?", "20001"),
    "VN": (r"\d{5,6}", "100000"),
    "ZA": (r"\d{4}", "2000"),
}

_COMPILED = {code: re.compile(pattern) for code, (pattern, _example) in FORMATS.items()}


def normalize(value):
    """``value`` as stored: stripped, uppercased, runs of white space made one space."""
    return " ".join((value or "").split()).upper()


def example(country_code):
    """An example postcode of the country (none: the country has no known format)."""
    return FORMATS.get((country_code or "").upper(), (None, None))[1]


def is_valid(country_code, value):
    """Whether ``value`` (normalized) is a postcode of the country; True for a country without
    a known format, as long as it is not longer than :data:`MAX_LENGTH`."""
    value = normalize(value)
    if len(value) > MAX_LENGTH:
        return False
    pattern = _COMPILED.get((country_code or "").upper())
    return pattern is None or pattern.fullmatch(value) is not None
