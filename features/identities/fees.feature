@identity @fees
Feature: Custom fees: charging a programme's fee to the logged-in identity, and the fee list
  A programme defines custom fees in the Multi Portal; an identity is charged one by naming
  the fee type and the instrument it is deducted from. The fee list shows the fees an
  identity's instruments accrued, a page at a time.

  Scenario Outline: A new identity has accrued no fees
    Given a <identity> is onboarded and logged in
    When the <identity> lists their fees
    Then the fee list is empty

    Examples:
      | identity  |
      | corporate |
      | consumer  |

  Scenario: The fee list takes a page window and a sort order
    Given a corporate is onboarded and logged in
    When the corporate lists their fees with "offset=0&limit=10&sortOrder=ASC"
    Then the fee list is empty

  @negative
  Scenario Outline: A fee list page outside the allowed window is rejected naming the field
    Given a corporate is onboarded and logged in
    When the corporate lists their fees with "<query>"
    Then the fee list is rejected naming "<field>" as "<error>"

    Examples:
      | query          | field     | error |
      | limit=0        | limit     | RANGE |
      | limit=101      | limit     | RANGE |
      | offset=-1      | offset    | RANGE |
      | sortOrder=UP   | sortOrder | IN    |

  @negative
  Scenario: The fee list needs a valid token
    Given a corporate is onboarded and logged in
    When the corporate lists their fees with an invalid token
    Then the fee list is unauthorised

  @negative
  Scenario Outline: A fee type the programme does not define cannot be charged
    Given a <identity> is onboarded and logged in
    When the <identity> asks to be charged a fee with:
      """
      {"feeType": "NO_SUCH_FEE_TYPE", "source": {"type": "managed_accounts", "id": "1"}}
      """
    Then the fee charge is refused with UNRESOLVED_FEE_TYPE

    Examples:
      | identity  |
      | corporate |
      | consumer  |

  @negative
  Scenario Outline: A fee cannot be charged to an instrument that does not exist
    Given a <identity> is onboarded and logged in
    When the <identity> asks to be charged a fee with:
      """
      {"feeType": "SETUP_FEE", "source": {"type": "<type>", "id": "9000000000000000001"}}
      """
    Then the fee charge is refused with UNRESOLVED_INSTRUMENT

    Examples:
      | identity  | type             |
      | corporate | managed_accounts |
      | consumer  | managed_cards    |

  @negative
  Scenario Outline: A fee charge without a valid source is rejected naming the field
    Given a corporate is onboarded and logged in
    When the corporate asks to be charged a fee with:
      """
      <body>
      """
    Then the fee charge is rejected naming "<field>" as "<error>"

    Examples:
      | body                                                              | field       | error    |
      | {"feeType": "SETUP_FEE"}                                          | source      | REQUIRED |
      | {"source": {"type": "managed_accounts", "id": "1"}}               | feeType     | REQUIRED |
      | {"feeType": "SETUP_FEE", "source": {"type": "wallet", "id": "1"}} | source.type | IN       |
      | {"feeType": "SETUP_FEE", "source": {"type": "managed_cards", "id": "x1"}} | source.id | REGEX |

  @negative
  Scenario Outline: Charging a fee needs a valid token
    Given a <identity> is onboarded and logged in
    When the <identity> asks to be charged a fee with an invalid token
    Then the fee charge is unauthorised

    Examples:
      | identity  |
      | corporate |
      | consumer  |

  @negative
  Scenario: A consumer cannot be charged through the corporates' fee charge
    Given a consumer is onboarded and logged in
    When the consumer asks to be charged a fee through the corporates' fee charge with:
      """
      {"feeType": "SETUP_FEE", "source": {"type": "managed_accounts", "id": "1"}}
      """
    Then the fee charge is forbidden with INSUFFICIENT_PERMISSIONS
