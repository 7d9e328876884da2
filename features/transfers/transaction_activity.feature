@transfers
Feature: Transaction activity: an identity's movements across all its instruments
  GET /transactions shows every movement on every instrument of the identity: a transfer between two
  of its own instruments is two items, a DEBIT and a CREDIT sharing the transfer's id; a transfer
  scheduled for later is SUBMITTED until it runs. Another identity's movements never show.

  Background:
    Given a corporate is onboarded and verified
    And the corporate has a managed account "savings" with 500 EUR
    And the corporate has a managed account "spending" with 0 EUR

  @simulator
  Scenario: A deposit and a transfer show across both accounts
    When the corporate transfers 200 EUR from "savings" to "spending" as "rent"
    And GET "/transactions" is called as the corporate
    Then the response status is 200
    And the response field "count" equals 3
    And the corporate's transaction activity shows the transfer "rent" as COMPLETED from "savings" to "spending"
    When GET "/transactions?type=incoming_wire_transfers" is called as the corporate
    Then the response field "count" equals 1
    And the response field "transactions.0.instrument" equals {"type": "managed_accounts", "id": "${savings.id}"}
    And the response field "transactions.0.direction" equals "CREDIT"
    And the response field "transactions.0.amount" equals {"currency": "EUR", "amount": 500}
    When GET "/transactions?direction=DEBIT" is called as the corporate
    Then the response field "count" equals 1
    And the response field "transactions.0.id" equals "${rent.id}"
    When GET "/transactions?sortOrder=ASC&limit=1" is called as the corporate
    Then the response field "responseCount" equals 1
    And the response field "transactions.0.type" equals "incoming_wire_transfers"

  @simulator @emulator_only
  Scenario: A scheduled transfer is submitted until it runs
    When the corporate schedules a transfer of 200 EUR from "savings" to "spending" 2 minutes from now as "later"
    Then the corporate's transaction activity shows the transfer "later" as SUBMITTED from "savings" to "spending"
    When 121 seconds pass while the corporate stays active
    Then the corporate's transaction activity shows the transfer "later" as COMPLETED from "savings" to "spending"

  @simulator @negative
  Scenario: Another identity's movements never show
    Given a corporate B is onboarded and logged in
    When GET "/transactions" is called as the corporate B
    Then the response status is 200
    And the response field "count" equals 0

  @negative
  Scenario: An activity page outside the allowed window is rejected naming the field
    When GET "/transactions?limit=0" is called as the corporate
    Then the response status is 400
    And the field "limit" is reported invalid with "RANGE"
