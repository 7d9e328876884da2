@bulks
Feature: Bulks of every kind run each operation by its single operation's rules
  Card blocks, unblocks, removals and spend rules, authorised users and their invites: each bulk's
  operations end as the single operations would, and what they changed reads back through those operations.

  Background:
    Given a corporate is onboarded and verified

  @cards @journey
  Scenario: A bulk blocks two cards, and another unblocks them
    Given the corporate has a prepaid card "travel"
    And the corporate has a prepaid card "fuel"
    When the corporate submits a bulk "freeze" to block the cards "travel", "fuel"
    Then the response status is 201
    And the response field "path" equals "/managed_cards/{id}/block"
    When the corporate executes the bulk "freeze"
    And the bulk "freeze" runs to its end
    Then the bulk "freeze" is COMPLETED
    And the bulk "freeze" holds 2 operations of "/managed_cards/{id}/block"
    And the card "travel" is BLOCKED with reason USER
    And the card "fuel" is BLOCKED with reason USER
    When the corporate submits a bulk "thaw" to unblock the cards "travel", "fuel"
    Then the response status is 201
    And the response field "path" equals "/managed_cards/{id}/unblock"
    When the corporate executes the bulk "thaw"
    And the bulk "thaw" runs to its end
    Then the bulk "thaw" is COMPLETED
    And the card "travel" is ACTIVE
    And the card "fuel" is ACTIVE

  @cards @negative
  Scenario: A bulk removing cards removes the empty one and fails on the one still holding money
    Given the corporate has a prepaid card "empty"
    And the corporate has a prepaid card "travel" with 100 EUR
    When the corporate submits a bulk "cleanup" to remove the cards "empty", "travel"
    Then the response field "path" equals "/managed_cards/{id}/remove"
    When the corporate executes the bulk "cleanup"
    And the bulk "cleanup" runs to its end
    Then the bulk "cleanup" is PARTIALLY_COMPLETED
    And operation 1 of "cleanup" was COMPLETED
    And operation 2 of "cleanup" was FAILED with BALANCE_NOT_ZERO
    And the card "empty" is DESTROYED with reason USER
    And the card "travel" is ACTIVE

  @cards @spend_rules
  Scenario: A bulk updates the spend rules of two cards, and fails on a card whose rules were never set
    Given the corporate has a prepaid card "travel"
    And the corporate has a prepaid card "fuel"
    And the corporate has a prepaid card "bare"
    And the card "travel" has spend rules:
      """
      {"blockedMerchantCategories": ["7995"]}
      """
    And the card "fuel" has spend rules:
      """
      {"blockedMerchantCategories": ["7995"]}
      """
    When the corporate submits a bulk "rules" of spend rules on the cards "travel", "fuel", "bare" with:
      """
      {"allowedMerchantCategories": ["5411"], "blockedMerchantCountries": ["US"]}
      """
    Then the response field "path" equals "/managed_cards/{id}/spend_rules"
    When the corporate executes the bulk "rules"
    And the bulk "rules" runs to its end
    Then the bulk "rules" is PARTIALLY_COMPLETED
    And the bulk "rules" counts 2 COMPLETED, 1 FAILED
    And operation 3 of "rules" was FAILED
    And the spend rules of the card "fuel" are:
      """
      {"blockedMerchantCategories": ["7995"], "allowedMerchantCategories": ["5411"], "blockedMerchantCountries": ["US"]}
      """

  @users
  Scenario: A bulk creates authorised users who can then be invited in bulk
    Given the corporate has a stepped-up token
    When the corporate submits a bulk "team" of 2 new authorised users
    And the corporate executes the bulk "team"
    And the bulk "team" runs to its end
    Then the bulk "team" is COMPLETED
    And operation 1 of "team" made the user "first hire"
    When GET "/users/${first hire.id}" is called as the corporate
    Then the response status is 200
    And the response field "email" equals "${first hire.email}"
    When the corporate submits a bulk "welcome" to POST "/bulks/users/_user_id_/invite" with:
      """
      [{"pathParams": {"_user_id_": "${first hire.id}"}}, {"pathParams": {"_user_id_": "999999999"}}]
      """
    Then the response field "path" equals "/users/{user_id}/invite"
    When the corporate executes the bulk "welcome"
    And the bulk "welcome" runs to its end
    Then the bulk "welcome" is PARTIALLY_COMPLETED
    And operation 1 of "welcome" was COMPLETED
    And operation 2 of "welcome" was FAILED

  @users @negative
  Scenario: Authorised users created in bulk need a stepped-up token at execute, as one user would
    When the corporate submits a bulk "team" of 1 new authorised users
    And the corporate executes the bulk "team"
    And the bulk "team" runs to its end
    Then the bulk "team" is FAILED
    And operation 1 of "team" was FAILED with STEP_UP_REQUIRED

  @sends @simulator
  Scenario: A bulk of sends makes each send by the send rules: one waits for its challenge, a low one is exempt
    Given the corporate has a managed account "savings" with 10000 EUR
    And a consumer is onboarded and verified
    And the consumer has a managed account "wallet" with 0 EUR
    When the corporate submits a bulk "payouts" of sends of 2000, 500 EUR from "savings" to "wallet"
    Then the response status is 201
    And the response field "path" equals "/sends"
    When the corporate executes the bulk "payouts"
    And the bulk "payouts" runs to its end
    Then the bulk "payouts" is COMPLETED
    And the bulk "payouts" holds 2 operations of "/sends"
    And operation 1 of "payouts" made the send "big payout"
    And operation 2 of "payouts" made the send "small payout"
    And the send "big payout" is PENDING_CHALLENGE
    And the send "small payout" is COMPLETED
    And the managed account "wallet" holds 500 EUR

  @wires @simulator
  Scenario: A bulk of outgoing wire transfers makes each wire transfer by the single transfer's rules
    Given the corporate has a managed account "savings" with 10000 EUR
    When the corporate submits a bulk "suppliers" to POST "/bulks/outgoing_wire_transfers" with:
      """
      [{"requestBody": {"profileId": "${profile.outgoingWireTransfers}", "sourceInstrument": {"type": "managed_accounts", "id": "${savings.id}"},
        "transferAmount": {"currency": "EUR", "amount": 3000}, "description": "supplier one",
        "destinationBeneficiary": {"name": "Ann Lee", "iban": "DE89370400440532013000"}}},
       {"requestBody": {"profileId": "${profile.outgoingWireTransfers}", "sourceInstrument": {"type": "managed_accounts", "id": "${savings.id}"},
        "transferAmount": {"currency": "EUR", "amount": 20000}, "description": "supplier two",
        "destinationBeneficiary": {"name": "Ann Lee", "iban": "DE89370400440532013000"}}}]
      """
    Then the response status is 201
    When the corporate executes the bulk "suppliers"
    And the bulk "suppliers" runs to its end
    Then the bulk "suppliers" is PARTIALLY_COMPLETED
    And the bulk "suppliers" holds 2 operations of "/outgoing_wire_transfers"
    And operation 1 of "suppliers" made the wire transfer "supplier one"
    And operation 2 of "suppliers" was FAILED with FUNDS_INSUFFICIENT
    And the wire transfer "supplier one" is PENDING_CONFIRMATION
    When GET "/outgoing_wire_transfers/${supplier one.id}" is called as the corporate
    Then the response field "transferAmount.amount" equals 3000
    And the managed account "savings" holds 10000 EUR
