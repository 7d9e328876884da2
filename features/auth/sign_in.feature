@auth
Feature: Signing in and out
  A user signs in with their email and password and receives a token that lives 5 minutes
  from its last use. Wrong, unknown or deactivated credentials are refused without saying
  which; consecutive failures lock the user out for a while. Biometric sign-in needs a
  device enrolled for biometrics.

  Scenario: The root user signs in and receives a token for their identity
    Given a corporate is registered
    And the corporate's root email is verified
    And the corporate has a password
    When the corporate logs in
    Then the response status is 200
    And the response field "tokenType" equals "AUTH"
    And the response field "identity.type" equals "CORPORATE"
    And the response field "identity.id" equals "${corporate.id}"
    And the response field "credentials.type" equals "ROOT"
    And the response field "credentials.id" equals "${corporate.user id}"
    And the corporate can read their identity

  @negative
  Scenario: An unknown email is refused like a wrong password
    When POST "/login_with_password" is called with:
      """
      {"email": "nobody.unknown@weavr-suite.example.com", "password": {"value": "Passw0rd!x"}}
      """
    Then the response status is 403
    And the response has no body

  @negative @users
  Scenario: A deactivated authorised user cannot sign in
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    And the authorised user has accepted their invite
    When POST "/users/${authorised user.user id}/deactivate" is called as the corporate
    Then the response status is 204
    When the authorised user logs in
    Then the response status is 403
    And the response has no body
    When POST "/users/${authorised user.user id}/activate" is called as the corporate
    And the authorised user logs in
    Then the response status is 200

  @negative
  Scenario Outline: A sign-in request without a proper email or password is rejected naming the field
    When POST "/login_with_password" is called with:
      """
      <body>
      """
    Then the response status is 400
    And the field "<field>" is reported invalid with "<error>"

    Examples:
      | body                                                   | field          | error    |
      | {"password": {"value": "Passw0rd!x"}}                  | email          | REQUIRED |
      | {"email": "not-an-email", "password": {"value": "x1"}} | email          | REGEX    |
      | {"email": "a@weavr-suite.example.com"}                 | password       | REQUIRED |
      | {"email": "a@weavr-suite.example.com", "password": {}} | password.value | REQUIRED |

  @negative
  Scenario: Signing in needs the api-key
    When POST "/login_with_password" is called with a wrong api-key
    Then the response status is 401

  @negative @emulator_only @expiry
  Scenario: Five failed sign-ins in a row lock the user out for 30 minutes
    Given a corporate is onboarded and logged in
    When the corporate fails to log in 5 times
    And the corporate logs in
    Then the response status is 423
    And the response has no body
    When 1790 seconds pass
    And the corporate logs in
    Then the response status is 423
    When 11 seconds pass
    And the corporate logs in
    Then the response status is 200

  Scenario: A successful sign-in clears earlier failures
    Given a corporate is onboarded and logged in
    When the corporate fails to log in 4 times
    And the corporate logs in
    Then the response status is 200
    When the corporate fails to log in 4 times
    And the corporate logs in
    Then the response status is 200

  @negative @factors
  Scenario: Biometric sign-in needs a device enrolled for biometrics
    Given a corporate is onboarded and logged in
    When POST "/login_via_biometrics" is called with:
      """
      {"email": "${corporate.email}"}
      """
    Then the response status is 409
    And the error code is "CHANNEL_NOT_REGISTERED"

  @negative
  Scenario: Biometric sign-in refuses an unknown email and a malformed one
    When POST "/login_via_biometrics" is called with:
      """
      {"email": "nobody.qa@weavr-suite.example.com"}
      """
    Then the response status is 403
    When POST "/login_via_biometrics" is called with:
      """
      {"email": "not-an-email"}
      """
    Then the field "email" is reported invalid with "REGEX"

  @factors @emulator_only @simulator
  Scenario: A biometric sign-in accepted on the device completes once
    # The stepped-up token goes to the app through the SDK, not over HTTP (choices/auth.md).
    Given a corporate is onboarded and logged in
    And the corporate has enrolled their biometrics with the mobile SDK
    When POST "/login_via_biometrics" is called with:
      """
      {"email": "${corporate.email}", "identity": {"type": "CORPORATE", "id": "${corporate.id}"}}
      """
    Then the response status is 200
    And I remember the response field "challengeId" as "login challenge"
    When the simulator answers the corporate's push challenge "login challenge" with verify_success
    Then the response status is 200
    And the response field "code" equals "COMPLETED"
    And the corporate's token is not stepped up
    When the simulator answers the corporate's push challenge "login challenge" with verify_success
    Then the response field "code" equals "DENIED"

  @negative @factors @emulator_only @simulator
  Scenario Outline: A biometric sign-in refused or left to lapse on the device cannot complete
    Given a corporate is onboarded and logged in
    And the corporate has enrolled their biometrics with the mobile SDK
    When POST "/login_via_biometrics" is called with:
      """
      {"email": "${corporate.email}"}
      """
    Then I remember the response field "challengeId" as "login challenge"
    When the simulator answers the corporate's push challenge "login challenge" with <outcome>
    Then the response field "code" equals "COMPLETED"
    When the simulator answers the corporate's push challenge "login challenge" with verify_success
    Then the response field "code" equals "DENIED"
    And the corporate's token is not stepped up
    When POST "/login_via_biometrics" is called with:
      """
      {"email": "${corporate.email}"}
      """
    Then the response status is 200

    Examples:
      | outcome        |
      | verify_invalid |
      | verify_expired |

  @negative @factors @emulator_only
  Scenario: Biometric sign-in refuses an identity that is not the user's
    Given a corporate is onboarded and logged in
    And the corporate has enrolled their biometrics with the mobile SDK
    When POST "/login_via_biometrics" is called with:
      """
      {"email": "${corporate.email}", "identity": {"type": "CONSUMER", "id": "${corporate.id}"}}
      """
    Then the response status is 403
    And the response has no body

  Scenario: After logging out the token no longer works, not even to log out again
    Given a corporate is onboarded and logged in
    When POST "/logout" is called as the corporate
    Then the response status is 204
    When POST "/logout" is called as the corporate
    Then the response status is 401
    And the response has no body

  @negative
  Scenario: Logging out needs a valid token
    When POST "/logout" is called without a token
    Then the response status is 401
    When POST "/logout" is called with an invalid token
    Then the response status is 401

  @emulator_only @expiry
  Scenario: A token unused for 5 minutes no longer works
    Given a corporate is onboarded and logged in
    When 301 seconds pass
    And GET "/authentication_factors" is called as the corporate
    Then the response status is 401

  @emulator_only @expiry
  Scenario: Using a token within 5 minutes keeps it alive
    Given a corporate is onboarded and logged in
    When 240 seconds pass
    And GET "/authentication_factors" is called as the corporate
    Then the response status is 200
    When 240 seconds pass
    And GET "/authentication_factors" is called as the corporate
    Then the response status is 200
