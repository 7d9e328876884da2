"""Two tiny scenarios for the strength runner's own test (run by path only: the name is not test_*).

One checks the surname it registered, so a fault on it is noticed; neither looks at creationTimestamp."""
from __future__ import annotations

import os
import uuid

import requests

BASE = os.environ.get("WEAVR_BASE_URL", "")


def _corporate():
    control = {"x-control-key": os.environ["WEAVR_EMULATOR_CONTROL_KEY"]} if os.environ.get("WEAVR_EMULATOR_CONTROL_KEY") else {}
    programme = requests.get(f"{BASE}/_emulator/programme", headers=control, timeout=10).json()
    key = {"api-key": programme["apiKey"]}
    body = {"profileId": programme["profiles"]["corporate"], "ipAddress": "127.0.0.1", "baseCurrency": "EUR",
            "rootUser": {"name": "Ann", "surname": "Lee", "email": f"s.{uuid.uuid4().hex[:10]}@example.com",
                         "mobile": {"countryCode": "+356", "number": "79000000"}, "companyPosition": "DIRECTOR"},
            "company": {"name": "Acme", "type": "LLC", "registrationCountry": "MT"}}
    created = requests.post(f"{BASE}/multi/corporates", json=body, headers=key, timeout=10)
    assert created.status_code == 200, created.text
    corporate_id = created.json()["id"]["id"]
    login = requests.post(f"{BASE}/multi/passwords/{corporate_id}/create", json={"password": {"value": "Passw0rd!"}},
                          headers=key, timeout=10)
    assert login.status_code == 200, login.text
    return {**key, "authorization": f"Bearer {login.json()['token']}"}


def test_the_corporate_reads_its_surname_back():
    headers = _corporate()
    me = requests.get(f"{BASE}/multi/corporates", headers=headers, timeout=10)
    assert me.status_code == 200 and me.json()["rootUser"].get("surname") == "Lee"


def test_the_corporate_is_read_without_looking_closely():
    headers = _corporate()
    assert requests.get(f"{BASE}/multi/corporates", headers=headers, timeout=10).status_code == 200
