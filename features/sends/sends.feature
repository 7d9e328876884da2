@sends
Feature: Sends: money from one identity to another
  A send moves funds from a managed account (or prepaid card) of the logged-in identity to an instrument
  of another identity, named directly or through a trusted payee. Unless exempt, it waits in
  PENDING_CHALLENGE and moves money only after a verified confirmation challenge. A low amount
  (LOW_VALUE) or a trusted payee (TRUSTED_BENEFICIARY) is exempt and says so. Amounts are minor units
  (2000 EUR is EUR 20.00).

  Background:
    Given a corporate is onboarded and verified
    And the corporate has a managed account "savings" with 10000 EUR
    And the corporate has enrolled their mobile for SMS one-time passwords
    And a consumer is onboarded and verified
    And the consumer has a managed account "wallet" with 0 EUR

  @smoke @simulator @journey
  Scenario: A send waits for its challenge, then moves the money once
    When the corporate sends 2000 EUR from "savings" to the consumer's account "wallet" tagged "rent" with the description "March rent" as "rent"
    Then the response status is 200
    And the response field "profileId" equals "${profile.sends}"
    And the response field "source" equals {"type": "managed_accounts", "id": "${savings.id}"}
    And the response field "destination" equals {"type": "managed_accounts", "id": "${wallet.id}"}
    And the response field "destinationAmount" equals {"currency": "EUR", "amount": 2000}
    And the response field "tag" equals "rent"
    And the response field "description" equals "March rent"
    And the response field "state" equals "PENDING_CHALLENGE"
    And the response field "transactionAmount" equals {"currency": "EUR", "amount": 2000}
    And the send "rent" is PENDING_CHALLENGE
    And the send "rent" needs a challenge
    And the managed account "savings" holds 10000 EUR
    When the corporate confirms the sends "rent" with an OTP
    Then the response status is 204
    And the send "rent" is COMPLETED
    And the send "rent" moved 2000 EUR with fees of 0 and 0
    And the managed account "savings" holds 8000 EUR
    And the managed account "wallet" holds 2000 EUR
    And the statement of "savings" replays to its balance

  @simulator
  Scenario: A low amount is exempt from the challenge and runs at once
    When the corporate sends 500 EUR from "savings" to the consumer's account "wallet" as "tip"
    Then the response status is 200
    And the response field "challengeExemptionReason" equals "LOW_VALUE"
    And the send "tip" is COMPLETED
    And the send "tip" is exempt from the challenge as LOW_VALUE
    And the managed account "wallet" holds 500 EUR
    When the corporate confirms the send "tip" on its own with an OTP
    Then the response status is 409
    And the error code is "SCA_EXEMPTION_APPLIED"

  @simulator
  Scenario: A send confirmed on its own with the per-send challenge
    When the corporate sends 2000 EUR from "savings" to "wallet" as "rent"
    Then the response status is 200
    And the response field "state" equals "PENDING_CHALLENGE"
    And the response equals what GET "/sends/${rent.id}" answers as the corporate
    When the corporate confirms the send "rent" on its own with an OTP
    Then the response status is 204
    And the send "rent" is COMPLETED
    And the managed account "wallet" holds 2000 EUR

  @simulator @emulator_only
  Scenario: A per-send push challenge decided through the Simulator
    Given the corporate has enrolled their device for AUTHY push notifications
    When the corporate sends 2000 EUR from "savings" to "wallet" as "rent"
    And the corporate starts a push challenge on the send "rent" on its own
    And the simulator answers the corporate's push challenge "rent.id" with verify_success
    Then the send "rent" is COMPLETED
    And the managed account "wallet" holds 2000 EUR

  @simulator @emulator_only
  Scenario: A scheduled send runs when its time comes, another is cancelled until then
    When the corporate schedules a send of 500 EUR from "savings" to "wallet" 2 minutes from now as "later"
    And the corporate schedules a send of 700 EUR from "savings" to "wallet" 2 minutes from now as "never"
    Then the send "later" is SCHEDULED
    When the corporate cancels the send "never" because "changed plans"
    Then the response status is 200
    And the response field "state" equals "CANCELLED"
    And the response field "cancellationReason" equals "changed plans"
    And the response equals what GET "/sends/${never.id}" answers as the corporate
    When 121 seconds pass while the corporate stays active
    Then the send "later" is COMPLETED
    And the send "never" is CANCELLED
    And the managed account "wallet" holds 500 EUR
    When the corporate cancels the send "later"
    Then the response status is 409
    And the error code is "INVALID_STATE"

  @simulator
  Scenario: One idempotency reference with one payload sends once
    When the corporate sends 500 EUR from "savings" to "wallet" with the idempotency reference "r1" as "tip"
    And the corporate sends 500 EUR from "savings" to "wallet" with the idempotency reference "r1" as "tip"
    Then the response status is 200
    And the response field "id" equals "${tip.id}"
    And the managed account "wallet" holds 500 EUR
    And the managed account "savings" holds 9500 EUR

  @simulator
  Scenario: The sends list filters by state and reads one back
    When the corporate sends 2000 EUR from "savings" to "wallet" as "rent"
    And the corporate sends 500 EUR from "savings" to "wallet" as "tip"
    And GET "/sends?state=PENDING_CHALLENGE" is called as the corporate
    Then the response status is 200
    And the response field "count" equals 1
    And the response field "responseCount" equals 1
    And the response field "send.0.id" equals "${rent.id}"
    And the response field "send.0" equals what GET "/sends/${rent.id}" answers as the corporate
    When the corporate reads the send "tip"
    Then the response status is 200
    And the response field "state" equals "COMPLETED"

  @simulator @negative
  Scenario Outline: A refused send moves nothing
    When the corporate sends <amount> EUR from "savings" to "<destination>" as "refused"
    Then the response status is 409
    And the error code is "<code>"
    And the managed account "savings" holds 10000 EUR

    Examples:
      | amount | destination | code                                 |
      | 10001  | wallet      | FUNDS_INSUFFICIENT                   |
      | 0      | wallet      | AMOUNT_INVALID                       |
      | 2000   | savings     | SOURCE_AND_DESTINATION_MUST_BE_DIFFERENT |

  @simulator @negative
  Scenario: A send to the sender's own account is refused
    Given the corporate has a managed account "spending" with 0 EUR
    When the corporate sends 2000 EUR from "savings" to "spending"
    Then the response status is 409
    And the error code is "DESTINATION_BELONGS_TO_SAME_IDENTITY"

  @simulator @negative
  Scenario: A scheduled time in the past is refused
    When the corporate schedules a send of 500 EUR from "savings" to "wallet" -1 minutes from now
    Then the response status is 409
    And the error code is "SCHEDULED_TIMESTAMP_INVALID"

  @negative
  Scenario: Another identity's send is not found, and a send list needs a page it can read
    When the corporate sends 2000 EUR from "savings" to "wallet" as "rent"
    And GET "/sends/${rent.id}" is called as the consumer
    Then the response status is 404
    When POST "/sends/${rent.id}/cancel" is called as the consumer
    Then the response status is 404
    When GET "/sends?limit=0" is called as the corporate
    Then the response status is 400
    And the field "limit" is reported invalid with "RANGE"
