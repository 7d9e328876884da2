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
    Then the corporate is signed in
    And the corporate can read their identity

  @negative
  Scenario: An unknown email is refused like a wrong password
    When someone logs in with an email no one has
    Then the sign-in is forbidden

  @negative @users
  Scenario: A deactivated authorised user cannot sign in
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    And the authorised user has accepted their invite
    When the corporate deactivates the authorised user
    Then the deactivation succeeds
    When the authorised user logs in
    Then the sign-in is forbidden
    When the corporate activates the authorised user
    Then the activation succeeds
    When the authorised user logs in
    Then the authorised user is signed in

  @negative
  Scenario Outline: A sign-in request without a proper email or password is rejected naming the field
    When someone logs in with:
      """
      <body>
      """
    Then the sign-in is rejected naming "<field>" as "<error>"

    Examples:
      | body                                                   | field          | error    |
      | {"password": {"value": "Passw0rd!x"}}                  | email          | REQUIRED |
      | {"email": "not-an-email", "password": {"value": "x1"}} | email          | REGEX    |
      | {"email": "a@weavr-suite.example.com"}                 | password       | REQUIRED |
      | {"email": "a@weavr-suite.example.com", "password": {}} | password.value | REQUIRED |

  @negative
  Scenario: Signing in needs the api-key
    When someone logs in with a wrong api-key
    Then the sign-in is unauthorised

  @negative @emulator_only @expiry
  Scenario: Five failed sign-ins in a row lock the user out for 30 minutes
    Given a corporate is onboarded and logged in
    When the corporate fails to log in 5 times
    And the corporate logs in
    Then the sign-in is locked
    When 1790 seconds pass
    And the corporate logs in
    Then the sign-in is locked
    When 11 seconds pass
    And the corporate logs in
    Then the corporate is signed in

  Scenario: A successful sign-in clears earlier failures
    Given a corporate is onboarded and logged in
    When the corporate fails to log in 4 times
    And the corporate logs in
    Then the corporate is signed in
    When the corporate fails to log in 4 times
    And the corporate logs in
    Then the corporate is signed in

  @negative @factors
  Scenario: Biometric sign-in needs a device enrolled for biometrics
    Given a corporate is onboarded and logged in
    When the corporate signs in with biometrics
    Then the biometric sign-in is refused with CHANNEL_NOT_REGISTERED

  @negative
  Scenario: Biometric sign-in refuses an unknown email and a malformed one
    When someone signs in with biometrics as "nobody.qa@weavr-suite.example.com"
    Then the biometric sign-in is forbidden
    When someone signs in with biometrics as "not-an-email"
    Then the biometric sign-in is rejected naming "email" as "REGEX"

  @factors @emulator_only @simulator
  Scenario: A biometric sign-in accepted on the device completes once
    # The stepped-up token goes to the app through the SDK, not over HTTP (choices/auth.md).
    Given a corporate is onboarded and logged in
    And the corporate has enrolled their biometrics with the mobile SDK
    When the corporate signs in with biometrics for their identity
    Then the biometric sign-in starts a challenge, remembered as "login challenge"
    When the simulator answers the corporate's push challenge "login challenge" with verify_success
    Then the simulator's answer is COMPLETED
    And the corporate's token is not stepped up
    When the simulator answers the corporate's push challenge "login challenge" with verify_success
    Then the simulator's answer is DENIED

  @negative @factors @emulator_only @simulator
  Scenario Outline: A biometric sign-in refused or left to lapse on the device cannot complete
    Given a corporate is onboarded and logged in
    And the corporate has enrolled their biometrics with the mobile SDK
    When the corporate signs in with biometrics
    Then the biometric sign-in starts a challenge, remembered as "login challenge"
    When the simulator answers the corporate's push challenge "login challenge" with <outcome>
    Then the simulator's answer is COMPLETED
    When the simulator answers the corporate's push challenge "login challenge" with verify_success
    Then the simulator's answer is DENIED
    And the corporate's token is not stepped up
    When the corporate signs in with biometrics
    Then the biometric sign-in starts a challenge

    Examples:
      | outcome        |
      | verify_invalid |
      | verify_expired |

  @negative @factors @emulator_only
  Scenario: Biometric sign-in refuses an identity that is not the user's
    Given a corporate is onboarded and logged in
    And the corporate has enrolled their biometrics with the mobile SDK
    When the corporate signs in with biometrics for their id as a consumer
    Then the biometric sign-in is forbidden

  Scenario: After logging out the token no longer works, not even to log out again
    Given a corporate is onboarded and logged in
    When the corporate logs out
    Then the logout succeeds
    When the corporate logs out
    Then the logout is unauthorised

  @negative
  Scenario: Logging out needs a valid token
    When someone logs out with an invalid token
    Then the logout is unauthorised

  @emulator_only @expiry
  Scenario: A token unused for 5 minutes no longer works
    Given a corporate is onboarded and logged in
    When 301 seconds pass
    Then the corporate's token no longer works

  @emulator_only @expiry
  Scenario: Using a token within 5 minutes keeps it alive
    Given a corporate is onboarded and logged in
    When 240 seconds pass
    Then the corporate's token still works
    When 240 seconds pass
    Then the corporate's token still works
