"""One driver per (operation, outcome): each sets up what it needs in a fresh emulator and makes the call.

Keys are (namespace, operationId, status, errorCode or None); the table in test_answers_match_contract.py
checks the answer's status and errorCode, and strict mode checks the body against its schema.
"""
from __future__ import annotations

from support.driver import auth, identities, managed_accounts, users

from .helpers import Emu, unique_email

PASSWORD = identities.PASSWORD
CODE = "123456"
ADDRESS = {"addressLine1": "1 Main St", "city": "Valletta", "postCode": "VLT 1010", "country": "MT"}
CASES: dict[tuple, callable] = {}


def case(operation_id: str, status: int, error_code: str | None = None, namespace: str = "multi"):
    def register(driver):
        CASES[(namespace, operation_id, status, error_code)] = driver
        return driver
    return register


# -- set-up -------------------------------------------------------------------------------------------
def owner(emu: Emu) -> dict:
    corporate = emu.corporate()
    emu.stepped_up(corporate)
    return corporate


def verified(emu: Emu) -> dict:
    corporate = owner(emu)
    assert identities.simulate_verification(emu.api, "corporates", corporate["id"]).status == 204
    return corporate


def consumer_body(emu: Emu, email: str | None = None) -> dict:
    return identities.consumer_body(emu.api, email)


def consumer(emu: Emu) -> dict:
    return identities.onboard(emu.api, "consumers", password=PASSWORD).as_dict()


def account(emu: Emu, corporate: dict) -> str:
    return managed_accounts.open_account(emu.api, corporate["token"], "main")["id"]


def user(emu: Emu, corporate: dict) -> dict:
    answer = users.create(emu.api, corporate["token"], users.user_body())
    assert answer.status == 200, answer.body
    return answer.body


def invited(emu: Emu, corporate: dict) -> dict:
    created = user(emu, corporate)
    assert users.invite(emu.api, corporate["token"], created["id"]).status == 204
    return created


def push_enrolled(emu: Emu) -> dict:
    corporate = emu.corporate()
    assert auth.enrol_push(emu.api, corporate["token"]).status == 204
    return corporate


def push_challenge(emu: Emu, corporate: dict) -> str:
    answer = auth.push_step_up(emu.api, corporate["token"])
    assert answer.status == 200, answer.body
    return answer.body["id"]


# -- identities ---------------------------------------------------------------------------------------
@case("corporateCreate", 200)
def _(emu):
    return identities.register(emu.api, "corporates", emu.corporate_body())


@case("corporateCreate", 409, "ROOT_EMAIL_NOT_UNIQUE")
def _(emu):
    return identities.register(emu.api, "corporates", emu.corporate_body(emu.corporate()["email"]))


@case("corporateCreate", 400)
def _(emu):
    return identities.register(emu.api, "corporates", {"profileId": "x"})


@case("corporateGet", 200)
def _(emu):
    return emu.call("GET", "/corporates", token=emu.corporate()["token"])


@case("corporateGet", 401)
def _(emu):
    return emu.call("GET", "/corporates")


@case("corporateUpdate", 200)
def _(emu):
    return emu.call("PATCH", "/corporates", {"ipAddress": "127.0.0.2"}, token=owner(emu)["token"])


@case("consumerCreate", 200)
def _(emu):
    return identities.register(emu.api, "consumers", consumer_body(emu))


@case("consumerCreate", 409, "ROOT_EMAIL_NOT_UNIQUE")
def _(emu):
    return identities.register(emu.api, "consumers", consumer_body(emu, consumer(emu)["email"]))


@case("consumerGet", 200)
def _(emu):
    return emu.call("GET", "/consumers", token=consumer(emu)["token"])


@case("consumerGet", 401)
def _(emu):
    return emu.call("GET", "/consumers")


@case("consumerUpdate", 200)
def _(emu):
    return emu.call("PATCH", "/consumers", {"ipAddress": "127.0.0.2"}, token=consumer(emu)["token"])


