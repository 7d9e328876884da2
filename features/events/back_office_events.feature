@events @emulator_only
Feature: Events of what Weavr's back office does: identities deactivated and reactivated, manual transactions
  Weavr's staff can deactivate an identity, reactivate it, or post a manual transaction to an account; the
  API cannot, but the programme receives each as a webhook. The emulator's control plane stands in for the
  back office.

  Background:
    Given events are delivered to the receiver

  @identity @corporates
  Scenario: A corporate deactivated and reactivated by the back office is told both, and cannot act meanwhile
    Given a corporate is onboarded and logged in
    When the back office deactivates the corporate for ACCOUNT_REVIEW
    And GET "/corporates" is called as the corporate
    Then the response status is 401
    When the back office reactivates the corporate
    Then the events for "corporate" arrive in this order: corporates_corporate_deactivated, corporates_corporate_activated
    And the last "corporates_corporate_deactivated" event for "corporate" has:
      | field        | value              |
      | emailAddress | ${corporate.email} |
      | actionDoneBy | ADMIN              |
      | reasonCode   | ACCOUNT_REVIEW     |

  @identity @consumers
  Scenario: A consumer deactivated and reactivated by the back office is told both
    Given a consumer is onboarded and logged in
    When the back office deactivates the consumer
    And the back office reactivates the consumer
    Then the events for "consumer" arrive in this order: consumers_consumer_deactivated, consumers_consumer_activated
    And the last "consumers_consumer_activated" event for "consumer" has:
      | field        | value             |
      | emailAddress | ${consumer.email} |
      | actionDoneBy | ADMIN             |

  @instruments
  Scenario: A manual transaction credits the account and is a manual transactions event
    Given a corporate is onboarded and verified
    And the corporate has a managed account "savings" with 0 EUR
    When the back office credits 700 EUR to the managed account "savings"
    Then a "manual_transactions" event arrives for "savings"
    And the last "manual_transactions" event for "savings" has:
      | field                      | value           |
      | availableBalanceAdjustment | 700             |
      | owner.id                   | ${corporate.id} |
    When GET "/managed_accounts/${savings.id}" is called as the corporate
    Then the response field "balances.availableBalance" equals 700
