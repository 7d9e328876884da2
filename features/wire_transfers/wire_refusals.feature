@wires @negative
Feature: Wire transfers' refusals: listings and the per-transfer OTP challenge
  The wire transfer listings refuse a query they cannot read (400); features/baseline has their 401. The
  deprecated per-transfer OTP challenge of an outgoing wire transfer refuses what its description lists (409):
  a transfer that no longer waits (STATE_INVALID), one exempt from SCA (SCA_EXEMPTION_APPLIED), a device not
  enrolled (CHANNEL_NOT_REGISTERED), a wrong code (VERIFICATION_CODE_INVALID, then ONE_CHALLENGE_LIMIT_REMAINING,
  then CHALLENGE_LIMIT_EXCEEDED, which fails the transfer) and an expired one (VERIFICATION_CODE_EXPIRED).
  Amounts are minor units (10000 EUR is EUR 100.00; 1000 EUR or less is exempt as low value).

  Background:
    Given a corporate is onboarded and verified
    And the corporate has a managed account "savings" with 10000 EUR

  Scenario Outline: A wire transfer listing with a limit of 0 is a bad request (<path>)
    When GET "<path>?limit=0" is called as the corporate
    Then the response status is 400
    And the field "limit" is reported invalid with "RANGE"

    Examples:
      | path                          |
      | /outgoing_wire_transfers      |
      | /correspondent_bank_transfers |
      | /incoming_wire_transfers      |

  Scenario: The per-transfer OTP challenge and its verify without a token are unauthorised
    When the corporate sends a wire transfer "rent" of 5000 EUR from "savings" to IBAN "DE89370400440532013000"
    And the corporate confirms the wire transfer "rent"
    And POST "/outgoing_wire_transfers/${rent.id}/challenges/otp/SMS" is called without a token
    Then the response status is 401
    When POST "/outgoing_wire_transfers/${rent.id}/challenges/otp/SMS/verify" is called without a token with:
      """
      {"verificationCode": "123456"}
      """
    Then the response status is 401
    And the wire transfer "rent" is PENDING_CHALLENGE

  @simulator
  Scenario: An OTP challenge without an enrolled device is refused and the transfer still waits
    When the corporate sends a wire transfer "rent" of 5000 EUR from "savings" to IBAN "DE89370400440532013000"
    And the corporate confirms the wire transfer "rent"
    And POST "/outgoing_wire_transfers/${rent.id}/challenges/otp/SMS" is called as the corporate
    Then the response status is 409
    And the error code is "CHANNEL_NOT_REGISTERED"
    And the wire transfer "rent" is PENDING_CHALLENGE

  @simulator
  Scenario: A low-value wire transfer is exempt, so its challenge and verify are refused
    Given the corporate has enrolled their mobile for SMS one-time passwords
    When the corporate sends a wire transfer "coffee" of 1000 EUR from "savings" to IBAN "DE89370400440532013000"
    And the corporate confirms the wire transfer "coffee"
    Then the response status is 200
    And the response field "challengeExemptionReason" equals "LOW_VALUE"
    And the response equals what GET "/outgoing_wire_transfers/${coffee.id}" answers as the corporate
    And the wire transfer "coffee" is SUBMITTED
    When POST "/outgoing_wire_transfers/${coffee.id}/challenges/otp/SMS" is called as the corporate
    Then the response status is 409
    And the error code is "SCA_EXEMPTION_APPLIED"
    When POST "/outgoing_wire_transfers/${coffee.id}/challenges/otp/SMS/verify" is called as the corporate with:
      """
      {"verificationCode": "123456"}
      """
    Then the response status is 409
    And the error code is "SCA_EXEMPTION_APPLIED"

  @simulator
  Scenario: A cancelled wire transfer no longer waits for a challenge
    Given the corporate has enrolled their mobile for SMS one-time passwords
    When the corporate sends a wire transfer "rent" of 5000 EUR from "savings" to IBAN "DE89370400440532013000"
    And the corporate cancels the wire transfer "rent"
    And POST "/outgoing_wire_transfers/${rent.id}/challenges/otp/SMS" is called as the corporate
    Then the response status is 409
    And the error code is "STATE_INVALID"
    When POST "/outgoing_wire_transfers/${rent.id}/challenges/otp/SMS/verify" is called as the corporate with:
      """
      {"verificationCode": "123456"}
      """
    Then the response status is 409
    And the error code is "STATE_INVALID"
    And the wire transfer "rent" is CANCELLED

  @simulator
  Scenario: Wrong codes are refused until the challenge is spent, which fails the transfer and moves nothing
    Given the corporate has enrolled their mobile for SMS one-time passwords
    When the corporate sends a wire transfer "rent" of 5000 EUR from "savings" to IBAN "DE89370400440532013000"
    And the corporate confirms the wire transfer "rent"
    And POST "/outgoing_wire_transfers/${rent.id}/challenges/otp/SMS" is called as the corporate
    Then the response status is 204
    When POST "/outgoing_wire_transfers/${rent.id}/challenges/otp/SMS/verify" is called as the corporate with:
      """
      {"verificationCode": "111111"}
      """
    Then the response status is 409
    And the error code is "VERIFICATION_CODE_INVALID"
    When POST "/outgoing_wire_transfers/${rent.id}/challenges/otp/SMS/verify" is called as the corporate with:
      """
      {"verificationCode": "111111"}
      """
    Then the error code is "ONE_CHALLENGE_LIMIT_REMAINING"
    When POST "/outgoing_wire_transfers/${rent.id}/challenges/otp/SMS/verify" is called as the corporate with:
      """
      {"verificationCode": "111111"}
      """
    Then the error code is "CHALLENGE_LIMIT_EXCEEDED"
    And the wire transfer "rent" is FAILED
    And the managed account "savings" holds 10000 EUR

  @simulator
  Scenario: A verify without its code is a bad request and the transfer still waits
    Given the corporate has enrolled their mobile for SMS one-time passwords
    When the corporate sends a wire transfer "rent" of 5000 EUR from "savings" to IBAN "DE89370400440532013000"
    And the corporate confirms the wire transfer "rent"
    And POST "/outgoing_wire_transfers/${rent.id}/challenges/otp/SMS" is called as the corporate
    And POST "/outgoing_wire_transfers/${rent.id}/challenges/otp/SMS/verify" is called as the corporate with:
      """
      {}
      """
    Then the response status is 400
    And the field "verificationCode" is reported invalid with "REQUIRED"
    And the wire transfer "rent" is PENDING_CHALLENGE

  @simulator @emulator_only @expiry
  Scenario: An expired code is refused and the transfer still waits for a new challenge
    Given the corporate has enrolled their mobile for SMS one-time passwords
    When the corporate sends a wire transfer "rent" of 5000 EUR from "savings" to IBAN "DE89370400440532013000"
    And the corporate confirms the wire transfer "rent"
    And POST "/outgoing_wire_transfers/${rent.id}/challenges/otp/SMS" is called as the corporate
    And 301 seconds pass while the corporate stays active
    And POST "/outgoing_wire_transfers/${rent.id}/challenges/otp/SMS/verify" is called as the corporate with:
      """
      {"verificationCode": "123456"}
      """
    Then the response status is 409
    And the error code is "VERIFICATION_CODE_EXPIRED"
    And the wire transfer "rent" is PENDING_CHALLENGE
    And the managed account "savings" holds 10000 EUR