for _area in ("corporates", "consumers"):
    _operation = "corporate" if _area == "corporates" else "consumer"

    @case(f"{_operation}RootUserEmailVerificationCodeSend", 204)
    def _(emu, area=_area):
        identity = emu.corporate() if area == "corporates" else consumer(emu)
        return emu.call("POST", f"/{area}/verification/email/send", {"email": identity["email"]})

    @case(f"{_operation}RootUserEmailVerify", 204)
    def _(emu, area=_area):
        identity = emu.corporate() if area == "corporates" else consumer(emu)
        emu.call("POST", f"/{area}/verification/email/send", {"email": identity["email"]})
        return emu.call("POST", f"/{area}/verification/email/verify",
                        {"email": identity["email"], "verificationCode": CODE})


@case("corporateKybStart", 200)
def _(emu):
    corporate = emu.corporate()
    emu.call("POST", "/corporates/verification/email/send", {"email": corporate["email"]})
    emu.call("POST", "/corporates/verification/email/verify", {"email": corporate["email"], "verificationCode": CODE})
    return emu.call("POST", "/corporates/kyb", token=emu.stepped_up(corporate))


@case("corporateKybStart", 409, "EMAIL_UNVERIFIED")
def _(emu):
    return emu.call("POST", "/corporates/kyb", token=owner(emu)["token"])


@case("corporateKybGet", 200)
def _(emu):
    return emu.call("GET", "/corporates/kyb", token=emu.corporate()["token"])


@case("consumerKycStart", 200)
def _(emu):
    identity = consumer(emu)
    emu.call("POST", "/consumers/verification/email/send", {"email": identity["email"]})
    emu.call("POST", "/consumers/verification/email/verify", {"email": identity["email"], "verificationCode": CODE})
    return emu.call("POST", "/consumers/kyc", token=emu.stepped_up(identity))


@case("consumerKycGet", 200)
def _(emu):
    return emu.call("GET", "/consumers/kyc", token=consumer(emu)["token"])


@case("corporates_corporate_id_verify", 204, namespace="simulator")
def _(emu):
    return emu.simulate("POST", f"/corporates/{emu.corporate()['id']}/verify")


@case("consumers_consumer_id_verify", 204, namespace="simulator")
def _(emu):
    return emu.simulate("POST", f"/consumers/{consumer(emu)['id']}/verify")


# -- passwords, sign-in, tokens -----------------------------------------------------------------------
@case("passwordCreate", 200)
def _(emu):
    corporate_id = identities.register(emu.api, "corporates", emu.corporate_body()).body["id"]["id"]
    return emu.call("POST", f"/passwords/{corporate_id}/create", {"password": {"value": PASSWORD}})


@case("passwordCreate", 409, "PASSWORD_ALREADY_CREATED")
def _(emu):
    return emu.call("POST", f"/passwords/{emu.corporate()['id']}/create", {"password": {"value": "Other-passw0rd"}})


@case("passwordCreate", 404)
def _(emu):
    return emu.call("POST", "/passwords/999999999/create", {"password": {"value": PASSWORD}})


@case("passwordValidate", 204)
def _(emu):
    return emu.call("POST", "/passwords/validate", {"password": {"value": "Fine-passw0rd"}})


@case("passwordValidate", 409, "PASSWORD_TOO_SHORT")
def _(emu):
    return emu.call("POST", "/passwords/validate", {"password": {"value": "Ab1!"}})


@case("passwordUpdate", 200)
def _(emu):
    corporate = emu.corporate()
    return emu.call("POST", "/passwords/update", {"oldPassword": {"value": PASSWORD},
                                                  "newPassword": {"value": "Newer-passw0rd"}}, token=corporate["token"])


@case("passwordUpdate", 409, "PASSWORD_INCORRECT")
def _(emu):
    corporate = emu.corporate()
    return emu.call("POST", "/passwords/update", {"oldPassword": {"value": "Wrong-passw0rd"},
                                                  "newPassword": {"value": "Newer-passw0rd"}}, token=corporate["token"])


@case("lostPasswordInitiate", 204)
def _(emu):
    return emu.call("POST", "/passwords/lost_password/start", {"email": emu.corporate()["email"]})


