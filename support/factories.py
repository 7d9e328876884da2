"""Fresh, unique test data for every scenario, so scenarios never collide (xdist, random order, live sandbox)."""
from __future__ import annotations

import os
import secrets
import uuid

from faker import Faker

fake = Faker(["en_GB"])
# Set once by the process that starts the run (conftest.py), inherited by every xdist worker.
RUN_ID_VARIABLE = "WEAVR_RUN_ID"


def run_tag() -> str:
    """`qa_<run id>_<8 hex>`: unique, and the run's id lets a team find everything one night made
    (the description's Tag: letters, digits, `_` and `-`, at most 50)."""
    run = os.environ.get(RUN_ID_VARIABLE, "")
    return f"qa_{run}_{uuid.uuid4().hex[:8]}" if run else f"qa_{uuid.uuid4().hex[:8]}"


def unique_email(prefix: str = "qa") -> str:
    # A uuid keeps emails unique across workers, runs and the live sandbox's long memory.
    return f"{prefix}.{uuid.uuid4().hex[:16]}@weavr-suite.example.com"


def password() -> str:
    return f"Qa{secrets.token_hex(5)}!9"


def mobile() -> dict:
    return {"countryCode": "+356", "number": f"79{secrets.randbelow(10**6):06d}"}


def date_of_birth() -> dict:
    born = fake.date_of_birth(minimum_age=21, maximum_age=70)
    return {"year": born.year, "month": born.month, "day": born.day}


def address() -> dict:
    return {"addressLine1": fake.street_address()[:150], "city": fake.city()[:50],
            "postCode": "VLT 1010", "country": "MT"}


def root_user(email: str | None = None) -> dict:
    return {"name": fake.first_name()[:50], "surname": fake.last_name()[:50], "email": email or unique_email("root"),
            "mobile": mobile(), "companyPosition": "DIRECTOR", "dateOfBirth": date_of_birth()}


def corporate(profile_id: str, currency: str = "EUR", **overrides) -> dict:
    body = {
        "profileId": profile_id,
        "tag": run_tag(),
        "rootUser": root_user(),
        "company": {"name": fake.company()[:100], "type": "LLC", "registrationNumber": f"C{secrets.randbelow(10**6)}",
                    "registrationCountry": "MT", "businessAddress": address()},
        "ipAddress": "127.0.0.1",
        "baseCurrency": currency,
    }
    body.update(overrides)
    return body


def consumer(profile_id: str, **overrides) -> dict:
    """A consumer registration with fresh data: a unique root email, a mobile, a birth date and an address."""
    body = {
        "profileId": profile_id,
        "tag": run_tag(),
        "rootUser": {"name": fake.first_name()[:20], "surname": fake.last_name()[:20],
                     "email": unique_email("consumer"), "mobile": mobile(),
                     "dateOfBirth": date_of_birth(), "address": address()},
        "ipAddress": "127.0.0.1",
        "baseCurrency": "EUR",
    }
    body.update(overrides)
    return body
