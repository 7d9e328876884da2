@events @emulator_only
Feature: Events of payments out: sends, outgoing wire transfers and correspondent bank transfers
  A send announces that it waits for its challenge and then its outcome; a wire transfer (outgoing or
  correspondent) announces each state from its challenge to the bank's answer. Each event carries the
  transfer as it stands then: its id, its source, its amount and its state. Amounts are minor units.

  Background:
    Given events are delivered to the receiver
    And a corporate is onboarded and verified
    And the corporate has a managed account "savings" with 10000 EUR
    And the corporate has enrolled their mobile for SMS one-time passwords

  @simulator @sends
  Scenario: A send waiting for its challenge, then completed, is two send events
    Given a consumer is onboarded and verified
    And the consumer has a managed account "wallet" with 0 EUR
    When the corporate sends 2000 EUR from "savings" to the consumer's account "wallet" tagged "rent" with the description "March rent" as "rent"
    Then a "send" event arrives for "rent" with state PENDING_CHALLENGE
    When the corporate confirms the sends "rent" with an OTP
    Then the events for "rent" arrive in this order: send PENDING_CHALLENGE, send COMPLETED
    And the last "send" event for "rent" has:
      | field                  | value                                              |
      | eventType              | COMPLETED                                          |
      | send.id                | {"type": "sends", "id": "${rent.id}"}              |
      | send.source            | {"type": "managed_accounts", "id": "${savings.id}"} |
      | send.destination       | {"type": "managed_accounts", "id": "${wallet.id}"}  |
      | send.destinationAmount | {"currency": "EUR", "amount": "2000"}              |
      | send.state             | COMPLETED                                          |
      | send.tag               | rent                                               |

  @simulator @sends @negative
  Scenario: A send whose challenge fails for good is a failed send event and never completes
    Given a consumer is onboarded and verified
    And the consumer has a managed account "wallet" with 0 EUR
    When the corporate sends 2000 EUR from "savings" to the consumer's account "wallet" as "rent"
    And the corporate starts an OTP challenge for the send "rent" as "rent challenge"
    And the corporate answers the challenge "rent challenge" with the code "000000"
    And the corporate answers the challenge "rent challenge" with the code "000000"
    And the corporate answers the challenge "rent challenge" with the code "000000"
    Then the send "rent" is FAILED
    And the events for "rent" arrive in this order: send PENDING_CHALLENGE, send FAILED
    And no "managed_accounts_deposits" event arrives for "wallet"

  @simulator @wires
  Scenario: An outgoing wire transfer announces each state up to the bank's acceptance
    When the corporate sends a wire transfer "rent" of 5000 EUR from "savings" to IBAN "DE89370400440532013000"
    And the corporate confirms the wire transfer "rent"
    And the corporate verifies the wire transfer "rent" with an OTP
    And the bank accepts the wire transfer "rent"
    Then the events for "rent" arrive in this order: outgoing_wire_transfers PENDING_CONFIRMATION, outgoing_wire_transfers PENDING_CHALLENGE, outgoing_wire_transfers SUBMITTED, outgoing_wire_transfers COMPLETED
    And the last "outgoing_wire_transfers" event for "rent" has:
      | field                      | value                                               |
      | eventType                  | COMPLETED                                           |
      | owner.id                   | ${corporate.id}                                     |
      | transfer.id                | {"type": "outgoing_wire_transfers", "id": "${rent.id}"} |
      | transfer.source            | {"type": "managed_accounts", "id": "${savings.id}"} |
      | transfer.transferAmount    | {"currency": "EUR", "amount": "5000"}               |
      | transfer.type              | SEPA                                                |
      | transfer.state             | COMPLETED                                           |

  @simulator @wires @negative
  Scenario: An outgoing wire transfer the bank rejects ends with a rejected event
    When the corporate sends a wire transfer "rent" of 5000 EUR from "savings" to IBAN "DE89370400440532013000"
    And the corporate confirms the wire transfer "rent"
    And the corporate verifies the wire transfer "rent" with an OTP
    And the bank rejects the wire transfer "rent"
    Then the events for "rent" arrive in this order: outgoing_wire_transfers PENDING_CONFIRMATION, outgoing_wire_transfers PENDING_CHALLENGE, outgoing_wire_transfers SUBMITTED, outgoing_wire_transfers REJECTED
    And the last "outgoing_wire_transfers" event for "rent" has:
      | field          | value    |
      | eventType      | REJECTED |
      | transfer.state | REJECTED |

  @wires
  Scenario: A correspondent bank transfer announces its challenge and its submission
    When the corporate sends a correspondent bank transfer "invoice" of 5000 EUR from "savings" for "Bo Ray" to IBAN "DE89370400440532013000"
    And the corporate confirms the correspondent bank transfer "invoice"
    Then a "correspondent_bank_transfers" event arrives for "invoice" with state PENDING_CHALLENGE
    When POST "/challenges/otp/SMS" is called as the corporate with:
      """
      {"resourceType": "correspondent_bank_transfers", "resourceIds": ["${invoice.id}"]}
      """
    Then the response status is 200
    And I remember the response field "scaChallengeId" as "invoice challenge"
    When POST "/challenges/${invoice challenge}/otp/SMS/verify" is called as the corporate with:
      """
      {"resourceType": "correspondent_bank_transfers", "verificationCode": "${code}"}
      """
    Then the response status is 204
    And the events for "invoice" arrive in this order: correspondent_bank_transfers PENDING_CHALLENGE, correspondent_bank_transfers SUBMITTED
    And the last "correspondent_bank_transfers" event for "invoice" has:
      | field                  | value           |
      | eventType              | SUBMITTED       |
      | owner.id               | ${corporate.id} |
      | transfer.id            | ${invoice.id}   |
      | transfer.state         | SUBMITTED       |
      | transfer.amount        | {"currency": "EUR", "amount": 5000} |
      | transfer.sourceInstrument | {"type": "managed_accounts", "id": "${savings.id}"} |

  @wires @negative
  Scenario: A correspondent bank transfer cancelled before its challenge announces nothing
    When the corporate sends a correspondent bank transfer "invoice" of 5000 EUR from "savings" for "Bo Ray" to IBAN "DE89370400440532013000"
    And the corporate cancels the correspondent bank transfer "invoice"
    Then the correspondent bank transfer "invoice" is CANCELLED
    And no "correspondent_bank_transfers" event arrives for "invoice"
