@identity @consumers
Feature: Consumers: registration, details and their update, root email verification
  An individual registers as a consumer, verifies their root email with the sandbox code,
  creates a password and logs in. The logged-in consumer reads and updates their details.

  @smoke
  Scenario: A consumer registers, verifies their root email, sets a password and logs in
    When a consumer is registered
    Then the registration answers the consumer's root user unverified and without a password
    When the consumer asks for a code for their email
    Then the email code request succeeds
    When the consumer verifies their email
    Then the email verification succeeds
    When the consumer creates a password
    Then the password creation succeeds
    When the consumer logs in
    Then the consumer is signed in
    And the consumer can read their identity
    And the consumer's identity reads:
      | field                    | value |
      | rootUser.emailVerified   | true  |
      | rootUser.address.country | MT    |

  Scenario: A second consumer is an identity of its own
    Given a consumer is onboarded and logged in
    And a second consumer is onboarded and logged in
    Then the second consumer can read their identity
    And the consumer can read their identity

  @negative
  Scenario Outline: A consumer registration with an invalid field is rejected naming it
    When a consumer registers with "<field>" set to <value>
    Then the registration is rejected naming "<field>" as "<error>"

    Examples:
      | field                    | value          | error |
      | rootUser.email           | "not-an-email" | REGEX |
      | baseCurrency             | "EURO"         | SIZE  |
      | rootUser.dateOfBirth.month | 13           | RANGE |
      | rootUser.address.country | "Malta"        | SIZE  |

  @negative
  Scenario Outline: A consumer registration without a required field is rejected naming it
    When a consumer registers with "<field>" removed
    Then the registration is rejected naming "<field>" as "REQUIRED"

    Examples:
      | field                |
      | rootUser.address     |
      | rootUser.dateOfBirth |
      | ipAddress            |

  @negative
  Scenario Outline: A consumer registration the programme cannot take is refused
    When a consumer registers with "<field>" set to <value>
    Then the registration is refused with <code>

    Examples:
      | field        | value           | code                 |
      | profileId    | "999"           | PROFILE_NOT_FOUND    |
      | baseCurrency | "JPY"           | CURRENCY_UNSUPPORTED |
      | feeGroup     | "NO_SUCH_GROUP" | FEE_GROUP_INVALID    |

  @negative
  Scenario: A consumer cannot reuse a corporate root user's email
    Given a corporate is registered
    When another consumer registers with the corporate's root email
    Then the registration is refused with ROOT_EMAIL_NOT_UNIQUE

  @negative
  Scenario: Reading the consumer needs a valid token and the api-key
    Given a consumer is onboarded and logged in
    When the consumer reads their identity with an invalid token
    Then the identity read is unauthorised
    When the consumer reads their identity with a wrong api-key
    Then the identity read is unauthorised

  @negative
  Scenario: A corporate cannot read a consumer
    Given a corporate is onboarded and logged in
    When the corporate reads the consumer identity
    Then the identity read is forbidden with INSUFFICIENT_PERMISSIONS

  Scenario: The consumer updates their details
    Given a consumer is onboarded and logged in
    When the consumer updates their details with:
      """
      {"tag": "renamed_consumer", "surname": "Borg", "occupation": "STUDENT", "placeOfBirth": "Mdina",
       "address": {"addressLine1": "3 Old Road", "city": "Rabat", "country": "MT"}}
      """
    Then the consumer's details are updated
    And the consumer's identity reads:
      | field                 | value            |
      | tag                   | renamed_consumer |
      | rootUser.surname      | Borg             |
      | rootUser.occupation   | STUDENT          |
      | rootUser.address.city | Rabat            |
      | rootUser.placeOfBirth | Mdina            |

  Scenario: A consumer's new root email must be verified again, and is the one that logs in
    Given a consumer is onboarded and logged in
    And a new unique email is remembered as "new email"
    When the consumer updates their details with:
      """
      {"email": "${new email}"}
      """
    Then the consumer's details are updated
    And the consumer's identity reads:
      | field                  | value        |
      | rootUser.email         | ${new email} |
      | rootUser.emailVerified | false        |
    When the consumer logs in with their previous email
    Then the sign-in is forbidden
    When the consumer asks for a code for their email
    Then the email code request succeeds
    When the consumer verifies their email
    Then the email verification succeeds
    When the consumer logs in
    Then the consumer is signed in

  @negative
  Scenario: The consumer's root email cannot change to one another user has
    Given a consumer is onboarded and logged in
    And a corporate is registered
    When the consumer updates their details with:
      """
      {"email": "${corporate.email}", "surname": "Unchanged"}
      """
    Then the update is refused with EMAIL_NOT_UNIQUE
    And the consumer's identity reads:
      | field          | value             |
      | rootUser.email | ${consumer.email} |

  @negative
  Scenario: An update to an unknown fee group is refused
    Given a consumer is onboarded and logged in
    When the consumer updates their details with:
      """
      {"feeGroup": "NO_SUCH_GROUP"}
      """
    Then the update is refused with FEE_GROUP_INVALID

  @negative
  Scenario: An update with an invalid mobile is rejected naming the field
    Given a consumer is onboarded and logged in
    When the consumer updates their details with:
      """
      {"mobile": {"countryCode": "+356", "number": "79-00"}}
      """
    Then the update is rejected naming "mobile.number" as "REGEX"

  @negative
  Scenario: Updating the consumer needs a valid token
    When a consumer update is sent with an invalid token
    Then the update is unauthorised

  @negative
  Scenario: A consumer's verified root email cannot be sent another code
    Given a consumer is registered
    And the consumer's root email is verified
    When the consumer asks for a code for their email
    Then the email code request is refused with ALREADY_VERIFIED

  @negative
  Scenario: A wrong consumer email verification code is refused
    Given a consumer is registered
    When the consumer asks for a code for their email
    Then the email code request succeeds
    When the consumer verifies their email with the code "000000"
    Then the email verification is refused with VERIFICATION_CODE_INVALID

  @negative
  Scenario: No code is sent to an email no consumer root user has
    Given a corporate is registered
    When an email code is asked for the corporate's email as a consumer
    Then the email code request is refused with EMAIL_NOT_FOUND

  @negative
  Scenario: A verification without a code is rejected naming the field
    When an email verification without a code is sent as a consumer
    Then the email verification is rejected naming "verificationCode" as "REQUIRED"
