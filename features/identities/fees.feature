@identity @fees
Feature: Custom fees: charging a programme's fee to the logged-in identity, and the fee list
  A programme defines custom fees in the Multi Portal; an identity is charged one by naming
  the fee type and the instrument it is deducted from. The fee list shows the fees an
  identity's instruments accrued, a page at a time.

  Scenario Outline: A new identity has accrued no fees
    Given a <identity> is onboarded and logged in
    When GET "/fees" is called as the <identity>
    Then the response status is 200
    And the response field "fees" has 0 items
    And the response field "count" equals 0
    And the response field "responseCount" equals 0

    Examples:
      | identity  |
      | corporate |
      | consumer  |

  Scenario: The fee list takes a page window and a sort order
    Given a corporate is onboarded and logged in
    When GET "/fees?offset=0&limit=10&sortOrder=ASC" is called as the corporate
    Then the response status is 200
    And the response field "count" equals 0

  @negative
  Scenario Outline: A fee list page outside the allowed window is rejected naming the field
    Given a corporate is onboarded and logged in
    When GET "/fees?<query>" is called as the corporate
    Then the response status is 400
    And the field "<field>" is reported invalid with "<error>"

    Examples:
      | query          | field     | error |
      | limit=0        | limit     | RANGE |
      | limit=101      | limit     | RANGE |
      | offset=-1      | offset    | RANGE |
      | sortOrder=UP   | sortOrder | IN    |

  @negative
  Scenario: The fee list needs a token
    When GET "/fees" is called without a token
    Then the response status is 401
    And the response has no body

  @negative
  Scenario Outline: A fee type the programme does not define cannot be charged
    Given a <identity> is onboarded and logged in
    When POST "/<identity>s/fees/charge" is called as the <identity> with:
      """
      {"feeType": "NO_SUCH_FEE_TYPE", "source": {"type": "managed_accounts", "id": "1"}}
      """
    Then the response status is 409
    And the error code is "UNRESOLVED_FEE_TYPE"

    Examples:
      | identity  |
      | corporate |
      | consumer  |

  @negative
  Scenario Outline: A fee cannot be charged to an instrument that does not exist
    Given a <identity> is onboarded and logged in
    When POST "/<identity>s/fees/charge" is called as the <identity> with:
      """
      {"feeType": "SETUP_FEE", "source": {"type": "<type>", "id": "9000000000000000001"}}
      """
    Then the response status is 409
    And the error code is "UNRESOLVED_INSTRUMENT"

    Examples:
      | identity  | type             |
      | corporate | managed_accounts |
      | consumer  | managed_cards    |

  @negative
  Scenario Outline: A fee charge without a valid source is rejected naming the field
    Given a corporate is onboarded and logged in
    When POST "/corporates/fees/charge" is called as the corporate with:
      """
      <body>
      """
    Then the response status is 400
    And the field "<field>" is reported invalid with "<error>"

    Examples:
      | body                                                              | field       | error    |
      | {"feeType": "SETUP_FEE"}                                          | source      | REQUIRED |
      | {"source": {"type": "managed_accounts", "id": "1"}}               | feeType     | REQUIRED |
      | {"feeType": "SETUP_FEE", "source": {"type": "wallet", "id": "1"}} | source.type | IN       |
      | {"feeType": "SETUP_FEE", "source": {"type": "managed_cards", "id": "x1"}} | source.id | REGEX |

  @negative
  Scenario Outline: Charging a fee needs a token
    When POST "/<area>/fees/charge" is called without a token with:
      """
      {"feeType": "SETUP_FEE", "source": {"type": "managed_accounts", "id": "1"}}
      """
    Then the response status is 401

    Examples:
      | area       |
      | corporates |
      | consumers  |

  @negative
  Scenario: A consumer cannot be charged through the corporates' fee charge
    Given a consumer is onboarded and logged in
    When POST "/corporates/fees/charge" is called as the consumer with:
      """
      {"feeType": "SETUP_FEE", "source": {"type": "managed_accounts", "id": "1"}}
      """
    Then the response status is 403
    And the error code is "INSUFFICIENT_PERMISSIONS"
