@identity @corporates
Feature: Corporates: registration, details and their update, root email verification
  A business registers a corporate; the registration is checked field by field and against
  the programme. The logged-in corporate reads and updates its details; a new root email
  must be verified again.

  @negative
  Scenario Outline: A corporate registration with an invalid field is rejected naming it
    When a corporate registers with "<field>" set to <value>
    Then the response status is 400
    And the field "<field>" is reported invalid with "<error>"

    Examples:
      | field                       | value          | error |
      | rootUser.email              | "not-an-email" | REGEX |
      | baseCurrency                | "eur"          | REGEX |
      | rootUser.mobile.countryCode | "356"          | REGEX |
      | company.type                | "PIRATES"      | IN    |

  @negative
  Scenario Outline: A corporate registration without a required field is rejected naming it
    When a corporate registers with "<field>" removed
    Then the response status is 400
    And the field "<field>" is reported invalid with "REQUIRED"

    Examples:
      | field                |
      | rootUser.email       |
      | company.name         |
      | baseCurrency         |

  @negative
  Scenario Outline: A corporate registration the programme cannot take is refused
    When a corporate registers with "<field>" set to <value>
    Then the response status is 409
    And the error code is "<code>"

    Examples:
      | field        | value           | code                 |
      | profileId    | "999"           | PROFILE_NOT_FOUND    |
      | baseCurrency | "JPY"           | CURRENCY_UNSUPPORTED |
      | feeGroup     | "NO_SUCH_GROUP" | FEE_GROUP_INVALID    |

  @negative
  Scenario: Reading the corporate with an invalid token is unauthorised
    When GET "/corporates" is called with an invalid token
    Then the response status is 401
    And the response has no body

  @negative
  Scenario: A consumer cannot read a corporate
    Given a consumer is onboarded and logged in
    When GET "/corporates" is called as the consumer
    Then the response status is 403
    And the error code is "INSUFFICIENT_PERMISSIONS"

  Scenario: The corporate updates its details
    Given a corporate is onboarded and logged in
    When PATCH "/corporates" is called as the corporate with:
      """
      {"tag": "renamed_corp", "industry": "ACCOUNTING", "name": "Zoe", "userTag": "root_tag",
       "companyBusinessAddress": {"addressLine1": "2 Bay Street", "city": "Sliema", "postCode": "SLM 1000", "country": "MT"}}
      """
    Then the response status is 200
    And the response field "tag" equals "renamed_corp"
    And the response field "industry" equals "ACCOUNTING"
    And the response field "rootUser.name" equals "Zoe"
    And the response field "rootUser.tag" equals "root_tag"
    And the response field "company.businessAddress.city" equals "Sliema"
    And the response equals what GET "/corporates" answers as the corporate
    When GET "/corporates" is called as the corporate
    Then the response field "rootUser.name" equals "Zoe"
    And the response field "rootUser.active" equals true

  Scenario: A corporate's new root email must be verified again
    Given a corporate is onboarded and logged in
    And a new unique email is remembered as "new email"
    When PATCH "/corporates" is called as the corporate with:
      """
      {"email": "${new email}"}
      """
    Then the response status is 200
    And the response field "rootUser.email" equals "${new email}"
    And the response field "rootUser.emailVerified" equals false
    When POST "/corporates/verification/email/send" is called with:
      """
      {"email": "${new email}"}
      """
    Then the response status is 204
    When POST "/corporates/verification/email/verify" is called with:
      """
      {"email": "${new email}", "verificationCode": "${code}"}
      """
    Then the response status is 204
    When GET "/corporates" is called as the corporate
    Then the response field "rootUser.emailVerified" equals true

  @negative
  Scenario: The corporate's root email cannot change to one another user has
    Given a corporate is onboarded and logged in
    And a consumer is registered
    When PATCH "/corporates" is called as the corporate with:
      """
      {"email": "${consumer.email}"}
      """
    Then the response status is 409
    And the error code is "EMAIL_NOT_UNIQUE"
    When GET "/corporates" is called as the corporate
    Then the response field "rootUser.email" equals "${corporate.email}"

  @negative
  Scenario Outline: An update the programme cannot take is refused
    Given a corporate is onboarded and logged in
    When PATCH "/corporates" is called as the corporate with:
      """
      <body>
      """
    Then the response status is 409
    And the error code is "<code>"

    Examples:
      | body                         | code                 |
      | {"baseCurrency": "JPY"}      | UNSUPPORTED_CURRENCY |
      | {"feeGroup": "NO_SUCH_GROUP"} | FEE_GROUP_INVALID    |

  @negative
  Scenario: An update with a name holding digits is rejected naming the field
    Given a corporate is onboarded and logged in
    When PATCH "/corporates" is called as the corporate with:
      """
      {"name": "R2D2"}
      """
    Then the response status is 400
    And the field "name" is reported invalid with "REGEX"

  @negative
  Scenario: Updating the corporate needs a token
    When PATCH "/corporates" is called without a token with:
      """
      {"tag": "nobody"}
      """
    Then the response status is 401

  @negative
  Scenario: A corporate's verified root email cannot be sent another code
    Given a corporate is registered
    And the corporate's root email is verified
    When POST "/corporates/verification/email/send" is called with:
      """
      {"email": "${corporate.email}"}
      """
    Then the response status is 409
    And the error code is "ALREADY_VERIFIED"

  @negative
  Scenario: A wrong corporate email verification code is refused
    Given a corporate is registered
    When POST "/corporates/verification/email/send" is called with:
      """
      {"email": "${corporate.email}"}
      """
    Then the response status is 204
    When POST "/corporates/verification/email/verify" is called with:
      """
      {"email": "${corporate.email}", "verificationCode": "000000"}
      """
    Then the response status is 409
    And the error code is "VERIFICATION_CODE_INVALID"

  @negative
  Scenario: No code is sent to an email no corporate root user has
    Given a consumer is registered
    When POST "/corporates/verification/email/send" is called with:
      """
      {"email": "${consumer.email}"}
      """
    Then the response status is 409
    And the error code is "EMAIL_NOT_FOUND"

  @negative
  Scenario: A malformed email is rejected naming the field
    When POST "/corporates/verification/email/send" is called with:
      """
      {"email": "not-an-email"}
      """
    Then the response status is 400
    And the field "email" is reported invalid with "REGEX"
