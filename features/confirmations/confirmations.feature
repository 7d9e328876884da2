@confirmations @sends
Feature: Confirmation challenges: one challenge for a list of sends
  POST /challenges/otp/SMS (or /challenges/push/AUTHY) starts one challenge for several resources of one
  type waiting in PENDING_CHALLENGE; verifying it runs them all. A wrong code is counted: the second
  wrong one warns that one attempt remains and the third fails the challenge and its sends, which move
  nothing. A code expires after 5 minutes; the sends then keep waiting for a new challenge.

  Background:
    Given a corporate is onboarded and verified
    And the corporate has a managed account "savings" with 10000 EUR
    And the corporate has enrolled their mobile for SMS one-time passwords
    And a consumer is onboarded and verified
    And the consumer has a managed account "wallet" with 0 EUR

  @smoke @simulator @journey
  Scenario: One OTP challenge confirms several sends
    When the corporate sends 2000 EUR from "savings" to the consumer's account "wallet" as "rent"
    And the corporate sends 3000 EUR from "savings" to the consumer's account "wallet" as "rates"
    And the corporate confirms the sends "rent", "rates" with an OTP
    Then the response status is 204
    # When a send ran is the target's own time: the state step checks only that it follows the creation.
    And the send "rent" is COMPLETED
    And the send "rates" is COMPLETED
    And the managed account "wallet" holds 5000 EUR
    And the managed account "savings" holds 5000 EUR
    When the corporate starts an OTP challenge for the send "rent" as "again"
    Then the response status is 409
    And the error code is "STATE_INVALID"

  @simulator @negative
  Scenario: Three wrong codes fail the challenge and its send, and nothing moves
    When the corporate sends 2000 EUR from "savings" to "wallet" as "rent"
    Then the response status is 200
    And the response field "state" equals "PENDING_CHALLENGE"
    And the response equals what GET "/sends/${rent.id}" answers as the corporate
    When the corporate starts an OTP challenge for the send "rent" as "rent challenge"
    Then the response status is 200
    When the corporate answers the challenge "rent challenge" with the code "000000"
    Then the response status is 409
    And the error code is "VERIFICATION_CODE_INVALID"
    When the corporate answers the challenge "rent challenge" with the code "000000"
    Then the error code is "ONE_CHALLENGE_LIMIT_REMAINING"
    When the corporate answers the challenge "rent challenge" with the code "000000"
    Then the error code is "CHALLENGE_LIMIT_EXCEEDED"
    And the send "rent" is FAILED
    And the managed account "savings" holds 10000 EUR
    And the managed account "wallet" holds 0 EUR

  @simulator @emulator_only @expiry
  Scenario: An expired code leaves the send waiting for a new challenge
    When the corporate sends 2000 EUR from "savings" to "wallet" as "rent"
    And the corporate starts an OTP challenge for the send "rent" as "first"
    And 301 seconds pass while the corporate stays active
    And the corporate answers the challenge "first"
    Then the response status is 409
    And the error code is "VERIFICATION_CODE_EXPIRED"
    And the send "rent" is PENDING_CHALLENGE
    And the managed account "savings" holds 10000 EUR
    When the corporate confirms the send "rent" with an OTP
    Then the response status is 204
    And the send "rent" is COMPLETED

  @simulator @negative
  Scenario: A new code cannot be asked for within 15 seconds
    When the corporate sends 2000 EUR from "savings" to "wallet" as "rent"
    And the corporate starts an OTP challenge for the send "rent" as "first"
    And the corporate starts an OTP challenge for the send "rent" as "second"
    Then the response status is 409
    And the error code is "RETRY_IN_15SEC"

  @simulator @emulator_only
  Scenario Outline: A push challenge decided through the Simulator
    Given the corporate has enrolled their device for AUTHY push notifications
    When the corporate sends 2000 EUR from "savings" to "wallet" as "rent"
    And the corporate starts a push challenge for the send "rent" as "rent push"
    Then the response status is 200
    When the simulator answers the corporate's push challenge "rent push" with <outcome>
    Then the send "rent" is <state>
    And the managed account "wallet" holds <received> EUR

    Examples:
      | outcome        | state             | received |
      | verify_success | COMPLETED         | 2000     |
      | verify_invalid | FAILED            | 0        |
      | verify_expired | PENDING_CHALLENGE | 0        |

  @negative
  Scenario: Challenges need an enrolled channel, waiting resources and a known resource type
    Given the consumer has enrolled their mobile for SMS one-time passwords
    When the corporate sends 2000 EUR from "savings" to "wallet" as "rent"
    And the corporate starts a push challenge for the send "rent" as "rent push"
    Then the response status is 409
    And the error code is "CHANNEL_NOT_REGISTERED"
    When POST "/sends/${rent.id}/challenges/push/AUTHY" is called as the corporate
    Then the response status is 409
    And the error code is "CHANNEL_NOT_REGISTERED"
    When the corporate confirms the send "rent" on its own with an OTP with the code "000000"
    Then the response status is 409
    And the error code is "VERIFICATION_CODE_INVALID"
    When POST "/challenges/otp/SMS" is called as the consumer with:
      """
      {"resourceType": "sends", "resourceIds": ["${rent.id}"]}
      """
    Then the response status is 409
    And the error code is "STATE_INVALID"
    When POST "/challenges/push/AUTHY" is called as the corporate with:
      """
      {"resourceType": "payments", "resourceIds": ["${rent.id}"]}
      """
    Then the response status is 400
    And the field "resourceType" is reported invalid with "IN"
