@fees
Feature: Custom fee charges deducted from a managed account
  A verified identity holding funds on a managed account is charged a programme's custom fee:
  the fee leaves the account's balance, goes to the programme's revenue account and shows in
  the identity's fee list. Amounts are in minor units (1000 EUR is EUR 10.00); the programme
  prices SETUP_FEE at 100 EUR, 90 GBP and 110 USD, MONTHLY_FEE at 250 EUR and 220 GBP.

  @journey @simulator
  Scenario Outline: An identity is charged a custom fee from its managed account
    Given a <identity> is onboarded and verified
    And the <identity> has a managed account with 1000 <currency>
    When the <identity> is charged the "SETUP_FEE" fee from their managed account
    Then the response status is 200
    And the response field "state" equals "COMPLETED"
    And the response field "feeType" equals "SETUP_FEE"
    And the response field "transactionId.type" equals "CHARGE_FEE"
    And the response field "source" equals {"type": "managed_accounts", "id": "${<identity>.account}"}
    And the response field "availableBalanceAdjustment" equals {"currency": "<currency>", "amount": -<fee>}
    And the <identity>'s managed account holds <left> <currency>
    When GET "/fees" is called as the <identity>
    Then the response status is 200
    And the response field "count" equals 1
    And the response field "fees.0.amount" equals {"currency": "<currency>", "amount": <fee>}
    And the response field "fees.0.instrument" equals {"type": "managed_accounts", "id": "${<identity>.account}"}

    Examples:
      | identity  | currency | fee | left |
      | corporate | EUR      | 100 | 900  |
      | consumer  | GBP      | 90  | 910  |

  @journey @simulator @corporates
  Scenario: Each charge is deducted and listed, the most recent first
    Given a corporate is onboarded and verified
    And the corporate has a managed account with 1000 EUR
    When the corporate is charged the "SETUP_FEE" fee from their managed account
    And the corporate is charged the "MONTHLY_FEE" fee from their managed account
    Then the response status is 200
    And the corporate's managed account holds 650 EUR
    When GET "/fees" is called as the corporate
    Then the response field "count" equals 2
    And the response field "fees.0.amount.amount" equals 250
    And the response field "fees.1.amount.amount" equals 100

  @simulator @consumers
  Scenario: A fee equal to the whole balance empties the account
    Given a consumer is onboarded and verified
    And the consumer has a managed account with 100 EUR
    When the consumer is charged the "SETUP_FEE" fee from their managed account
    Then the response status is 200
    And the consumer's managed account holds 0 EUR

  @negative @simulator
  Scenario Outline: A fee above the account's balance is refused and nothing is deducted
    Given a <identity> is onboarded and verified
    And the <identity> has a managed account with 99 EUR
    When the <identity> is charged the "SETUP_FEE" fee from their managed account
    Then the response status is 409
    And the error code is "FUNDS_INSUFFICIENT"
    And the <identity>'s managed account holds 99 EUR
    When GET "/fees" is called as the <identity>
    Then the response field "count" equals 0

    Examples:
      | identity  |
      | corporate |
      | consumer  |

  @negative @simulator
  Scenario Outline: An identity cannot be charged from another identity's managed account
    Given a <identity> is onboarded and verified
    And a corporate B is onboarded and verified
    And the corporate B has a managed account with 1000 EUR
    When the <identity> is charged the "SETUP_FEE" fee from the corporate B's managed account
    Then the response status is 409
    And the error code is "IDENTITY_NOT_OWNER_OF_INSTRUMENT"
    And the corporate B's managed account holds 1000 EUR

    Examples:
      | identity  |
      | corporate |
      | consumer  |

  @negative @simulator @corporates
  Scenario: A fee the programme does not price in the account's currency is refused
    Given a corporate is onboarded and verified
    And the corporate has a managed account with 1000 USD
    When the corporate is charged the "MONTHLY_FEE" fee from their managed account
    Then the response status is 409
    And the error code is "UNRESOLVED_CURRENCY"
    And the corporate's managed account holds 1000 USD
