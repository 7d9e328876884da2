"""Contract cases for the confirmation challenges, on a stand-in resource area: each handler's success
answer and its documented errors, registered in contract_cases.CASES."""
from __future__ import annotations

from .confirmation_helpers import RESOURCE_TYPE, plugged
from .contract_cases import case
from .helpers import Emu

CODE = "123456"


def enrolled(emu: Emu, channel: str = "SMS") -> str:
    token = emu.corporate()["token"]
    if channel == "SMS":
        emu.call("POST", "/authentication_factors/otp/SMS", token=token)
        emu.call("POST", "/authentication_factors/otp/SMS/verify", {"verificationCode": CODE}, token=token)
    return token


def challenge(emu: Emu, ids=("901",), channel="SMS", waiting=("901",), kind="otp"):
    token = enrolled(emu)
    plugged(emu, token, *waiting)
    return token, emu.call("POST", f"/challenges/{kind}/{channel}",
                           {"resourceType": RESOURCE_TYPE, "resourceIds": list(ids)}, token=token)


def verify(emu: Emu, code: str):
    token, answer = challenge(emu)
    return emu.call("POST", f"/challenges/{answer.body['scaChallengeId']}/otp/SMS/verify",
                    {"resourceType": RESOURCE_TYPE, "verificationCode": code}, token=token)


def push(emu: Emu, enrol: bool = True):
    token = enrolled(emu)
    plugged(emu, token, "901")
    if enrol:
        assert emu.call("POST", "/authentication_factors/push/AUTHY", token=token).status == 204
    return emu.call("POST", "/challenges/push/AUTHY", {"resourceType": RESOURCE_TYPE, "resourceIds": ["901"]},
                    token=token)


case("multipleSCAChallenge", 200)(lambda emu: challenge(emu)[1])
case("multipleSCAChallenge", 400)(lambda emu: challenge(emu, ids=("x",))[1])
case("multipleSCAChallenge", 409, "STATE_INVALID")(lambda emu: challenge(emu, ids=("902",))[1])
case("multipleSCAChallengePush", 200)(lambda emu: push(emu))
case("multipleSCAChallengePush", 409, "CHANNEL_NOT_REGISTERED")(lambda emu: push(emu, enrol=False))
case("multipleSCAVerify", 204)(lambda emu: verify(emu, CODE))
case("multipleSCAVerify", 409, "VERIFICATION_CODE_INVALID")(lambda emu: verify(emu, "000000"))
