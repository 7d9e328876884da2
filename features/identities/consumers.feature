@identity @consumers
Feature: Consumers: registration, details and their update, root email verification
  An individual registers as a consumer, verifies their root email with the sandbox code,
  creates a password and logs in. The logged-in consumer reads and updates their details.

  @smoke
  Scenario: A consumer registers, verifies their root email, sets a password and logs in
    When a consumer is registered
    Then the response status is 200
    And the response field "id.type" equals "CONSUMER"
    And the response field "rootUser.emailVerified" equals false
    And the response field "rootUser.address.country" equals "MT"
    When POST "/consumers/verification/email/send" is called with:
      """
      {"email": "${consumer.email}"}
      """
    Then the response status is 204
    And the response has no body
    When POST "/consumers/verification/email/verify" is called with:
      """
      {"email": "${consumer.email}", "verificationCode": "${code}"}
      """
    Then the response status is 204
    When the consumer creates a password
    Then the response status is 200
    When the consumer logs in
    Then the response status is 200
    And the response field "identity.type" equals "CONSUMER"
    And the response field "identity.id" equals "${consumer.id}"
    And the consumer can read their identity
    When GET "/consumers" is called as the consumer
    Then the response field "rootUser.emailVerified" equals true

  Scenario: A second consumer is an identity of its own
    Given a consumer is onboarded and logged in
    And a second consumer is onboarded and logged in
    When GET "/consumers" is called as the second consumer
    Then the response status is 200
    And the response field "id.id" equals "${second consumer.id}"
    And the response field "rootUser.email" equals "${second consumer.email}"
    When GET "/consumers" is called as the consumer
    Then the response field "id.id" equals "${consumer.id}"

  @negative
  Scenario Outline: A consumer registration with an invalid field is rejected naming it
    When a consumer registers with "<field>" set to <value>
    Then the response status is 400
    And the field "<field>" is reported invalid with "<error>"

    Examples:
      | field                    | value          | error |
      | rootUser.email           | "not-an-email" | REGEX |
      | baseCurrency             | "EURO"         | SIZE  |
      | rootUser.dateOfBirth.month | 13           | RANGE |
      | rootUser.address.country | "Malta"        | SIZE  |

  @negative
  Scenario Outline: A consumer registration without a required field is rejected naming it
    When a consumer registers with "<field>" removed
    Then the response status is 400
    And the field "<field>" is reported invalid with "REQUIRED"

    Examples:
      | field                |
      | rootUser.address     |
      | rootUser.dateOfBirth |
      | ipAddress            |

  @negative
  Scenario Outline: A consumer registration the programme cannot take is refused
    When a consumer registers with "<field>" set to <value>
    Then the response status is 409
    And the error code is "<code>"

    Examples:
      | field        | value           | code                 |
      | profileId    | "999"           | PROFILE_NOT_FOUND    |
      | baseCurrency | "JPY"           | CURRENCY_UNSUPPORTED |
      | feeGroup     | "NO_SUCH_GROUP" | FEE_GROUP_INVALID    |

  @negative
  Scenario: A consumer cannot reuse a corporate root user's email
    Given a corporate is registered
    When another consumer registers with the corporate's root email
    Then the response status is 409
    And the error code is "ROOT_EMAIL_NOT_UNIQUE"

  @negative
  Scenario: Reading the consumer needs a valid token and an api-key
    Given a consumer is onboarded and logged in
    When GET "/consumers" is called without a token
    Then the response status is 401
    And the response has no body
    When GET "/consumers" is called with an invalid token
    Then the response status is 401
    When GET "/consumers" is called with a wrong api-key
    Then the response status is 401

  @negative
  Scenario: A corporate cannot read a consumer
    Given a corporate is onboarded and logged in
    When GET "/consumers" is called as the corporate
    Then the response status is 403
    And the error code is "INSUFFICIENT_PERMISSIONS"

  Scenario: The consumer updates their details
    Given a consumer is onboarded and logged in
    When PATCH "/consumers" is called as the consumer with:
      """
      {"tag": "renamed_consumer", "surname": "Borg", "occupation": "STUDENT", "placeOfBirth": "Mdina",
       "address": {"addressLine1": "3 Old Road", "city": "Rabat", "country": "MT"}}
      """
    Then the response status is 200
    And the response field "tag" equals "renamed_consumer"
    And the response field "rootUser.surname" equals "Borg"
    And the response field "rootUser.occupation" equals "STUDENT"
    And the response field "rootUser.address.city" equals "Rabat"
    And the response equals what GET "/consumers" answers as the consumer
    When GET "/consumers" is called as the consumer
    Then the response field "rootUser.placeOfBirth" equals "Mdina"

  Scenario: A consumer's new root email must be verified again, and is the one that logs in
    Given a consumer is onboarded and logged in
    And a new unique email is remembered as "new email"
    When PATCH "/consumers" is called as the consumer with:
      """
      {"email": "${new email}"}
      """
    Then the response status is 200
    And the response field "rootUser.email" equals "${new email}"
    And the response field "rootUser.emailVerified" equals false
    And the response equals what GET "/consumers" answers as the consumer
    When POST "/login_with_password" is called with:
      """
      {"email": "${consumer.email}", "password": {"value": "${consumer.password}"}}
      """
    Then the response status is 403
    When POST "/consumers/verification/email/send" is called with:
      """
      {"email": "${new email}"}
      """
    Then the response status is 204
    When POST "/consumers/verification/email/verify" is called with:
      """
      {"email": "${new email}", "verificationCode": "${code}"}
      """
    Then the response status is 204
    When POST "/login_with_password" is called with:
      """
      {"email": "${new email}", "password": {"value": "${consumer.password}"}}
      """
    Then the response status is 200

  @negative
  Scenario: The consumer's root email cannot change to one another user has
    Given a consumer is onboarded and logged in
    And a corporate is registered
    When PATCH "/consumers" is called as the consumer with:
      """
      {"email": "${corporate.email}", "surname": "Unchanged"}
      """
    Then the response status is 409
    And the error code is "EMAIL_NOT_UNIQUE"
    When GET "/consumers" is called as the consumer
    Then the response field "rootUser.email" equals "${consumer.email}"

  @negative
  Scenario: An update to an unknown fee group is refused
    Given a consumer is onboarded and logged in
    When PATCH "/consumers" is called as the consumer with:
      """
      {"feeGroup": "NO_SUCH_GROUP"}
      """
    Then the response status is 409
    And the error code is "FEE_GROUP_INVALID"

  @negative
  Scenario: An update with an invalid mobile is rejected naming the field
    Given a consumer is onboarded and logged in
    When PATCH "/consumers" is called as the consumer with:
      """
      {"mobile": {"countryCode": "+356", "number": "79-00"}}
      """
    Then the response status is 400
    And the field "mobile.number" is reported invalid with "REGEX"

  @negative
  Scenario: Updating the consumer needs a token
    When PATCH "/consumers" is called with an invalid token with:
      """
      {"tag": "nobody"}
      """
    Then the response status is 401

  @negative
  Scenario: A consumer's verified root email cannot be sent another code
    Given a consumer is registered
    And the consumer's root email is verified
    When POST "/consumers/verification/email/send" is called with:
      """
      {"email": "${consumer.email}"}
      """
    Then the response status is 409
    And the error code is "ALREADY_VERIFIED"

  @negative
  Scenario: A wrong consumer email verification code is refused
    Given a consumer is registered
    When POST "/consumers/verification/email/send" is called with:
      """
      {"email": "${consumer.email}"}
      """
    Then the response status is 204
    When POST "/consumers/verification/email/verify" is called with:
      """
      {"email": "${consumer.email}", "verificationCode": "000000"}
      """
    Then the response status is 409
    And the error code is "VERIFICATION_CODE_INVALID"

  @negative
  Scenario: No code is sent to an email no consumer root user has
    Given a corporate is registered
    When POST "/consumers/verification/email/send" is called with:
      """
      {"email": "${corporate.email}"}
      """
    Then the response status is 409
    And the error code is "EMAIL_NOT_FOUND"

  @negative
  Scenario: A verification without a code is rejected naming the field
    When POST "/consumers/verification/email/verify" is called with:
      """
      {"email": "someone@weavr-suite.example.com"}
      """
    Then the response status is 400
    And the field "verificationCode" is reported invalid with "REQUIRED"
