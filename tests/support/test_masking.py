"""No secret value survives masking, whatever its place."""
from __future__ import annotations

from support.masking import MASK, Masker, mask_failure


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


def test_a_cards_tokenised_secrets_and_activation_code_are_masked_but_its_public_digits_are_not():
    card = {"cardNumber": {"value": "aB3dE5gH7jK9mN1p"}, "cvv": {"value": "x7Q"}, "cardNumberFirstSix": "512345",
            "cardNumberLastFour": "6789", "physicalCardDetails": {"pendingActivation": True},
            "activationCode": "123456"}
    masked = Masker().body(card)
    assert masked == {"cardNumber": {"value": MASK}, "cvv": {"value": MASK}, "cardNumberFirstSix": "512345",
                      "cardNumberLastFour": "6789", "physicalCardDetails": {"pendingActivation": True},
                      "activationCode": MASK}
    assert "654321" not in Masker().message('sent {"activationCode": "654321"}')


def test_known_secret_values_are_scrubbed_from_free_text():
    masker = Masker(["emulator-api-key-7f3a9c"])
    masker.remember("tok-abcdef-123")
    text = masker.text("key emulator-api-key-7f3a9c and tok-abcdef-123 in a url?token=tok-abcdef-123")
    assert "emulator-api-key" not in text and "tok-abcdef" not in text


def test_short_values_are_not_treated_as_secrets():
    masker = Masker(["ab"])
    assert masker.text("abc") == "abc"


def test_a_failure_message_loses_the_secret_fields_and_bearer_tokens_it_quotes():
    text = ("loginWithPassword answered 200, expected 418; body: {'token': 'never.seen.jwt', 'tokenType': 'AUTH', "
            "'password': {'value': 'Secret12!'}} sent \"accessToken\": \"t-1\" with Bearer abc.def-ghi "
            "to ?token=q1&x=1")
    masked = Masker().message(text)
    for secret in ("never.seen.jwt", "Secret12!", "t-1", "abc.def-ghi", "q1&"):
        assert secret not in masked
    assert "expected 418" in masked and "'tokenType': 'AUTH'" in masked and "&x=1" in masked


def test_mask_failure_applies_every_live_masker():
    masker = Masker()
    masker.remember("remembered-secret-1")
    assert mask_failure("value remembered-secret-1 here") == f"value {MASK} here"
