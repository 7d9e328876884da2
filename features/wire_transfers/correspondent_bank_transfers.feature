@wires
Feature: Correspondent bank transfers: a wire transfer on behalf of an originator
  A correspondent bank transfer leaves a managed account for a beneficiary's bank account on behalf of the
  account holder's own customer (the originator). It follows the outgoing wire transfers' way: the payee is
  verified, it waits for confirmation, then for a challenge. Amounts are minor units.

  Background:
    Given a corporate is onboarded and verified
    And the corporate has a managed account "savings" with 10000 EUR

  Scenario: A correspondent bank transfer reads back as sent, waits for confirmation and then for a challenge
    When the corporate sends a correspondent bank transfer "invoice" of 5000 EUR from "savings" for "Bo Ray" to IBAN "DE89370400440532013000"
    Then the response status is 200
    And the response equals what GET "/correspondent_bank_transfers/${invoice.id}" answers as the corporate
    And the correspondent bank transfer "invoice" is PENDING_CONFIRMATION
    When GET "/correspondent_bank_transfers?state=PENDING_CONFIRMATION" is called as the corporate
    Then the response field "count" equals 1
    And the response field "responseCount" equals 1
    And the response field "transfer.0" equals what GET "/correspondent_bank_transfers/${invoice.id}" answers as the corporate
    When the corporate confirms the correspondent bank transfer "invoice"
    Then the response status is 200
    And the response equals what GET "/correspondent_bank_transfers/${invoice.id}" answers as the corporate
    And the correspondent bank transfer "invoice" is PENDING_CHALLENGE
    And the managed account "savings" holds 10000 EUR

  @negative
  Scenario: Cancelled while it waits for confirmation, then neither confirmed nor cancelled again
    When the corporate sends a correspondent bank transfer "invoice" of 5000 EUR from "savings" for "Bo Ray" to IBAN "DE89370400440532013000"
    And the corporate cancels the correspondent bank transfer "invoice"
    Then the response status is 200
    And the response equals what GET "/correspondent_bank_transfers/${invoice.id}" answers as the corporate
    And the correspondent bank transfer "invoice" is CANCELLED
    When the corporate confirms the correspondent bank transfer "invoice"
    Then the response status is 409
    And the error code is "INVALID_STATE"
    When the corporate cancels the correspondent bank transfer "invoice"
    Then the response status is 409
    And the error code is "INVALID_STATE"

  @negative
  Scenario: More than the account holds is refused
    When the corporate sends a correspondent bank transfer "invoice" of 20000 EUR from "savings" for "Bo Ray" to IBAN "DE89370400440532013000"
    Then the response status is 409
    And the error code is "FUNDS_INSUFFICIENT"
