@instruments
Feature: Managed accounts: a verified identity's accounts, and funds deposited through the Simulator
  A corporate or consumer whose due diligence (KYB or KYC) is approved creates managed accounts
  on the programme's managed accounts profile, in a currency the profile supports. An account
  starts ACTIVE and empty; the sandbox's Simulator puts funds on it. Each identity sees only its
  own accounts. Amounts are in minor units (500 EUR is EUR 5.00).

  @simulator
  Scenario Outline: A verified identity creates a managed account and reads it back
    Given a <identity> is onboarded and verified
    When POST "/managed_accounts" is called as the <identity> with:
      """
      {"profileId": "${profile.managedAccounts}", "friendlyName": "Savings", "currency": "<currency>", "tag": "suite"}
      """
    Then the response status is 200
    And the response field "state.state" equals "ACTIVE"
    And the response field "currency" equals "<currency>"
    And the response field "friendlyName" equals "Savings"
    And the response field "profileId" equals "${profile.managedAccounts}"
    And the response field "balances" equals {"availableBalance": 0, "actualBalance": 0}
    And the response field "tag" equals "suite"
    And I remember the response as the <identity>'s managed account "savings"
    And the managed account "savings" reads back as the response
    When the <identity> reads the managed account "savings"
    Then the response status is 200
    And the response field "id" equals "${savings.id}"
    And the response field "tag" equals "suite"
    And the response field "balances" equals {"availableBalance": 0, "actualBalance": 0}

    Examples:
      | identity  | currency |
      | corporate | EUR      |
      | consumer  | GBP      |

  @journey @simulator @corporates
  Scenario: Funds deposited through the Simulator reach the account's balances
    Given a corporate is onboarded and verified
    And the corporate has a managed account "main" with 0 EUR
    When the simulator deposits 500 EUR into the managed account "main"
    Then the response status is 200
    And the response field "code" equals "COMPLETED"
    And the managed account "main" holds 500 EUR
    When the simulator deposits 250 EUR into the managed account "main"
    Then the managed account "main" holds 750 EUR

  @negative @simulator @consumers
  Scenario Outline: A deposit the Simulator denies leaves the balance as it was
    Given a consumer is onboarded and verified
    And the consumer has a managed account "main" with 100 EUR
    When the simulator deposits <amount> <currency> into the managed account "main"
    Then the response status is 200
    And the response field "code" equals "<code>"
    And the managed account "main" holds 100 EUR

    Examples:
      | amount | currency | code                                 |
      | 500    | GBP      | DENIED_CURRENCY_NOT_ACCOUNT_CURRENCY |
      | 0      | EUR      | DENIED_AMOUNT_NOT_POSITIVE           |

  @simulator @corporates
  Scenario: The account list holds the identity's own accounts, a page at a time
    Given a corporate is onboarded and verified
    And a corporate B is onboarded and verified
    And the corporate has a managed account "euros" with 0 EUR
    And the corporate has a managed account "pounds" with 0 GBP
    And the corporate B has a managed account "theirs" with 0 EUR
    When GET "/managed_accounts" is called as the corporate
    Then the response status is 200
    And the response field "count" equals 2
    And the response field "accounts" has 2 items
    When GET "/managed_accounts?offset=0&limit=1" is called as the corporate
    Then the response status is 200
    And the response field "count" equals 2
    And the response field "responseCount" equals 1
    And the response field "accounts" has 1 item
    When GET "/managed_accounts?currency=GBP" is called as the corporate
    Then the response field "count" equals 1
    And the response field "accounts.0.id" equals "${pounds.id}"
    And the response field "accounts.0" equals what GET "/managed_accounts/${pounds.id}" answers as the corporate

  @negative
  Scenario Outline: An identity whose due diligence is not approved cannot create a managed account
    Given a <identity> is onboarded and logged in
    When POST "/managed_accounts" is called as the <identity> with:
      """
      {"profileId": "${profile.managedAccounts}", "friendlyName": "Main", "currency": "EUR"}
      """
    Then the response status is 409
    And the error code is "OWNER_IDENTITY_NOT_VERIFIED"

    Examples:
      | identity  |
      | corporate |
      | consumer  |

  @negative @simulator @corporates
  Scenario Outline: A managed account on another profile or in an unsupported currency is refused
    Given a corporate is onboarded and verified
    When POST "/managed_accounts" is called as the corporate with:
      """
      {"profileId": "<profile>", "friendlyName": "Main", "currency": "<currency>"}
      """
    Then the response status is 409
    And the error code is "<code>"

    Examples:
      | profile                     | currency | code                              |
      | ${profile.corporate}        | EUR      | PROFILE_NOT_FOUND                 |
      | ${profile.managedAccounts}  | JPY      | CURRENCY_NOT_SUPPORTED_BY_PROFILE |

  @negative @simulator @corporates
  Scenario Outline: An invalid managed account request is rejected naming the field
    Given a corporate is onboarded and verified
    When POST "/managed_accounts" is called as the corporate with:
      """
      <body>
      """
    Then the response status is 400
    And the field "<field>" is reported invalid with "<error>"

    Examples:
      | body                                                                                  | field        | error    |
      | {"profileId": "${profile.managedAccounts}", "friendlyName": "Main", "currency": "eur"} | currency     | REGEX    |
      | {"profileId": "${profile.managedAccounts}", "friendlyName": "", "currency": "EUR"}    | friendlyName | SIZE     |

  @negative
  Scenario Outline: Managed accounts need a valid token
    When <method> "<path>" is called <who>
    Then the response status is 401
    And the response has no body

    Examples:
      | method | path                 | who                   |
      | GET    | /managed_accounts/1  | with an invalid token |

  @negative @simulator @corporates
  Scenario: Another identity's managed account is not found, nor is it listed
    Given a corporate is onboarded and verified
    And the corporate has a managed account "main" with 0 EUR
    And a corporate B is onboarded and logged in
    When the corporate B reads the managed account "main"
    Then the response status is 404
    When GET "/managed_accounts" is called as the corporate B
    Then the response field "count" equals 0

  @negative @corporates
  Scenario: A managed account list page outside the allowed window is rejected naming the field
    Given a corporate is onboarded and logged in
    When GET "/managed_accounts?limit=101" is called as the corporate
    Then the response status is 400
    And the field "limit" is reported invalid with "RANGE"