@case("lostPasswordResume", 200)
def _(emu):
    email = emu.corporate()["email"]
    emu.call("POST", "/passwords/lost_password/start", {"email": email})
    return emu.call("POST", "/passwords/lost_password/resume",
                    {"email": email, "nonce": CODE, "newPassword": {"value": "Newer-passw0rd"}})


@case("lostPasswordResume", 409, "INVALID_NONCE_OR_EMAIL")
def _(emu):
    return emu.call("POST", "/passwords/lost_password/resume",
                    {"email": unique_email(), "nonce": CODE, "newPassword": {"value": "Newer-passw0rd"}})


@case("loginWithPassword", 200)
def _(emu):
    return emu.call("POST", "/login_with_password", {"email": emu.corporate()["email"], "password": {"value": PASSWORD}})


@case("loginWithPassword", 403)
def _(emu):
    return emu.call("POST", "/login_with_password", {"email": emu.corporate()["email"],
                                                     "password": {"value": "Wrong-passw0rd"}})


@case("loginViaBiometrics", 200)
def _(emu):
    corporate = emu.corporate()
    emu.call("POST", "", {"email": corporate["email"], "channel": "BIOMETRIC"}, mount="/_emulator/factors")
    return emu.call("POST", "/login_via_biometrics", {"email": corporate["email"]})


@case("loginViaBiometrics", 409, "CHANNEL_NOT_REGISTERED")
def _(emu):
    return emu.call("POST", "/login_via_biometrics", {"email": emu.corporate()["email"]})


@case("logout", 204)
def _(emu):
    return emu.call("POST", "/logout", token=emu.corporate()["token"])


@case("logout", 401)
def _(emu):
    return emu.call("POST", "/logout")


@case("requestAccessToken", 200)
def _(emu):
    corporate = emu.corporate()
    return emu.call("POST", "/access_token", {"identity": {"type": "CORPORATE", "id": corporate["id"]}},
                    token=corporate["token"])


@case("userIdentities", 200)
def _(emu):
    return emu.call("GET", "/identities", token=emu.corporate()["token"])


@case("userIdentities", 401)
def _(emu):
    return emu.call("GET", "/identities")


# -- factors and step-up ------------------------------------------------------------------------------
@case("authFactorsGet", 200)
def _(emu):
    return emu.call("GET", "/authentication_factors", token=emu.corporate()["token"])


@case("enrolDeviceUsingOtpStepOne", 204)
def _(emu):
    return emu.call("POST", "/authentication_factors/otp/SMS", token=emu.corporate()["token"])


@case("enrolDeviceUsingOtpStepOne", 409, "CHANNEL_ALREADY_REGISTERED")
def _(emu):
    return emu.call("POST", "/authentication_factors/otp/SMS", token=owner(emu)["token"])


@case("enrolDeviceUsingOtpStepTwo", 204)
def _(emu):
    token = emu.corporate()["token"]
    emu.call("POST", "/authentication_factors/otp/SMS", token=token)
    return emu.call("POST", "/authentication_factors/otp/SMS/verify", {"verificationCode": CODE}, token=token)


@case("enrolDeviceUsingPush", 204)
def _(emu):
    return emu.call("POST", "/authentication_factors/push/AUTHY", token=emu.corporate()["token"])


@case("enrolDeviceUsingPush", 409, "CHANNEL_ALREADY_REGISTERED")
def _(emu):
    return emu.call("POST", "/authentication_factors/push/AUTHY", token=push_enrolled(emu)["token"])


@case("unlinkDeviceUsingPush", 204)
def _(emu):
    token = owner(emu)["token"]
    emu.call("POST", "/authentication_factors/push/AUTHY", token=token)
    return emu.call("DELETE", "/authentication_factors/push/AUTHY", token=token)


@case("unlinkDeviceUsingPush", 403, "STEP_UP_REQUIRED")
def _(emu):
    return emu.call("DELETE", "/authentication_factors/push/AUTHY", token=push_enrolled(emu)["token"])


@case("unlinkDeviceUsingPush", 409, "CHANNEL_NOT_REGISTERED")
def _(emu):
    return emu.call("DELETE", "/authentication_factors/push/AUTHY", token=owner(emu)["token"])


