"""ISO 3166 country codes: the Simulator names a purchase's country in alpha-3 (`MLT`), spend rules list
countries in alpha-2 (`MT`). The table covers Europe, the Americas' and Asia-Pacific's larger markets and
the Middle East and Africa's; a code outside it matches no rule's country (areas/managed_cards/choices.md)."""
from __future__ import annotations

_PAIRS = """
AUT AT BEL BE BGR BG HRV HR CYP CY CZE CZ DNK DK EST EE FIN FI FRA FR DEU DE GRC GR HUN HU IRL IE ITA IT
LVA LV LTU LT LUX LU MLT MT NLD NL POL PL PRT PT ROU RO SVK SK SVN SI ESP ES SWE SE ISL IS LIE LI NOR NO
CHE CH GBR GB GIB GI IMN IM JEY JE GGY GG MCO MC SMR SM AND AD VAT VA ALB AL BIH BA MNE ME MKD MK SRB RS
MDA MD UKR UA BLR BY RUS RU TUR TR GEO GE ARM AM AZE AZ USA US CAN CA MEX MX BRA BR ARG AR CHL CL COL CO
PER PE URY UY AUS AU NZL NZ JPN JP CHN CN HKG HK SGP SG KOR KR IND IN IDN ID MYS MY THA TH VNM VN PHL PH
TWN TW ARE AE SAU SA QAT QA ISR IL EGY EG ZAF ZA NGA NG KEN KE MAR MA TUN TN
"""
_WORDS = _PAIRS.split()
ALPHA3_TO_ALPHA2 = dict(zip(_WORDS[0::2], _WORDS[1::2]))


def alpha2(alpha3: str | None) -> str | None:
    return ALPHA3_TO_ALPHA2.get(alpha3) if alpha3 else None
