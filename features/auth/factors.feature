@auth @factors
Feature: Authentication factors
  A signed-in user enrols their mobile for SMS one-time passwords (a code sent, then
  verified: 123456 on the sandbox, valid 5 minutes, few wrong tries), or an app for push
  notifications, lists their factors, and unlinks a push device with a stepped-up token.

  Scenario: A user enrols their mobile for SMS one-time passwords
    Given a corporate is onboarded and logged in
    Then the corporate's authentication factors are none
    When the corporate asks to enrol their mobile for SMS one-time passwords
    Then the enrolment succeeds
    And the corporate's authentication factors are SMS OTP PENDING_VERIFICATION
    When the corporate confirms their enrolment
    Then the enrolment code succeeds
    And the corporate's authentication factors are SMS OTP ACTIVE

  @negative
  Scenario: A wrong code does not enrol the device
    Given a corporate is onboarded and logged in
    When the corporate asks to enrol their mobile for SMS one-time passwords
    And the corporate confirms their enrolment with the code "000000"
    Then the enrolment code is refused with VERIFICATION_CODE_INVALID
    And the corporate's authentication factors are SMS OTP PENDING_VERIFICATION

  @negative
  Scenario: After three wrong codes the enrolment must be issued again
    Given a corporate is onboarded and logged in
    When the corporate asks to enrol their mobile for SMS one-time passwords
    And the corporate confirms their enrolment with the code "000000"
    And the corporate confirms their enrolment with the code "000001"
    And the corporate confirms their enrolment with the code "000002"
    Then the enrolment code is refused with VERIFICATION_CODE_INVALID
    When the corporate confirms their enrolment
    Then the enrolment code is refused with CHALLENGE_LIMIT_EXCEEDED
    When the corporate asks to enrol their mobile for SMS one-time passwords
    And the corporate confirms their enrolment
    Then the enrolment code succeeds

  @negative @emulator_only @expiry
  Scenario: An enrolment code expires after 5 minutes
    Given a corporate is onboarded and logged in
    When the corporate asks to enrol their mobile for SMS one-time passwords
    And 301 seconds pass while the corporate stays active
    And the corporate confirms their enrolment
    Then the enrolment code is refused with VERIFICATION_CODE_EXPIRED

  @negative
  Scenario: An enrolled mobile cannot be enrolled again
    Given a corporate is onboarded and logged in
    And the corporate has enrolled their mobile for SMS one-time passwords
    When the corporate asks to enrol their mobile for SMS one-time passwords
    Then the enrolment is refused with CHANNEL_ALREADY_REGISTERED
    When the corporate confirms their enrolment
    Then the enrolment code is refused with CHANNEL_ALREADY_REGISTERED

  @negative
  Scenario: A code cannot be verified before one is issued
    Given a corporate is onboarded and logged in
    When the corporate confirms their enrolment
    Then the enrolment code is refused with STATE_INVALID

  @negative
  Scenario: Enrolment needs a valid token, a known channel and a six-digit code
    Given a corporate is onboarded and logged in
    When the corporate asks to enrol their mobile for SMS one-time passwords with an invalid token
    Then the enrolment is unauthorised
    When the corporate reads their authentication factors with an invalid token
    Then the factors read is unauthorised
    When the corporate asks to enrol their mobile for EMAIL one-time passwords
    Then the enrolment is rejected naming "channel" as "IN"
    When the corporate confirms their enrolment with the code "12345"
    Then the enrolment code is rejected naming "verificationCode" as "REGEX"

  @emulator_only
  Scenario: A user enrols an app for AUTHY push notifications
    Given a corporate is onboarded and logged in
    When the corporate enrols their device for AUTHY push notifications
    Then the enrolment succeeds
    And the corporate's authentication factors are AUTHY PUSH ACTIVE
    When the corporate enrols their device for AUTHY push notifications
    Then the enrolment is refused with CHANNEL_ALREADY_REGISTERED

  @negative
  Scenario: Push enrolment is for AUTHY only
    Given a corporate is onboarded and logged in
    When the corporate enrols their device for BIOMETRIC push notifications
    Then the enrolment is rejected naming "channel" as "IN"

  @emulator_only @stepup
  Scenario: Unlinking a push device needs a stepped-up token
    Given a corporate is onboarded and logged in
    And the corporate has enrolled their device for AUTHY push notifications
    When the corporate unlinks their AUTHY push device
    Then the unlinking is forbidden with STEP_UP_REQUIRED
    When the corporate steps up their token
    And the corporate unlinks their AUTHY push device
    Then the unlinking succeeds
    And the corporate's authentication factors are SMS OTP ACTIVE

  @negative @stepup
  Scenario: A device that is not enrolled cannot be unlinked
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    When the corporate unlinks their AUTHY push device
    Then the unlinking is refused with CHANNEL_NOT_REGISTERED
