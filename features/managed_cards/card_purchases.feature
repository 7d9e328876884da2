@cards @simulator
Feature: Card purchases and merchant refunds through the Simulator
  The sandbox's Simulator buys with a card (by its id) and refunds to it, as a merchant would. An approved
  purchase holds its amount: the available balance falls at once, the actual balance when the purchase
  settles. A declined purchase moves nothing. A refund credits the card. Amounts are in minor units
  (1250 EUR is EUR 12.50). Each purchase and refund is a card payment the identity can list.

  Scenario: An approved purchase lowers the available balance and is a card payment
    Given a corporate is onboarded and verified
    And the corporate has a prepaid card "travel" with 2000 EUR
    When the simulator buys 1250 EUR at "Corner Shop" at merchant category 5411 with the card "travel"
    Then the purchase is approved
    And the card "travel" holds 2000 EUR of which 750 available
    And the card "travel" has 1 card payment
    And card payment 1 of the card "travel" is a PURCHASE of 1250 EUR at "Corner Shop" with category 5411 in status SETTLEMENT_IN_PROGRESS

  @emulator_only @expiry
  Scenario: A purchase holds its amount until it settles, then the actual balance falls
    Given a corporate is onboarded and verified
    And the corporate has a prepaid card "travel" with 2000 EUR
    When the simulator buys 1250 EUR at "Corner Shop" with the card "travel"
    Then the purchase is approved
    And the card "travel" holds 2000 EUR of which 750 available
    When the card purchases settle
    Then the card "travel" holds 750 EUR
    And card payment 1 of the card "travel" is a PURCHASE of 1250 EUR at "Corner Shop" in status SETTLED
    And the card payment events of the card "travel" are AUTHORISATION, SETTLEMENT

  @negative
  Scenario: A purchase beyond the card's funds is declined and moves nothing
    Given a corporate is onboarded and verified
    And the corporate has a prepaid card "travel" with 1000 EUR
    When the simulator buys 1001 EUR at "Corner Shop" with the card "travel"
    Then the purchase is declined with DENIED_NOT_ENOUGH_FUNDS
    And the card "travel" holds 1000 EUR
    And card payment 1 of the card "travel" is a PURCHASE of 1001 EUR at "Corner Shop" in status DECLINED
    And card payment 1 of the card "travel" was declined for INSUFFICIENT_BALANCE

  @negative
  Scenario: A blocked card's purchase is declined, and is approved again once the user unblocks it
    Given a corporate is onboarded and verified
    And the corporate has a prepaid card "travel" with 1000 EUR
    When POST "/managed_cards/${travel.id}/block" is called as the corporate
    Then the response status is 204
    And the card "travel" is BLOCKED with reason USER
    When the simulator buys 100 EUR with the card "travel"
    Then the purchase is declined with DENIED_CARD_INACTIVE
    And the card "travel" holds 1000 EUR
    When POST "/managed_cards/${travel.id}/unblock" is called as the corporate
    Then the response status is 204
    When the simulator buys 100 EUR with the card "travel"
    Then the purchase is approved
    And the card "travel" holds 1000 EUR of which 900 available

  @negative
  Scenario: A destroyed card's purchase is declined
    Given a corporate is onboarded and verified
    And the corporate has a prepaid card "travel"
    When POST "/managed_cards/${travel.id}/remove" is called as the corporate
    Then the response status is 204
    When the simulator buys 100 EUR with the card "travel"
    Then the purchase is declined with DENIED_CARD_INACTIVE
    And card payment 1 of the card "travel" is a PURCHASE of 100 EUR at "Suite Shop" in status DECLINED
    And card payment 1 of the card "travel" was declined for CARD_STATUS_NOT_ALLOWED

  @negative
  Scenario: A purchase of nothing is declined
    Given a corporate is onboarded and verified
    And the corporate has a prepaid card "travel" with 1000 EUR
    When the simulator buys 0 EUR with the card "travel"
    Then the purchase is declined with DENIED_AMOUNT_NOT_POSITIVE
    And the card "travel" holds 1000 EUR

  Scenario: A merchant refund credits the card
    Given a corporate is onboarded and verified
    And the corporate has a prepaid card "travel" with 1000 EUR
    When the simulator refunds 250 EUR from "Corner Shop" to the card "travel"
    Then the refund is approved
    And the card "travel" holds 1250 EUR
    And card payment 1 of the card "travel" is a REFUND of 250 EUR at "Corner Shop" in status SETTLED
    And the card payment events of the card "travel" are REFUND

  @journey @emulator_only @expiry
  Scenario: A debit card spends its parent account's money
    Given a corporate is onboarded and verified
    And the corporate has a managed account "savings" with 5000 EUR
    And the corporate has a debit card "fuel" on "savings"
    When the simulator buys 1200 EUR at "Fuel Station" with the card "fuel"
    Then the purchase is approved
    When the card purchases settle
    Then the managed account "savings" holds 3800 EUR
    And card payment 1 of the card "fuel" is a PURCHASE of 1200 EUR at "Fuel Station" in status SETTLED

  @negative
  Scenario Outline: The Simulator refuses a purchase request without <field>
    Given a corporate is onboarded and verified
    And the corporate has a prepaid card "travel"
    When the simulator's <operation> with the card "travel" is sent:
      """
      <body>
      """
    Then the response status is 400

    Examples:
      | field                 | operation       | body                                                            |
      | a merchant name       | purchase        | {"transactionAmount": {"currency": "EUR", "amount": 100}}       |
      | a transaction amount  | merchant refund | {"merchantName": "Corner Shop"}                                 |

  @emulator_only
  Scenario: The Simulator buys and refunds with a card's number, CVV and expiry date
    Given a corporate is onboarded and verified
    And the corporate has a prepaid card "travel" with 1000 EUR
    When the simulator buys 300 EUR with the details of the card "travel"
    Then the purchase is approved
    When the simulator refunds 100 EUR with the details of the card "travel"
    Then the refund is approved
    And the card "travel" holds 1100 EUR of which 800 available
    And the card "travel" has 2 card payments

  @emulator_only @negative
  Scenario Outline: A purchase with <wrong> is declined with <code>
    Given a corporate is onboarded and verified
    And the corporate has a prepaid card "travel" with 1000 EUR
    When the simulator buys 300 EUR with the details of the card "travel" but <wrong>
    Then the purchase is declined with <code>
    And the card "travel" holds 1000 EUR

    Examples:
      | wrong                 | code                 |
      | a wrong CVV           | DENIED_INCORRECT_CVV |
      | another expiry date   | DENIED_CARD_EXPIRY   |

  @negative
  Scenario Outline: The Simulator refuses a request by card details without <field>
    When the simulator's <operation> by card details is sent:
      """
      <body>
      """
    Then the response status is 400

    Examples:
      | field           | operation       | body                                                                                                                    |
      | a CVV           | purchase        | {"cardNumber": "5555444433332222", "expiryDate": "1230", "merchantName": "Shop", "transactionAmount": {"currency": "EUR", "amount": 1}} |
      | a card number   | merchant refund | {"cvv": "123", "expiryDate": "1230", "merchantName": "Shop", "transactionAmount": {"currency": "EUR", "amount": 1}}     |
