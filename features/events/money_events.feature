@events @emulator_only
Feature: Events of money movements: deposits, accounts, transfers and fees reach the programme's server
  Weavr posts each state change of an account or a movement to the programme's webhook URL, signed with the
  api-key. The receiver verifies both signatures on the raw body, checks each payload against its event's
  schema and drops duplicates; a step fails on any delivery it refused. The sandbox's webhook URL is set in
  its portal, so these scenarios run against the emulator.

  Background:
    Given events are delivered to the receiver
    And a corporate is onboarded and verified

  @simulator
  Scenario: Creating and funding an account is a managed account event and a deposit event
    Given the corporate has a managed account "savings" with 500 EUR
    Then a "managed_accounts" event arrives for "savings" with state CREATED
    And a "managed_accounts_deposits" event arrives for "savings" with state COMPLETED
    And the last "managed_accounts_deposits" event for "savings" has:
      | field             | value                                   |
      | transactionAmount | {"currency": "EUR", "amount": "500"}    |
      | owner.id          | ${corporate.id}                          |

  @simulator @transfers
  Scenario: A transfer announces each state it passes
    Given the corporate has a managed account "savings" with 500 EUR
    And the corporate has a managed account "spending" with 0 EUR
    When the corporate transfers 200 EUR from "savings" to "spending" as "rent"
    Then the response field "state" equals "COMPLETED"
    And a "transfers" event arrives for "rent" with state COMPLETED
    And the events for "rent" arrive in this order: transfers COMPLETED
    And the last "transfers" event for "rent" has:
      | field                   | value                                  |
      | transfer.source.id      | ${savings.id}                          |
      | transfer.destination.id | ${spending.id}                         |
      | transfer.state          | COMPLETED                              |
      | transfer.destinationAmount | {"currency": "EUR", "amount": "200"} |

  @simulator @transfers
  Scenario: A scheduled transfer that is cancelled never completes
    Given the corporate has a managed account "savings" with 500 EUR
    And the corporate has a managed account "spending" with 0 EUR
    When the corporate schedules a transfer of 200 EUR from "savings" to "spending" 2 minutes from now as "later"
    And the corporate cancels the transfer "later"
    Then the cancellation of "later" is SUCCESS
    And the transfer "later" is CANCELLED
    And the events for "later" arrive in this order: transfers SCHEDULED, transfers CANCELLED
    And no "managed_accounts_deposits" event arrives for "spending"

  @simulator @transfers @negative
  Scenario: A refused transfer emits nothing
    Given the corporate has a managed account "savings" with 500 EUR
    And the corporate has a managed account "spending" with 0 EUR
    When the corporate transfers 900 EUR from "savings" to "spending"
    Then the response status is 409
    And the error code is "FUNDS_INSUFFICIENT"
    And no "transfers" event arrives for "savings"

  @simulator @fees
  Scenario: A fee charged to an account is a fee event
    Given the corporate has a managed account "spending" with 1000 EUR
    When the corporate is charged the "SETUP_FEE" fee from the managed account "spending"
    Then the response status is 200
    And the response field "state" equals "COMPLETED"
    And a "fees" event arrives for "spending"
