"""No secret value survives masking, whatever its place."""
from __future__ import annotations

from support.masking import MASK, Masker


def test_secret_headers_are_masked_case_insensitively():
    masked = Masker().headers({"API-Key": "k1", "Authorization": "Bearer t", "programme-key": "p",
                               "webhooks-key": "w", "Accept": "application/json"})
    assert masked == {"API-Key": MASK, "Authorization": MASK, "programme-key": MASK, "webhooks-key": MASK,
                      "Accept": "application/json"}


def test_secret_fields_are_masked_at_any_depth_keeping_shape():
    body = {"token": "t0ken-123", "password": {"value": "Secret12!"}, "items": [{"cardNumber": "4111111111111111",
            "cvv": "123", "pin": {"value": "1234"}, "name": "ok"}], "verificationCode": "123456",
            "newPassword": {"value": "N3wPass!"}}
    masked = Masker().body(body)
    assert masked == {"token": MASK, "password": {"value": MASK}, "items": [{"cardNumber": MASK, "cvv": MASK,
                      "pin": {"value": MASK}, "name": "ok"}], "verificationCode": MASK, "newPassword": {"value": MASK}}


def test_known_secret_values_are_scrubbed_from_free_text():
    masker = Masker(["emulator-api-key-7f3a9c"])
    masker.remember("tok-abcdef-123")
    text = masker.text("key emulator-api-key-7f3a9c and tok-abcdef-123 in a url?token=tok-abcdef-123")
    assert "emulator-api-key" not in text and "tok-abcdef" not in text


def test_short_values_are_not_treated_as_secrets():
    masker = Masker(["ab"])
    assert masker.text("abc") == "abc"
