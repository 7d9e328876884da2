"""Real identities inside one emulator, so the judge's generated calls reach success answers, not only 401s."""
from __future__ import annotations

import json
from urllib.parse import urlencode

from emulator.app import EmulatorApp
from support.driver import Api, identities, managed_accounts, users

API = "/multi"


def set_up_api(app: EmulatorApp) -> Api:
    """The API driver over the app's front door, for the judge's set-up: any answer above 2xx there is a broken
    emulator, so it raises."""
    programme = app.world.programme

    def door(mount: str, keys: dict):
        def send(method, path, body=None, *, token=None, headers=None, query=None):
            payload = json.dumps(body).encode() if body is not None else b""
            sent = {**keys, **({"content-type": "application/json"} if payload else {})}
            if token:
                sent["authorization"] = f"Bearer {token}"
            sent.update(headers or {})
            answer = app.handle(method, mount + path, urlencode(query or {}), sent, payload)
            if answer.status >= 300:
                raise RuntimeError(f"judge set-up {method} {mount}{path} answered {answer.status}: {answer.body}")
            return answer
        return send

    def expect(answer, status: int, what: str):
        if answer.status != status:
            raise RuntimeError(f"judge set-up: {what} answered {answer.status}, expected {status}: {answer.body}")
        return answer

    return Api.of_programme(door(API, {"api-key": programme["apiKey"]}),
                            door("/simulate/api", {"programme-key": programme["programmeKey"]}), programme,
                            expect=expect)


class Credentials:
    """A corporate (stepped up, verified, with a managed account) and a consumer, registered over the app's own
    front door by the API driver."""

    PASSWORD = identities.PASSWORD

    def __init__(self, app: EmulatorApp):
        self.app = app
        self.programme = app.world.programme
        self.api = api = set_up_api(app)
        corporate = identities.onboard(api, "corporates", identities.corporate_body(api, _email()), step_up=True,
                                       verified=True)
        self.corporate_id, self.corporate_token, self.corporate_email = corporate.id, corporate.token, corporate.email
        consumer = identities.onboard(api, "consumers", identities.consumer_body(api, _email()))
        self.consumer_id, self.consumer_token, self.consumer_email = consumer.id, consumer.token, consumer.email
        self.user_email = _email()
        self.user_id = users.create(api, self.corporate_token, users.user_body(self.user_email)).body["id"]
        users.invite(api, self.corporate_token, self.user_id)
        self.account_id = managed_accounts.open_account(api, self.corporate_token, "judge",
                                                        self.programme["currencies"][0])["id"]

    def token_for(self, operation_id: str) -> str:
        return self.consumer_token if operation_id.startswith("consumer") else self.corporate_token

    def user_id_for(self, path: str) -> str:
        # /users/{user_id} names an authorised user; /passwords/{user_id} a root user.
        return self.user_id if path.startswith("/users") else self.corporate_id

    def email_for(self, path: str) -> str:
        if path.startswith("/consumers"):
            return self.consumer_email
        if path.startswith("/users"):
            return self.user_email
        return self.corporate_email

    def profile_for(self, path: str) -> str | None:
        profiles = self.programme["profiles"]
        for prefix, key in (("/corporates", "corporate"), ("/consumers", "consumer"),
                            ("/managed_accounts", "managedAccounts"), ("/managed_cards", "managedCards")):
            if path.startswith(prefix):
                return profiles[key]
        return None


def _email() -> str:
    return identities.unique_email("judge")
