"""Real identities inside one emulator, so the judge's generated calls reach success answers, not only 401s."""
from __future__ import annotations

import json
import uuid

from emulator.app import EmulatorApp

API = "/multi"


class Credentials:
    """A corporate (stepped up, with a managed account) and a consumer, registered over the app's own front door."""

    def __init__(self, app: EmulatorApp):
        self.app = app
        self.programme = app.world.programme
        self.corporate_id, self.corporate_token = self._identity("corporates", "corporate")
        self._step_up(self.corporate_token)
        verified = app.handle("POST", f"/simulate/api/corporates/{self.corporate_id}/verify", "",
                              {"programme-key": self.programme["programmeKey"]}, b"")
        if verified.status != 204:
            raise RuntimeError(f"judge set-up: the Simulator did not verify the corporate: {verified.status}")
        self.consumer_id, self.consumer_token = self._identity("consumers", "consumer")
        self.user_email = f"judge.{uuid.uuid4().hex[:12]}@weavr-suite.example.com"
        self.user_id = self._call("POST", "/users", self.corporate_token, {
            "name": "Bo", "surname": "Ray", "email": self.user_email,
            "mobile": {"countryCode": "+356", "number": "79111111"}})["id"]
        self._call("POST", f"/users/{self.user_id}/invite", self.corporate_token, None)
        account = self._call("POST", "/managed_accounts", self.corporate_token, {
            "profileId": self.programme["profiles"]["managedAccounts"], "friendlyName": "judge",
            "currency": self.programme["currencies"][0]})
        self.account_id = account["id"]

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

    # -- set-up calls: any failure here is a broken emulator, so it raises ---------------------------
    def _identity(self, area: str, kind: str) -> tuple[str, str]:
        email = f"judge.{uuid.uuid4().hex[:12]}@weavr-suite.example.com"
        setattr(self, f"{kind}_email", email)
        user = {"name": "Ann", "surname": "Lee", "email": email,
                "mobile": {"countryCode": "+356", "number": "79000000"}}
        body = {"profileId": self.programme["profiles"][kind], "ipAddress": "127.0.0.1", "baseCurrency": "EUR"}
        if kind == "corporate":
            body["rootUser"] = {**user, "companyPosition": "DIRECTOR"}
            body["company"] = {"name": "Acme", "type": "LLC", "registrationCountry": "MT"}
        else:
            body["rootUser"] = {**user, "dateOfBirth": {"year": 1990, "month": 1, "day": 1},
                                "address": {"addressLine1": "1 Main St", "city": "Valletta", "postCode": "VLT 1010",
                                            "country": "MT"}}
        created = self._call("POST", f"/{area}", None, body)
        identity_id = created["id"]["id"]
        token = self._call("POST", f"/passwords/{identity_id}/create", None,
                           {"password": {"value": self.PASSWORD}})["token"]
        return identity_id, token

    PASSWORD = "Passw0rd!"

    def _step_up(self, token: str) -> None:
        code = self.programme["sandboxCodes"]["otp"]
        for path, body in (("/authentication_factors/otp/SMS", None),
                           ("/authentication_factors/otp/SMS/verify", {"verificationCode": code}),
                           ("/stepup/challenges/otp/SMS", None),
                           ("/stepup/challenges/otp/SMS/verify", {"verificationCode": code})):
            self._call("POST", path, token, body)

    def _call(self, method: str, path: str, token: str | None, body) -> dict:
        headers = {"api-key": self.programme["apiKey"], "content-type": "application/json"}
        if token:
            headers["authorization"] = f"Bearer {token}"
        answer = self.app.handle(method, API + path, "", headers, json.dumps(body).encode() if body else b"")
        if answer.status >= 300:
            raise RuntimeError(f"judge set-up {method} {path} answered {answer.status}: {answer.body}")
        return answer.body or {}
