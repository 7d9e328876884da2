"""In-process access to the emulator for its own tests: strict mode, so any answer that breaks
the contract fails the test that provoked it."""
from __future__ import annotations

import json
import uuid
from urllib.parse import urlencode

from emulator.app import EmulatorApp
from emulator.programme import load_programme
from support.driver import Api


class Emu:
    def __init__(self):
        self.app = EmulatorApp(load_programme(), strict=True)
        self.programme = self.app.world.programme

    def call(self, method: str, path: str, body=None, *, token: str | None = None, api_key: str | None = "default",
             headers: dict | None = None, query: str = "", raw: bytes | None = None, mount: str = "/multi"):
        sent = {}
        if api_key is not None:
            sent["api-key"] = self.programme["apiKey"] if api_key == "default" else api_key
        if token:
            sent["authorization"] = f"Bearer {token}"
        payload = raw if raw is not None else (json.dumps(body).encode() if body is not None else b"")
        if payload:
            sent["content-type"] = "application/json"
        # A header given as None is left out: a test can send a body without a content type.
        sent.update({k.lower(): v for k, v in (headers or {}).items()})
        sent = {k: v for k, v in sent.items() if v is not None}
        return self.app.handle(method, mount + path, query, sent, payload)

    def simulate(self, method: str, path: str, body=None, *, token: str | None = None):
        return self.call(method, path, body, token=token, api_key=None, mount="/simulate/api",
                         headers={"programme-key": self.programme["programmeKey"]})

    @property
    def api(self) -> Api:
        """The API driver (support/driver) over this in-process emulator."""
        return Api.of_programme(self._multi, self._simulator, self.programme)

    def _multi(self, method, path, body=None, *, token=None, headers=None, query=None):
        return self.call(method, path, body, token=token, headers=headers, query=urlencode(query or {}, doseq=True))

    def _simulator(self, method, path, body=None, *, token=None, headers=None, query=None):
        return self.simulate(method, path, body, token=token)

    def corporate_body(self, email: str | None = None) -> dict:
        return {"profileId": self.programme["profiles"]["corporate"],
                "rootUser": {"name": "Ann", "surname": "Lee", "email": email or unique_email(),
                             "mobile": {"countryCode": "+356", "number": "79000000"}, "companyPosition": "DIRECTOR"},
                "company": {"name": "Acme", "type": "LLC", "registrationCountry": "MT"},
                "ipAddress": "127.0.0.1", "baseCurrency": "EUR"}

    def corporate(self, password: str = "Passw0rd!") -> dict:
        """A registered corporate with a password; returns ids, email, password and token."""
        body = self.corporate_body()
        created = self.call("POST", "/corporates", body)
        assert created.status == 200, created.body
        corporate_id = created.body["id"]["id"]
        answer = self.call("POST", f"/passwords/{corporate_id}/create", {"password": {"value": password}})
        assert answer.status == 200, answer.body
        return {"id": corporate_id, "email": body["rootUser"]["email"], "password": password,
                "token": answer.body["token"]}

    def stepped_up(self, corporate: dict) -> str:
        token = corporate["token"]
        code = self.programme["sandboxCodes"]["otp"]
        for path, body in (("/authentication_factors/otp/SMS", None),
                           ("/authentication_factors/otp/SMS/verify", {"verificationCode": code}),
                           ("/stepup/challenges/otp/SMS", None),
                           ("/stepup/challenges/otp/SMS/verify", {"verificationCode": code})):
            answer = self.call("POST", path, body, token=token)
            assert answer.status == 204, (path, answer.status, answer.body)
        return token


def unique_email() -> str:
    return f"emu.{uuid.uuid4().hex[:12]}@weavr-suite.example.com"