@case("stepupSCAChallenge", 204)
def _(emu):
    token = emu.corporate()["token"]
    emu.call("POST", "/authentication_factors/otp/SMS", token=token)
    emu.call("POST", "/authentication_factors/otp/SMS/verify", {"verificationCode": CODE}, token=token)
    return emu.call("POST", "/stepup/challenges/otp/SMS", token=token)


@case("stepupSCAChallenge", 409, "CHANNEL_NOT_REGISTERED")
def _(emu):
    return emu.call("POST", "/stepup/challenges/otp/SMS", token=emu.corporate()["token"])


@case("stepupSCAVerify", 204)
def _(emu):
    token = emu.corporate()["token"]
    emu.call("POST", "/authentication_factors/otp/SMS", token=token)
    emu.call("POST", "/authentication_factors/otp/SMS/verify", {"verificationCode": CODE}, token=token)
    emu.call("POST", "/stepup/challenges/otp/SMS", token=token)
    return emu.call("POST", "/stepup/challenges/otp/SMS/verify", {"verificationCode": CODE}, token=token)


@case("stepupSCAVerify", 409, "STATE_INVALID")
def _(emu):
    token = emu.corporate()["token"]
    emu.call("POST", "/authentication_factors/otp/SMS", token=token)
    emu.call("POST", "/authentication_factors/otp/SMS/verify", {"verificationCode": CODE}, token=token)
    return emu.call("POST", "/stepup/challenges/otp/SMS/verify", {"verificationCode": CODE}, token=token)


@case("stepupSCAChallengePush", 200)
def _(emu):
    return emu.call("POST", "/stepup/challenges/push/AUTHY", token=push_enrolled(emu)["token"])


for _outcome in ("success", "invalid", "expired"):
    @case(f"factors_credentials_id_challenges_challenge_id_verify_{_outcome}", 200, namespace="simulator")
    def _(emu, outcome=_outcome):
        corporate = push_enrolled(emu)
        challenge_id = push_challenge(emu, corporate)
        return emu.simulate("POST", f"/factors/{corporate['id']}/challenges/{challenge_id}/verify_{outcome}",
                            token=corporate["token"])


# -- users and roles ----------------------------------------------------------------------------------
@case("userCreate", 200)
def _(emu):
    return emu.call("POST", "/users", {"name": "Ann", "surname": "Lee", "email": unique_email()},
                    token=owner(emu)["token"])


@case("userCreate", 409, "EMAIL_NOT_UNIQUE")
def _(emu):
    corporate = owner(emu)
    return emu.call("POST", "/users", {"name": "Ann", "surname": "Lee", "email": user(emu, corporate)["email"]},
                    token=corporate["token"])


@case("usersGet", 200)
def _(emu):
    return emu.call("GET", "/users", token=owner(emu)["token"])


@case("usersGet", 400)
def _(emu):
    return emu.call("GET", "/users", token=owner(emu)["token"], query="limit=101")


@case("userGetById", 200)
def _(emu):
    corporate = owner(emu)
    return emu.call("GET", f"/users/{user(emu, corporate)['id']}", token=corporate["token"])


@case("userGetById", 404)
def _(emu):
    corporate = owner(emu)
    return emu.call("GET", f"/users/{corporate['id']}", token=corporate["token"])


@case("userUpdate", 200)
def _(emu):
    corporate = owner(emu)
    return emu.call("PATCH", f"/users/{user(emu, corporate)['id']}", {"surname": "New"}, token=corporate["token"])


@case("userDeactivate", 204)
def _(emu):
    corporate = owner(emu)
    return emu.call("POST", f"/users/{user(emu, corporate)['id']}/deactivate", token=corporate["token"])


@case("userActivate", 204)
def _(emu):
    corporate = owner(emu)
    return emu.call("POST", f"/users/{user(emu, corporate)['id']}/activate", token=corporate["token"])


@case("userActivate", 404)
def _(emu):
    corporate = owner(emu)
    return emu.call("POST", "/users/999999999/activate", token=corporate["token"])


