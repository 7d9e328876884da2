@users
Feature: Verifying an authorised user's email
  An authorised user is sent a code by email and proves their address with it; the
  sandbox's code is always the same. Only authorised users' emails are verified here.

  Scenario: An authorised user verifies their email with the code sent
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    When POST "/users/verification/email/send" is called with:
      """
      {"email": "${authorised user.email}"}
      """
    Then the response status is 204
    And the response has no body
    When POST "/users/verification/email/verify" is called with:
      """
      {"email": "${authorised user.email}", "verificationCode": "${code}"}
      """
    Then the response status is 204
    When POST "/users/verification/email/verify" is called with:
      """
      {"email": "${authorised user.email}", "verificationCode": "${code}"}
      """
    Then the response status is 409
    And the error code is "VERIFICATION_CODE_INVALID"

  @negative
  Scenario: A code cannot be sent to an email no authorised user has
    Given a corporate is registered
    When POST "/users/verification/email/send" is called with:
      """
      {"email": "nobody.${corporate.email}"}
      """
    Then the response status is 409
    And the error code is "EMAIL_NOT_FOUND"
    When POST "/users/verification/email/send" is called with:
      """
      {"email": "${corporate.email}"}
      """
    Then the response status is 409
    And the error code is "EMAIL_NOT_FOUND"

  @negative
  Scenario: A wrong code, or no code sent, does not verify the email
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    When POST "/users/verification/email/verify" is called with:
      """
      {"email": "${authorised user.email}", "verificationCode": "${code}"}
      """
    Then the response status is 409
    And the error code is "VERIFICATION_CODE_INVALID"
    When POST "/users/verification/email/send" is called with:
      """
      {"email": "${authorised user.email}"}
      """
    And POST "/users/verification/email/verify" is called with:
      """
      {"email": "${authorised user.email}", "verificationCode": "654321"}
      """
    Then the response status is 409
    And the error code is "VERIFICATION_CODE_INVALID"

  @negative
  Scenario: Malformed requests are rejected naming the field
    When POST "/users/verification/email/send" is called with:
      """
      {"email": "not-an-email"}
      """
    Then the field "email" is reported invalid
    When POST "/users/verification/email/verify" is called with:
      """
      {"email": "someone@weavr-suite.example.com"}
      """
    Then the field "verificationCode" is reported invalid with "REQUIRED"

  @negative
  Scenario: Sending a code needs the api-key
    When POST "/users/verification/email/send" is called with a wrong api-key
    Then the response status is 401
