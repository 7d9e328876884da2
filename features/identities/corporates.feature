@identity @corporates
Feature: Corporates: registration, details and their update, root email verification
  A business registers a corporate; the registration is checked field by field and against
  the programme. The logged-in corporate reads and updates its details; a new root email
  must be verified again.

  @negative
  Scenario Outline: A corporate registration with an invalid field is rejected naming it
    When a corporate registers with "<field>" set to <value>
    Then the registration is rejected naming "<field>" as "<error>"

    Examples:
      | field                       | value          | error |
      | rootUser.email              | "not-an-email" | REGEX |
      | baseCurrency                | "eur"          | REGEX |
      | rootUser.mobile.countryCode | "356"          | REGEX |
      | company.type                | "PIRATES"      | IN    |

  @negative
  Scenario Outline: A corporate registration without a required field is rejected naming it
    When a corporate registers with "<field>" removed
    Then the registration is rejected naming "<field>" as "REQUIRED"

    Examples:
      | field                |
      | rootUser.email       |
      | company.name         |
      | baseCurrency         |

  @negative
  Scenario Outline: A corporate registration the programme cannot take is refused
    When a corporate registers with "<field>" set to <value>
    Then the registration is refused with <code>

    Examples:
      | field        | value           | code                 |
      | profileId    | "999"           | PROFILE_NOT_FOUND    |
      | baseCurrency | "JPY"           | CURRENCY_UNSUPPORTED |
      | feeGroup     | "NO_SUCH_GROUP" | FEE_GROUP_INVALID    |

  @negative
  Scenario: Reading the corporate with an invalid token is unauthorised
    Given a corporate is onboarded and logged in
    When the corporate reads their identity with an invalid token
    Then the identity read is unauthorised

  @negative
  Scenario: A consumer cannot read a corporate
    Given a consumer is onboarded and logged in
    When the consumer reads the corporate identity
    Then the identity read is forbidden with INSUFFICIENT_PERMISSIONS

  Scenario: The corporate updates its details
    Given a corporate is onboarded and logged in
    When the corporate updates their details with:
      """
      {"tag": "renamed_corp", "industry": "ACCOUNTING", "name": "Zoe", "userTag": "root_tag",
       "companyBusinessAddress": {"addressLine1": "2 Bay Street", "city": "Sliema", "postCode": "SLM 1000", "country": "MT"}}
      """
    Then the corporate's details are updated
    And the corporate's identity reads:
      | field                        | value        |
      | tag                          | renamed_corp |
      | industry                     | ACCOUNTING   |
      | rootUser.name                | Zoe          |
      | rootUser.tag                 | root_tag     |
      | company.businessAddress.city | Sliema       |
      | rootUser.active              | true         |

  Scenario: A corporate's new root email must be verified again
    Given a corporate is onboarded and logged in
    And a new unique email is remembered as "new email"
    When the corporate updates their details with:
      """
      {"email": "${new email}"}
      """
    Then the corporate's details are updated
    And the corporate's identity reads:
      | field                  | value        |
      | rootUser.email         | ${new email} |
      | rootUser.emailVerified | false        |
    When the corporate asks for a code for their email
    Then the email code request succeeds
    When the corporate verifies their email
    Then the email verification succeeds
    And the corporate's identity reads:
      | field                  | value |
      | rootUser.emailVerified | true  |

  @negative
  Scenario: The corporate's root email cannot change to one another user has
    Given a corporate is onboarded and logged in
    And a consumer is registered
    When the corporate updates their details with:
      """
      {"email": "${consumer.email}"}
      """
    Then the update is refused with EMAIL_NOT_UNIQUE
    And the corporate's identity reads:
      | field          | value              |
      | rootUser.email | ${corporate.email} |

  @negative
  Scenario Outline: An update the programme cannot take is refused
    Given a corporate is onboarded and logged in
    When the corporate updates their details with:
      """
      <body>
      """
    Then the update is refused with <code>

    Examples:
      | body                         | code                 |
      | {"baseCurrency": "JPY"}      | UNSUPPORTED_CURRENCY |
      | {"feeGroup": "NO_SUCH_GROUP"} | FEE_GROUP_INVALID    |

  @negative
  Scenario: An update with a name holding digits is rejected naming the field
    Given a corporate is onboarded and logged in
    When the corporate updates their details with:
      """
      {"name": "R2D2"}
      """
    Then the update is rejected naming "name" as "REGEX"

  @negative
  Scenario: Updating the corporate needs a valid token
    When a corporate update is sent with an invalid token
    Then the update is unauthorised

  @negative
  Scenario: A corporate's verified root email cannot be sent another code
    Given a corporate is registered
    And the corporate's root email is verified
    When the corporate asks for a code for their email
    Then the email code request is refused with ALREADY_VERIFIED

  @negative
  Scenario: A wrong corporate email verification code is refused
    Given a corporate is registered
    When the corporate asks for a code for their email
    Then the email code request succeeds
    When the corporate verifies their email with the code "000000"
    Then the email verification is refused with VERIFICATION_CODE_INVALID

  @negative
  Scenario: No code is sent to an email no corporate root user has
    Given a consumer is registered
    When an email code is asked for the consumer's email as a corporate
    Then the email code request is refused with EMAIL_NOT_FOUND

  @negative
  Scenario: A malformed email is rejected naming the field
    When an email code is asked for "not-an-email" as a corporate
    Then the email code request is rejected naming "email" as "REGEX"
