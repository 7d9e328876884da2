@transfers
Feature: Transfers: money between two instruments of one identity
  A transfer moves funds from one of an identity's managed accounts (or prepaid cards) to another of
  its own, in the currency both hold, at once or at a scheduled time. Every movement shows on both
  instruments' statements and transactions and in the identity's transaction activity; a scheduled
  transfer can be cancelled until it runs. Amounts are minor units (500 EUR is EUR 5.00).

  Background:
    Given a corporate is onboarded and verified
    And the corporate has a managed account "savings" with 500 EUR
    And the corporate has a managed account "spending" with 0 EUR

  @smoke @simulator @journey
  Scenario: A transfer moves money between two accounts of the corporate and reads back as sent
    When the corporate transfers 200 EUR from "savings" to "spending" tagged "rent" with the description "March rent" as "rent"
    Then the response status is 200
    And the response field "state" equals "COMPLETED"
    And the response field "profileId" equals "${profile.transfers}"
    And the response field "source" equals {"type": "managed_accounts", "id": "${savings.id}"}
    And the response field "destination" equals {"type": "managed_accounts", "id": "${spending.id}"}
    And the response field "destinationAmount" equals {"currency": "EUR", "amount": 200}
    And the response field "tag" equals "rent"
    And the response field "description" equals "March rent"
    And the response equals what GET "/transfers/${rent.id}" answers as the corporate
    And the transfer "rent" is COMPLETED
    And the managed account "savings" holds 300 EUR
    And the managed account "spending" holds 200 EUR
    When the corporate reads the transfer "rent"
    Then the response field "id" equals "${rent.id}"
    And the response field "tag" equals "rent"
    And the response field "destinationAmount" equals {"currency": "EUR", "amount": 200}

  @simulator @journey
  Scenario: A transfer shows on both statements, both transaction lists and the corporate's activity
    When the corporate transfers 200 EUR from "savings" to "spending" as "rent"
    Then the transfer "rent" is COMPLETED
    And the statement of "savings" shows the transfer "rent" as -200 EUR
    And the statement of "spending" shows the transfer "rent" as 200 EUR
    And the statement of "savings" replays to its balance
    And the statement of "spending" replays to its balance
    And the transactions of "savings" show the transfer "rent" as a DEBIT of 200 EUR
    And the transactions of "spending" show the transfer "rent" as a CREDIT of 200 EUR
    And the corporate's transaction activity shows the transfer "rent" as COMPLETED from "savings" to "spending"

  @simulator
  Scenario: The whole available balance can be transferred, and back again
    When the corporate transfers 500 EUR from "savings" to "spending" as "all"
    Then the transfer "all" is COMPLETED
    When the corporate transfers 500 EUR from "spending" to "savings" as "back"
    Then the transfer "back" is COMPLETED
    And the managed account "savings" holds 500 EUR
    And the managed account "spending" holds 0 EUR
    And the statement of "spending" replays to its balance

  @simulator @negative
  Scenario: A transfer beyond the source's balance is refused and moves nothing
    When the corporate transfers 501 EUR from "savings" to "spending"
    Then the response status is 409
    And the error code is "FUNDS_INSUFFICIENT"
    And the managed account "savings" holds 500 EUR
    And the managed account "spending" holds 0 EUR

  @simulator @negative
  Scenario Outline: A transfer the rules refuse moves nothing
    Given the corporate has a managed account "pounds" with 0 GBP
    When the corporate transfers <amount> <currency> from "<source>" to "<destination>"
    Then the response status is 409
    And the error code is "<code>"
    And the managed account "savings" holds 500 EUR

    Examples:
      | amount | currency | source  | destination | code                                     |
      | 100    | EUR      | savings | savings     | SOURCE_AND_DESTINATION_MUST_BE_DIFFERENT |
      | 100    | EUR      | savings | pounds      | CURRENCY_MISMATCH                        |
      | 100    | GBP      | savings | pounds      | CURRENCY_MISMATCH                        |
      | 0      | EUR      | savings | spending    | AMOUNT_INVALID                           |

  @simulator @negative
  Scenario: Another identity's account is neither a source nor a destination
    Given a corporate B is onboarded and verified
    And the corporate B has a managed account "theirs" with 300 EUR
    When the corporate transfers 100 EUR from "savings" to "theirs"
    Then the response status is 409
    And the error code is "DESTINATION_NOT_FOUND"
    When the corporate transfers 100 EUR from "theirs" to "spending"
    Then the response status is 409
    And the error code is "SOURCE_NOT_FOUND"
    And the managed account "theirs" holds 300 EUR
    And the managed account "savings" holds 500 EUR

  @simulator @negative
  Scenario: A blocked account neither sends nor receives until it is unblocked
    When the corporate blocks the managed account "spending"
    And the corporate transfers 100 EUR from "savings" to "spending"
    Then the response status is 409
    And the error code is "DESTINATION_INSTRUMENT_BLOCKED"
    When the corporate blocks the managed account "savings"
    And the corporate transfers 100 EUR from "savings" to "spending"
    Then the response status is 409
    And the error code is "SOURCE_INSTRUMENT_BLOCKED"
    When the corporate unblocks the managed account "savings"
    And the corporate unblocks the managed account "spending"
    And the corporate transfers 100 EUR from "savings" to "spending" as "after"
    Then the transfer "after" is COMPLETED

  @simulator @negative
  Scenario: A removed account neither receives nor sends
    When the corporate removes the managed account "spending"
    Then the response status is 204
    When the corporate transfers 100 EUR from "savings" to "spending"
    Then the response status is 409
    And the error code is "DESTINATION_INSTRUMENT_DESTROYED"
    When the corporate transfers 100 EUR from "spending" to "savings"
    Then the response status is 409
    And the error code is "SOURCE_INSTRUMENT_DESTROYED"
    And the managed account "savings" holds 500 EUR

  @simulator @consumers
  Scenario: A consumer transfers between its own accounts
    Given a consumer is onboarded and verified
    And the consumer has a managed account "wallet" with 300 GBP
    And the consumer has a managed account "holiday" with 0 GBP
    When the consumer transfers 120 GBP from "wallet" to "holiday" as "trip"
    Then the transfer "trip" is COMPLETED
    And the managed account "wallet" holds 180 GBP
    And the managed account "holiday" holds 120 GBP
    And the consumer's transaction activity shows the transfer "trip" as COMPLETED from "wallet" to "holiday"

  @simulator
  Scenario: One idempotency reference with one payload moves money once
    When the corporate transfers 200 EUR from "savings" to "spending" with the idempotency reference "r1" as "rent"
    Then the response status is 200
    When the corporate transfers 200 EUR from "savings" to "spending" with the idempotency reference "r1" as "rent"
    Then the response status is 200
    And the response field "id" equals "${rent.id}"
    And the managed account "savings" holds 300 EUR
    When GET "/transfers" is called as the corporate
    Then the response field "count" equals 1
    And the response field "transfer" has 1 items
    And the response field "transfer.0" equals what GET "/transfers/${rent.id}" answers as the corporate

  @simulator
  Scenario: A scheduled transfer waits, moving nothing, and is cancelled before it runs
    When the corporate schedules a transfer of 200 EUR from "savings" to "spending" 1 day from now as "later"
    Then the response status is 200
    And the response field "state" equals "SCHEDULED"
    And the response field "scheduledTimestamp" exists
    And the transfer "later" is SCHEDULED
    And the managed account "savings" holds 500 EUR
    And the corporate's transaction activity shows the transfer "later" as SUBMITTED from "savings" to "spending"
    When the corporate cancels the transfer "later" because "plans changed"
    Then the cancellation of "later" is SUCCESS
    And the transfer "later" is CANCELLED
    And the response field "cancellationReason" equals "plans changed"
    And the managed account "savings" holds 500 EUR
    When the corporate cancels the transfer "later"
    Then the cancellation of "later" is ERROR with "TRANSACTION_NOT_SCHEDULED"

  @simulator @emulator_only
  Scenario: A scheduled transfer runs when its time comes
    When the corporate schedules a transfer of 200 EUR from "savings" to "spending" 2 minutes from now as "later"
    Then the transfer "later" is SCHEDULED
    When 121 seconds pass while the corporate stays active
    Then the transfer "later" is COMPLETED
    And the managed account "savings" holds 300 EUR
    And the managed account "spending" holds 200 EUR
    And the statement of "spending" replays to its balance

  @simulator @emulator_only
  Scenario: A scheduled transfer the balance cannot cover when it runs fails and moves nothing
    When the corporate schedules a transfer of 200 EUR from "savings" to "spending" 2 minutes from now as "later"
    And the corporate transfers 400 EUR from "savings" to "spending" as "now"
    And 121 seconds pass while the corporate stays active
    Then the transfer "later" is FAILED
    And the managed account "savings" holds 100 EUR
    And the managed account "spending" holds 400 EUR

  @simulator @negative
  Scenario: Only a scheduled transfer can be cancelled, and only by its owner
    Given a corporate B is onboarded and verified
    When the corporate transfers 100 EUR from "savings" to "spending" as "done"
    And the corporate schedules a transfer of 100 EUR from "savings" to "spending" 1 day from now as "later"
    And the corporate B cancels the transfer "later"
    Then the cancellation of "later" is ERROR with "NOT_FOUND"
    When the corporate cancels the transfers "done", "later"
    Then the cancellation of "done" is ERROR with "TRANSACTION_NOT_SCHEDULED"
    And the cancellation of "later" is SUCCESS
    And the transfer "done" is COMPLETED

  @simulator @negative
  Scenario: A scheduled time that has passed is invalid
    When the corporate schedules a transfer of 100 EUR from "savings" to "spending" -1 hour from now
    Then the response status is 409
    And the error code is "SCHEDULED_TIMESTAMP_INVALID"
    And the managed account "savings" holds 500 EUR

  @simulator
  Scenario: The transfer list holds the corporate's own transfers, filtered and a page at a time
    Given a corporate B is onboarded and verified
    When the corporate transfers 100 EUR from "savings" to "spending" tagged "rent" with the description "rent" as "rent"
    And the corporate schedules a transfer of 100 EUR from "savings" to "spending" 1 day from now as "later"
    And GET "/transfers" is called as the corporate
    Then the response status is 200
    And the response field "count" equals 2
    And the response field "responseCount" equals 2
    And the response field "transfer.0.id" equals "${later.id}"
    And the response field "transfer.1.id" equals "${rent.id}"
    And the response field "transfer.1" equals what GET "/transfers/${rent.id}" answers as the corporate
    When GET "/transfers?state=SCHEDULED" is called as the corporate
    Then the response field "count" equals 1
    And the response field "transfer.0.id" equals "${later.id}"
    And the response field "transfer.0" equals what GET "/transfers/${later.id}" answers as the corporate
    When GET "/transfers?tag=rent" is called as the corporate
    Then the response field "count" equals 1
    And the response field "transfer.0.id" equals "${rent.id}"
    And the response field "transfer.0.description" equals "rent"
    And the response field "transfer.0" equals what GET "/transfers/${rent.id}" answers as the corporate
    When GET "/transfers?offset=1&limit=1" is called as the corporate
    Then the response field "count" equals 2
    And the response field "responseCount" equals 1
    When GET "/transfers" is called as the corporate B
    Then the response field "count" equals 0
    When GET "/transfers/${rent.id}" is called as the corporate B
    Then the response status is 404

  @negative
  Scenario: A transfer list page outside the allowed window is rejected naming the field
    When GET "/transfers?limit=101" is called as the corporate
    Then the response status is 400
    And the field "limit" is reported invalid with "RANGE"

  @negative
  Scenario: A cancellation without the transfer's id is rejected naming the field
    When POST "/transfers/bulk/cancel" is called as the corporate with:
      """
      {"cancellations": [{"cancellationReason": "no id"}]}
      """
    Then the response status is 400
    And the field "cancellations[0].id" is reported invalid with "REQUIRED"

  @negative
  Scenario Outline: An invalid transfer request is rejected naming the field
    When POST "/transfers" is called as the corporate with:
      """
      <body>
      """
    Then the response status is 400
    And the field "<field>" is reported invalid with "<error>"

    Examples:
      | body                                                                                                                                                                                         | field                       | error    |
      | {"profileId": "${profile.transfers}", "source": {"type": "managed_accounts", "id": "${savings.id}"}, "destination": {"type": "cheques", "id": "1"}, "destinationAmount": {"currency": "EUR", "amount": 1}} | destination.type            | IN       |
      | {"profileId": "${profile.transfers}", "source": {"type": "managed_accounts", "id": "${savings.id}"}, "destination": {"type": "managed_accounts", "id": "${spending.id}"}, "destinationAmount": {"currency": "euro", "amount": 1}} | destinationAmount.currency | REGEX |

  @negative
  Scenario Outline: Transfers need a valid token
    When <method> "<path>" is called <who>
    Then the response status is 401

    Examples:
      | method | path          | who                   |
      | GET    | /transfers/1  | with an invalid token |
