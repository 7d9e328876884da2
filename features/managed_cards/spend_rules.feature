@cards @spend_rules
Feature: Spend rules decide a card's purchases
  A card's owner sets spend rules once (POST), changes them (PATCH) and removes them (DELETE). Allowed and
  blocked lists of merchant categories, merchant ids and countries, and minimum and maximum amounts, decide
  each purchase: a block wins over an allow, and a purchase that breaks a rule is declined with
  DENIED_SPEND_CONTROL and moves nothing. Spend limits per interval exist only for debit cards; an update
  overwrites a limit (OVERWRITE, the default) or adds to it (INCREMENT). Amounts are in minor units.

  Scenario: The owner sets, reads, changes and removes a card's spend rules
    Given a corporate is onboarded and verified
    And the corporate has a prepaid card "travel"
    When POST "/managed_cards/${travel.id}/spend_rules" is called as the corporate with:
      """
      {"blockedMerchantCategories": ["5411"], "allowedMerchantCountries": ["MT", "IT"], "minTransactionAmount": 10}
      """
    Then the response status is 204
    And the spend rules of the card "travel" are:
      """
      {"blockedMerchantCategories": ["5411"], "allowedMerchantCountries": ["MT", "IT"], "minTransactionAmount": 10}
      """
    When PATCH "/managed_cards/${travel.id}/spend_rules" is called as the corporate with:
      """
      {"maxTransactionAmount": 5000, "blockedMerchantIds": ["M-1"]}
      """
    Then the response status is 204
    And the spend rules of the card "travel" are:
      """
      {"blockedMerchantCategories": ["5411"], "allowedMerchantCountries": ["MT", "IT"], "minTransactionAmount": 10,
       "maxTransactionAmount": 5000, "blockedMerchantIds": ["M-1"]}
      """
    When DELETE "/managed_cards/${travel.id}/spend_rules" is called as the corporate
    Then the response status is 204
    And the spend rules of the card "travel" are:
      """
      {}
      """

  @negative
  Scenario Outline: A purchase that breaks a spend rule is declined and moves nothing
    Given a corporate is onboarded and verified
    And the corporate has a prepaid card "travel" with 2000 EUR
    And the card "travel" has spend rules:
      """
      <rules>
      """
    When the simulator buys <purchase> with the card "travel"
    Then the purchase is declined with DENIED_SPEND_CONTROL
    And the card "travel" holds 2000 EUR
    And card payment 1 of the card "travel" is a PURCHASE of <amount> EUR at "Suite Shop" in status DECLINED
    And card payment 1 of the card "travel" was declined for AUTH_RULE_CHECKS_FAILED (<failure>)

    Examples:
      | rule                              | rules                                                                          | amount | purchase                          | failure                               |
      | a blocked merchant category       | {"blockedMerchantCategories": ["5411"]}                                        | 100    | 100 EUR at merchant category 5411 | MERCHANT_CATEGORY_BLOCKED             |
      | a block that wins over an allow   | {"allowedMerchantCategories": ["5411"], "blockedMerchantCategories": ["5411"]} | 100    | 100 EUR at merchant category 5411 | MERCHANT_CATEGORY_BLOCKED             |
      | a category outside the allow list | {"allowedMerchantCategories": ["5812"]}                                        | 100    | 100 EUR at merchant category 5411 | MERCHANT_CATEGORY_NOT_IN_ALLOWED_LIST |
      | a blocked merchant id             | {"blockedMerchantIds": ["M-1"]}                                                | 100    | 100 EUR from merchant id "M-1"    | MERCHANT_ID_BLOCKED                   |
      | a blocked country                 | {"blockedMerchantCountries": ["MT"]}                                           | 100    | 100 EUR in MLT                    | MERCHANT_COUNTRY_BLOCKED              |
      | a country outside the allow list  | {"allowedMerchantCountries": ["IT"]}                                           | 100    | 100 EUR in MLT                    | MERCHANT_COUNTRY_NOT_IN_ALLOWED_LIST  |
      | an amount below the minimum       | {"minTransactionAmount": 500}                                                  | 499    | 499 EUR                           | MIN_TRANSACTION_AMOUNT_EXCEEDED       |
      | an amount above the maximum       | {"maxTransactionAmount": 500}                                                  | 501    | 501 EUR                           | MAX_TRANSACTION_AMOUNT_EXCEEDED       |

  Scenario: A purchase within every rule is approved
    Given a corporate is onboarded and verified
    And the corporate has a prepaid card "travel" with 2000 EUR
    And the card "travel" has spend rules:
      """
      {"allowedMerchantCategories": ["5411"], "blockedMerchantIds": ["M-1"], "allowedMerchantCountries": ["MT"],
       "minTransactionAmount": 500, "maxTransactionAmount": 500}
      """
    When the simulator buys 500 EUR at merchant category 5411 from merchant id "M-2" in MLT with the card "travel"
    Then the purchase is approved
    And the card "travel" holds 2000 EUR of which 1500 available

  @emulator_only @expiry @journey
  Scenario: A daily spend limit declines the purchase that would pass it, and allows it again the next day
    Given a corporate is onboarded and verified
    And the corporate has a managed account "savings" with 10000 EUR
    And the corporate has a debit card "fuel" on "savings"
    And the card "fuel" has spend rules:
      """
      {"spendLimit": [{"value": {"currency": "EUR", "amount": 1000}, "interval": "DAILY"}]}
      """
    When the simulator buys 600 EUR with the card "fuel"
    Then the purchase is approved
    And the card "fuel" has 400 EUR left to spend DAILY
    When the simulator buys 500 EUR with the card "fuel"
    Then the purchase is declined with DENIED_SPEND_CONTROL
    And card payment 2 of the card "fuel" was declined for AUTH_RULE_CHECKS_FAILED (SPEND_LIMIT_EXCEEDED)
    When 1 day passes
    And the corporate logs in
    Then the card "fuel" has 1000 EUR left to spend DAILY
    When the simulator buys 500 EUR with the card "fuel"
    Then the purchase is approved
    And the card "fuel" has 500 EUR left to spend DAILY
    When the card purchases settle
    Then the managed account "savings" holds 8900 EUR

  Scenario Outline: An update <method> a debit card's spend limit
    Given a corporate is onboarded and verified
    And the corporate has a managed account "savings" with 0 EUR
    And the corporate has a debit card "fuel" on "savings"
    And the card "fuel" has spend rules:
      """
      {"spendLimit": [{"value": {"currency": "EUR", "amount": 1000}, "interval": "WEEKLY"}]}
      """
    When PATCH "/managed_cards/${fuel.id}/spend_rules" is called as the corporate with:
      """
      {"spendLimit": [{"value": {"currency": "EUR", "amount": 300}, "interval": "WEEKLY"}], "updateSpendLimitMethod": "<method>"}
      """
    Then the response status is 204
    And the spend rules of the card "fuel" are:
      """
      {"spendLimit": [{"value": {"currency": "EUR", "amount": <limit>}, "interval": "WEEKLY"}]}
      """
    And the card "fuel" has <limit> EUR left to spend WEEKLY

    Examples:
      | method    | limit |
      | OVERWRITE | 300   |
      | INCREMENT | 1300  |

  @negative
  Scenario: A second POST of spend rules is refused; PATCH changes them
    Given a corporate is onboarded and verified
    And the corporate has a prepaid card "travel"
    And the card "travel" has spend rules:
      """
      {"maxTransactionAmount": 500}
      """
    When POST "/managed_cards/${travel.id}/spend_rules" is called as the corporate with:
      """
      {"maxTransactionAmount": 900}
      """
    Then the response status is 409
    And the error code is "SPEND_RULE_ALREADY_SET"
    And the spend rules of the card "travel" are:
      """
      {"maxTransactionAmount": 500}
      """

  @negative
  Scenario Outline: A spend limit the card cannot take is refused with <code>
    Given a corporate is onboarded and verified
    And the corporate has a managed account "savings" with 0 EUR
    And the corporate has a debit card "fuel" on "savings"
    And the corporate has a prepaid card "travel"
    When POST "/managed_cards/${<card>.id}/spend_rules" is called as the corporate with:
      """
      {"spendLimit": <limits>}
      """
    Then the response status is 409
    And the error code is "<code>"
    And the spend rules of the card "<card>" are:
      """
      {}
      """

    Examples:
      | card   | code                                              | limits                                                                                                                     |
      | travel | SPEND_LIMIT_NOT_SUPPORTED_FOR_PREPAID_MODE_CARD   | [{"value": {"currency": "EUR", "amount": 100}, "interval": "DAILY"}]                                                       |
      | fuel   | SPEND_LIMIT_CURRENCY_DIFFERENT_FROM_CARD_CURRENCY | [{"value": {"currency": "GBP", "amount": 100}, "interval": "DAILY"}]                                                       |
      | fuel   | SPEND_LIMIT_DUPLICATE_INTERVAL                    | [{"value": {"currency": "EUR", "amount": 100}, "interval": "DAILY"}, {"value": {"currency": "EUR", "amount": 5}, "interval": "DAILY"}] |
      | fuel   | SPEND_LIMIT_AMOUNT_INVALID                        | [{"value": {"currency": "EUR", "amount": -1}, "interval": "DAILY"}]                                                        |

  @negative
  Scenario: Spend rules cannot be changed before they are set
    Given a corporate is onboarded and verified
    And the corporate has a prepaid card "travel"
    When PATCH "/managed_cards/${travel.id}/spend_rules" is called as the corporate with:
      """
      {"maxTransactionAmount": 500}
      """
    Then the response status is 404

  @negative
  Scenario Outline: Another identity's card has no spend rules to <action>
    Given a corporate is onboarded and verified
    And the corporate has a prepaid card "travel"
    And a corporate B is onboarded and verified
    When <method> "/managed_cards/${travel.id}/spend_rules" is called as the corporate B<with>
    Then the response status is 404

    Examples:
      | action | method | with |
      | read   | GET    |      |
      | remove | DELETE |      |

  @negative
  Scenario: A spend rule's merchant country is a two-letter code
    Given a corporate is onboarded and verified
    And the corporate has a prepaid card "travel"
    When POST "/managed_cards/${travel.id}/spend_rules" is called as the corporate with:
      """
      {"allowedMerchantCountries": ["MLT"]}
      """
    Then the response status is 400
    And the field "allowedMerchantCountries[0]" is reported invalid

  @negative
  Scenario: An update cannot give a prepaid card a spend limit
    Given a corporate is onboarded and verified
    And the corporate has a prepaid card "travel"
    And the card "travel" has spend rules:
      """
      {"maxTransactionAmount": 500}
      """
    When PATCH "/managed_cards/${travel.id}/spend_rules" is called as the corporate with:
      """
      {"spendLimit": [{"value": {"currency": "EUR", "amount": 100}, "interval": "DAILY"}]}
      """
    Then the response status is 409
    And the error code is "SPEND_LIMIT_NOT_SUPPORTED_FOR_PREPAID_MODE_CARD"
    And the spend rules of the card "travel" are:
      """
      {"maxTransactionAmount": 500}
      """
