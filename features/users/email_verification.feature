@users
Feature: Verifying an authorised user's email
  An authorised user is sent a code by email and proves their address with it; the
  sandbox's code is always the same. Only authorised users' emails are verified here.

  Scenario: An authorised user verifies their email with the code sent
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    When the authorised user asks for a code for their email
    Then the email code request succeeds
    When the authorised user verifies their email
    Then the email verification succeeds
    When the authorised user verifies their email
    Then the email verification is refused with VERIFICATION_CODE_INVALID

  @negative
  Scenario: A code cannot be sent to an email no authorised user has
    Given a corporate is registered
    When an email code is asked for "nobody.${corporate.email}" as an authorised user
    Then the email code request is refused with EMAIL_NOT_FOUND
    When an email code is asked for the corporate's email as an authorised user
    Then the email code request is refused with EMAIL_NOT_FOUND

  @negative
  Scenario: A wrong code, or no code sent, does not verify the email
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    When the authorised user verifies their email
    Then the email verification is refused with VERIFICATION_CODE_INVALID
    When the authorised user asks for a code for their email
    And the authorised user verifies their email with the code "654321"
    Then the email verification is refused with VERIFICATION_CODE_INVALID

  @negative
  Scenario: Malformed requests are rejected naming the field
    When an email code is asked for "not-an-email" as an authorised user
    Then the email code request is rejected naming "email"
    When an email verification without a code is sent as an authorised user
    Then the email verification is rejected naming "verificationCode" as "REQUIRED"

  @negative
  Scenario: Sending a code needs the api-key
    When an email code is asked for "someone@weavr-suite.example.com" as an authorised user with a wrong api-key
    Then the email code request is unauthorised