@case("userInviteSend", 204)
def _(emu):
    corporate = owner(emu)
    return emu.call("POST", f"/users/{user(emu, corporate)['id']}/invite", token=corporate["token"])


@case("userInviteValidate", 204)
def _(emu):
    return emu.call("POST", f"/users/{invited(emu, owner(emu))['id']}/invite/validate", {"inviteCode": CODE})


@case("userInviteValidate", 409, "INVITE_OR_INVITE_CODE_INVALID")
def _(emu):
    return emu.call("POST", f"/users/{invited(emu, owner(emu))['id']}/invite/validate", {"inviteCode": "654321"})


@case("userInviteConsume", 200)
def _(emu):
    return emu.call("POST", f"/users/{invited(emu, owner(emu))['id']}/invite/consume",
                    {"inviteCode": CODE, "password": {"value": PASSWORD}})


@case("authorisedUserEmailVerificationCodeSend", 204)
def _(emu):
    return emu.call("POST", "/users/verification/email/send", {"email": user(emu, owner(emu))["email"]})


@case("authorisedUserEmailVerificationCodeSend", 409, "EMAIL_NOT_FOUND")
def _(emu):
    return emu.call("POST", "/users/verification/email/send", {"email": unique_email()})


@case("authorisedUserEmailVerify", 204)
def _(emu):
    email = user(emu, owner(emu))["email"]
    emu.call("POST", "/users/verification/email/send", {"email": email})
    return emu.call("POST", "/users/verification/email/verify", {"email": email, "verificationCode": CODE})


@case("userKyc", 200)
def _(emu):
    corporate = verified(emu)
    created = invited(emu, corporate)
    token = emu.call("POST", f"/users/{created['id']}/invite/consume",
                     {"inviteCode": CODE, "password": {"value": PASSWORD}}).body["token"]
    emu.call("POST", "/users/verification/email/send", {"email": created["email"]})
    emu.call("POST", "/users/verification/email/verify", {"email": created["email"], "verificationCode": CODE})
    emu.call("POST", "/authentication_factors/otp/SMS", token=token)
    emu.call("POST", "/authentication_factors/otp/SMS/verify", {"verificationCode": CODE}, token=token)
    return emu.call("POST", "/users/kyc", token=token)


@case("userKyc", 403, "INSUFFICIENT_PERMISSIONS")
def _(emu):
    return emu.call("POST", "/users/kyc", token=owner(emu)["token"])


@case("rolesGet", 200)
def _(emu):
    return emu.call("GET", "/roles", token=emu.corporate()["token"])


@case("rolesGet", 401)
def _(emu):
    return emu.call("GET", "/roles")


# -- instruments and fees -----------------------------------------------------------------------------
@case("managedAccountCreate", 200)
def _(emu):
    return emu.call("POST", "/managed_accounts", {"profileId": emu.programme["profiles"]["managedAccounts"],
                                                  "friendlyName": "main", "currency": "EUR"},
                    token=verified(emu)["token"])


@case("managedAccountCreate", 409, "OWNER_IDENTITY_NOT_VERIFIED")
def _(emu):
    return emu.call("POST", "/managed_accounts", {"profileId": emu.programme["profiles"]["managedAccounts"],
                                                  "friendlyName": "main", "currency": "EUR"},
                    token=owner(emu)["token"])


@case("managedAccountGet", 200)
def _(emu):
    corporate = verified(emu)
    return emu.call("GET", f"/managed_accounts/{account(emu, corporate)}", token=corporate["token"])


@case("managedAccountGet", 404)
def _(emu):
    return emu.call("GET", "/managed_accounts/999999999", token=verified(emu)["token"])


@case("managedAccountStatement", 200)
def _(emu):
    corporate = verified(emu)
    account_id = account(emu, corporate)
    emu.simulate("POST", f"/accounts/{account_id}/deposit", {"depositAmount": {"currency": "EUR", "amount": 500}})
    return emu.call("GET", f"/managed_accounts/{account_id}/statement", token=corporate["token"])


