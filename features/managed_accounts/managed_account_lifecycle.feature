@instruments
Feature: A managed account's life: update, block and unblock, IBAN, remove
  The owner renames and retags an account, blocks and unblocks it (only a block the user made can be
  lifted by the user), upgrades it with an IBAN to receive wire transfers, and removes it once it is
  empty; a removed account stays DESTROYED. Another identity's account is not found.

  Background:
    Given a corporate is onboarded and verified
    And the corporate has a managed account "savings" with 0 EUR

  @simulator
  Scenario: The owner updates an account and reads every field back
    When PATCH "/managed_accounts/${savings.id}" is called as the corporate with:
      """
      {"friendlyName": "Rainy day", "tag": "reserve", "lowBalanceThreshold": 2500}
      """
    Then the response status is 200
    And the response field "id" equals "${savings.id}"
    And the response field "friendlyName" equals "Rainy day"
    And the response field "tag" equals "reserve"
    And the response field "lowBalanceThreshold" equals 2500
    And the response field "balances.availableBalance" equals 0
    And the response field "balances.actualBalance" equals 0
    And the managed account "savings" reads back as the response
    When the corporate reads the managed account "savings"
    Then the response field "friendlyName" equals "Rainy day"
    And the response field "tag" equals "reserve"
    And the response field "lowBalanceThreshold" equals 2500
    And the response field "currency" equals "EUR"
    When PATCH "/managed_accounts/${savings.id}" is called as the corporate with:
      """
      {"clearLowBalanceThreshold": true}
      """
    Then the response status is 200
    And the response field "lowBalanceThreshold" is absent
    And the response field "friendlyName" equals "Rainy day"
    And the managed account "savings" reads back as the response

  @simulator @negative
  Scenario: An update with an empty name is rejected and changes nothing
    When PATCH "/managed_accounts/${savings.id}" is called as the corporate with:
      """
      {"friendlyName": ""}
      """
    Then the response status is 400
    And the field "friendlyName" is reported invalid with "SIZE"
    When the corporate reads the managed account "savings"
    Then the response field "friendlyName" equals "savings"

  @simulator
  Scenario: The owner blocks an account and unblocks it
    When the corporate blocks the managed account "savings"
    Then the response status is 204
    And the managed account "savings" is BLOCKED with reason "USER"
    When the simulator deposits 100 EUR into the managed account "savings"
    Then the response field "code" equals "DENIED_ACCOUNT_INACTIVE"
    When the corporate unblocks the managed account "savings"
    Then the response status is 204
    And the managed account "savings" is ACTIVE
    When the simulator deposits 100 EUR into the managed account "savings"
    Then the response field "code" equals "COMPLETED"
    And the managed account "savings" holds 100 EUR

  @simulator @negative
  Scenario: Blocking twice, or unblocking an account that is not blocked, is a conflict
    When the corporate unblocks the managed account "savings"
    Then the response status is 409
    And the error code is "INSTRUMENT_NOT_BLOCKED"
    When the corporate blocks the managed account "savings"
    And the corporate blocks the managed account "savings"
    Then the response status is 409
    And the error code is "INSTRUMENT_ALREADY_BLOCKED"
    And the managed account "savings" is BLOCKED with reason "USER"

  @simulator @negative
  Scenario: An account with money cannot be removed; once empty it is removed for good
    Given the corporate has a managed account "spending" with 0 EUR
    When the simulator deposits 300 EUR into the managed account "savings"
    And the corporate removes the managed account "savings"
    Then the response status is 409
    And the error code is "BALANCE_NOT_ZERO"
    And the managed account "savings" is ACTIVE
    When the corporate transfers 300 EUR from "savings" to "spending" as "emptying"
    And the corporate removes the managed account "savings"
    Then the response status is 204
    And the managed account "savings" is DESTROYED with reason "USER"
    And the statement of "savings" replays to its balance
    When the corporate removes the managed account "savings"
    Then the response status is 409
    And the error code is "INSTRUMENT_ALREADY_REMOVED"
    When the corporate blocks the managed account "savings"
    Then the response status is 409
    And the error code is "INSTRUMENT_DESTROYED"
    When the corporate unblocks the managed account "savings"
    Then the response status is 409
    And the error code is "INSTRUMENT_DESTROYED"

  @simulator
  Scenario: An account upgraded with an IBAN answers its bank details
    Then the managed account "savings" has no IBAN
    When the corporate upgrades the managed account "savings" with an IBAN
    Then the response status is 200
    And the managed account "savings" has an IBAN
    When the corporate upgrades the managed account "savings" with an IBAN
    Then the response status is 409
    And the error code is "INSTRUMENT_ALREADY_UPGRADED_TO_IBAN"

  @simulator @negative
  Scenario: A blocked account is not upgraded with an IBAN
    When the corporate blocks the managed account "savings"
    And the corporate upgrades the managed account "savings" with an IBAN
    Then the response status is 409
    And the error code is "INSTRUMENT_IS_NOT_ACTIVE"
    And the managed account "savings" has no IBAN

  @simulator @negative
  Scenario Outline: Another identity's account cannot be changed
    Given a corporate B is onboarded and logged in
    When <method> "/managed_accounts/${savings.id}<action>" is called as the corporate B
    Then the response status is 404
    And the managed account "savings" is ACTIVE

    Examples:
      | method | action   |
      | POST   | /block   |
      | POST   | /unblock |
      | POST   | /remove  |
      | POST   | /iban    |
      | GET    | /iban    |

  @simulator @negative
  Scenario: Another identity's account cannot be updated
    Given a corporate B is onboarded and logged in
    When PATCH "/managed_accounts/${savings.id}" is called as the corporate B with:
      """
      {"friendlyName": "Mine now"}
      """
    Then the response status is 404
    When the corporate reads the managed account "savings"
    Then the response field "friendlyName" equals "savings"

  @negative
  Scenario Outline: A managed account's actions need a valid token
    When <method> "/managed_accounts/1<action>" is called <who>
    Then the response status is 401

    Examples:
      | method | action   | who                   |
      | POST   | /unblock | with an invalid token |
      | GET    | /iban    | with an invalid token |
