@events @emulator_only @instruments
Feature: Events of managed accounts: state changes, updates, IBANs and low balances
  A managed account announces its creation, each update, block, unblock and removal; its IBAN upgrade is an
  IBAN event; and its available balance dropping below the account's low balance threshold is a low
  balance event, once each time it crosses it.

  Background:
    Given events are delivered to the receiver
    And a corporate is onboarded and verified

  Scenario: Updating, blocking, unblocking and removing an account are account events in order
    Given the corporate has a managed account "savings" with 0 EUR
    When PATCH "/managed_accounts/${savings.id}" is called as the corporate with:
      """
      {"friendlyName": "Rainy day"}
      """
    And the corporate blocks the managed account "savings"
    And the corporate unblocks the managed account "savings"
    And the corporate removes the managed account "savings"
    Then the events for "savings" arrive in this order: managed_accounts CREATED, managed_accounts UPDATED, managed_accounts BLOCKED, managed_accounts UNBLOCKED, managed_accounts DESTROYED
    And the last "managed_accounts" event for "savings" has:
      | field                | value           |
      | account.friendlyName | Rainy day       |
      | account.active       | false           |
      | account.owner.id     | ${corporate.id} |

  Scenario: Upgrading an account with an IBAN is an IBAN event carrying its bank details
    Given the corporate has a managed account "savings" with 0 EUR
    When the corporate upgrades the managed account "savings" with an IBAN
    Then an "ibans" event arrives for "savings" with state CREATED
    And the last "ibans" event for "savings" has:
      | field                 | value         |
      | iban.managedAccountId | ${savings.id} |
      | iban.state.state      | ACTIVE        |
      | iban.currency         | EUR           |

  @simulator @transfers
  Scenario: Spending below the low balance threshold is one low balance event
    Given the corporate has a managed account "savings" with 1000 EUR
    And the corporate has a managed account "spending" with 0 EUR
    When PATCH "/managed_accounts/${savings.id}" is called as the corporate with:
      """
      {"lowBalanceThreshold": 500}
      """
    And the corporate transfers 400 EUR from "savings" to "spending"
    Then no "managed_accounts_low_balance" event arrives for "savings"
    When the corporate transfers 200 EUR from "savings" to "spending"
    And the corporate transfers 100 EUR from "savings" to "spending"
    Then the events for "savings" arrive in this order: managed_accounts_low_balance
    And the last "managed_accounts_low_balance" event for "savings" has:
      | field            | value |
      | availableBalance | 400   |
      | currency         | EUR   |