@case("managedAccountStatement", 404)
def _(emu):
    return emu.call("GET", "/managed_accounts/999999999/statement", token=verified(emu)["token"])


@case("managedAccountTransactionsGet", 200)
def _(emu):
    corporate = verified(emu)
    account_id = account(emu, corporate)
    emu.simulate("POST", f"/accounts/{account_id}/deposit", {"depositAmount": {"currency": "EUR", "amount": 500}})
    return emu.call("GET", f"/managed_accounts/{account_id}/transactions", token=corporate["token"])


@case("managedAccountTransactionsGet", 404)
def _(emu):
    return emu.call("GET", "/managed_accounts/999999999/transactions", token=verified(emu)["token"])


@case("managedAccountsGet", 200)
def _(emu):
    corporate = verified(emu)
    account(emu, corporate)
    return emu.call("GET", "/managed_accounts", token=corporate["token"])


@case("accounts_account_id_deposit", 200, namespace="simulator")
def _(emu):
    account_id = account(emu, verified(emu))
    return emu.simulate("POST", f"/accounts/{account_id}/deposit",
                        {"depositAmount": {"currency": "EUR", "amount": 500}})


@case("corporateChargeFee", 200)
def _(emu):
    corporate = verified(emu)
    account_id = account(emu, corporate)
    emu.simulate("POST", f"/accounts/{account_id}/deposit", {"depositAmount": {"currency": "EUR", "amount": 500}})
    return emu.call("POST", "/corporates/fees/charge",
                    {"feeType": "SETUP_FEE", "source": {"type": "managed_accounts", "id": account_id}},
                    token=corporate["token"])


@case("corporateChargeFee", 409, "FUNDS_INSUFFICIENT")
def _(emu):
    corporate = verified(emu)
    return emu.call("POST", "/corporates/fees/charge",
                    {"feeType": "SETUP_FEE", "source": {"type": "managed_accounts", "id": account(emu, corporate)}},
                    token=corporate["token"])


@case("consumerChargeFee", 200)
def _(emu):
    identity = consumer(emu)
    assert emu.simulate("POST", f"/consumers/{identity['id']}/verify").status == 204
    token = emu.stepped_up(identity)
    account_id = account(emu, {"token": token})
    emu.simulate("POST", f"/accounts/{account_id}/deposit", {"depositAmount": {"currency": "EUR", "amount": 500}})
    return emu.call("POST", "/consumers/fees/charge",
                    {"feeType": "SETUP_FEE", "source": {"type": "managed_accounts", "id": account_id}}, token=token)


@case("consumerChargeFee", 409, "UNRESOLVED_INSTRUMENT")
def _(emu):
    return emu.call("POST", "/consumers/fees/charge",
                    {"feeType": "SETUP_FEE", "source": {"type": "managed_accounts", "id": "999999999"}},
                    token=emu.stepped_up(consumer(emu)))


@case("feesGet", 200)
def _(emu):
    return emu.call("GET", "/fees", token=emu.corporate()["token"])


# -- more documented errors: each handler has at least one -------------------------------------------
for _operation_id, _method, _path in (("corporateKybGet", "GET", "/corporates/kyb"),
                                      ("consumerKycGet", "GET", "/consumers/kyc"),
                                      ("corporateUpdate", "PATCH", "/corporates"),
                                      ("consumerUpdate", "PATCH", "/consumers"),
                                      ("authFactorsGet", "GET", "/authentication_factors"),
                                      ("feesGet", "GET", "/fees"),
                                      ("managedAccountsGet", "GET", "/managed_accounts")):
    @case(_operation_id, 401)
    def _(emu, method=_method, path=_path):
        # Weavr checks the token before the body, so an empty object is enough.
        return emu.call(method, path, {} if method != "GET" else None)


@case("requestAccessToken", 403)
def _(emu):
    # The description: 403 when the auth token is not specified.
    corporate = emu.corporate()
    return emu.call("POST", "/access_token", {"identity": {"type": "CORPORATE", "id": corporate["id"]}})


@case("lostPasswordInitiate", 400)
def _(emu):
    return emu.call("POST", "/passwords/lost_password/start", {"email": "not-an-email"})


