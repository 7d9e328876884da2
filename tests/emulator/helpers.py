"""In-process access to the emulator for its own tests: strict mode, so any answer that breaks
the contract fails the test that provoked it."""
from __future__ import annotations

import json
from urllib.parse import urlencode

from emulator.app import EmulatorApp
from emulator.programme import load_programme
from support.driver import Api, auth, identities, managed_accounts


class Emu:
    def __init__(self, app: EmulatorApp | None = None):
        self.app = app or EmulatorApp(load_programme(), strict=True)
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
        return identities.corporate_body(self.api, email)

    def corporate(self, password: str = identities.PASSWORD) -> dict:
        """A registered corporate with a password; returns ids, email, password and token."""
        return identities.onboard(self.api, "corporates", password=password).as_dict()

    def stepped_up(self, corporate: dict) -> str:
        token = corporate["token"]
        auth.enrol_sms(self.api, token)
        auth.step_up(self.api, token)
        return token


# -- set-ups the tests of several areas share, each the driver's act -------------------------------------
def verified_corporate(emu: Emu) -> dict:
    """A corporate with a password whose KYB the Simulator approved (its email and mobile verified too)."""
    return identities.onboard(emu.api, "corporates", verified=True).as_dict()


def verified_consumer(emu: Emu) -> dict:
    return identities.onboard(emu.api, "consumers", verified=True).as_dict()


def create_account(emu: Emu, owner: dict, **overrides) -> dict:
    """A new EUR managed account named "Main" unless overridden; its body as answered."""
    return managed_accounts.open_account(emu.api, owner["token"], **overrides)


def deposit(emu: Emu, account_id: str, amount, currency: str = "EUR", **extra) -> str:
    """The Simulator's deposit to the account, which must be taken; its `code`."""
    answer = managed_accounts.deposit(emu.api, account_id, amount, currency, **extra)
    assert answer.status == 200, answer.body
    return answer.body["code"]


def unique_email() -> str:
    return identities.unique_email("emu")