@case("userUpdate", 409, "EMAIL_NOT_UNIQUE")
def _(emu):
    corporate = owner(emu)
    first, second = user(emu, corporate), user(emu, corporate)
    return emu.call("PATCH", f"/users/{second['id']}", {"email": first["email"]}, token=corporate["token"])


@case("userDeactivate", 404)
def _(emu):
    return emu.call("POST", "/users/999999999/deactivate", token=owner(emu)["token"])


@case("userInviteSend", 404)
def _(emu):
    return emu.call("POST", "/users/999999999/invite", token=owner(emu)["token"])


@case("userInviteConsume", 409, "INVITE_OR_INVITE_CODE_INVALID")
def _(emu):
    return emu.call("POST", f"/users/{invited(emu, owner(emu))['id']}/invite/consume",
                    {"inviteCode": "654321", "password": {"value": PASSWORD}})


@case("authorisedUserEmailVerify", 409, "VERIFICATION_CODE_INVALID")
def _(emu):
    email = user(emu, owner(emu))["email"]
    emu.call("POST", "/users/verification/email/send", {"email": email})
    return emu.call("POST", "/users/verification/email/verify", {"email": email, "verificationCode": "654321"})


@case("consumerKycStart", 409, "EMAIL_UNVERIFIED")
def _(emu):
    return emu.call("POST", "/consumers/kyc", token=emu.stepped_up(consumer(emu)))


for _area in ("corporates", "consumers"):
    _operation = "corporate" if _area == "corporates" else "consumer"

    @case(f"{_operation}RootUserEmailVerificationCodeSend", 409, "EMAIL_NOT_FOUND")
    def _(emu, area=_area):
        return emu.call("POST", f"/{area}/verification/email/send", {"email": unique_email()})

    @case(f"{_operation}RootUserEmailVerify", 409, "VERIFICATION_CODE_INVALID")
    def _(emu, area=_area):
        identity = emu.corporate() if area == "corporates" else consumer(emu)
        emu.call("POST", f"/{area}/verification/email/send", {"email": identity["email"]})
        return emu.call("POST", f"/{area}/verification/email/verify",
                        {"email": identity["email"], "verificationCode": "654321"})


@case("enrolDeviceUsingOtpStepTwo", 409, "STATE_INVALID")
def _(emu):
    return emu.call("POST", "/authentication_factors/otp/SMS/verify", {"verificationCode": CODE},
                    token=emu.corporate()["token"])


@case("stepupSCAChallengePush", 409, "CHANNEL_NOT_REGISTERED")
def _(emu):
    return emu.call("POST", "/stepup/challenges/push/AUTHY", token=emu.corporate()["token"])


@case("accounts_account_id_deposit", 400, namespace="simulator")
def _(emu):
    return emu.simulate("POST", f"/accounts/{account(emu, verified(emu))}/deposit", {"depositAmount": {}})


for _kind in ("corporates", "consumers"):
    @case(f"{_kind}_{_kind[:-1]}_id_verify", 404, namespace="simulator")
    def _(emu, kind=_kind):
        # Not declared by the Simulator; its `default` error covers it.
        return emu.simulate("POST", f"/{kind}/999999999/verify")


for _outcome in ("success", "invalid", "expired"):
    @case(f"factors_credentials_id_challenges_challenge_id_verify_{_outcome}", 404, namespace="simulator")
    def _(emu, outcome=_outcome):
        corporate = push_enrolled(emu)
        return emu.simulate("POST", f"/factors/{corporate['id']}/challenges/999999999/verify_{outcome}",
                            token=corporate["token"])


# Each area's case module (contract_cases_<area>.py) registers into CASES when imported here.
import importlib as _importlib  # noqa: E402
import pkgutil as _pkgutil  # noqa: E402
from pathlib import Path as _Path  # noqa: E402

for _module in sorted(m.name for m in _pkgutil.iter_modules([str(_Path(__file__).parent)])
                      if m.name.startswith("contract_cases_")):
    _importlib.import_module(f"{__package__}.{_module}")
