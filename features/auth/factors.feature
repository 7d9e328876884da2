@auth @factors
Feature: Authentication factors
  A signed-in user enrols their mobile for SMS one-time passwords (a code sent, then
  verified: 123456 on the sandbox, valid 5 minutes, few wrong tries), or an app for push
  notifications, lists their factors, and unlinks a push device with a stepped-up token.

  Scenario: A user enrols their mobile for SMS one-time passwords
    Given a corporate is onboarded and logged in
    When GET "/authentication_factors" is called as the corporate
    Then the response status is 200
    And the response field "factors" has 0 items
    When POST "/authentication_factors/otp/SMS" is called as the corporate
    Then the response status is 204
    When GET "/authentication_factors" is called as the corporate
    Then the response field "factors.0.channel" equals "SMS"
    And the response field "factors.0.type" equals "OTP"
    And the response field "factors.0.status" equals "PENDING_VERIFICATION"
    When POST "/authentication_factors/otp/SMS/verify" is called as the corporate with:
      """
      {"verificationCode": "${code}"}
      """
    Then the response status is 204
    When GET "/authentication_factors" is called as the corporate
    Then the response field "factors" has 1 item
    And the response field "factors.0.status" equals "ACTIVE"

  @negative
  Scenario: A wrong code does not enrol the device
    Given a corporate is onboarded and logged in
    When POST "/authentication_factors/otp/SMS" is called as the corporate
    And POST "/authentication_factors/otp/SMS/verify" is called as the corporate with:
      """
      {"verificationCode": "000000"}
      """
    Then the response status is 409
    And the error code is "VERIFICATION_CODE_INVALID"
    When GET "/authentication_factors" is called as the corporate
    Then the response field "factors.0.status" equals "PENDING_VERIFICATION"

  @negative
  Scenario: After three wrong codes the enrolment must be issued again
    Given a corporate is onboarded and logged in
    When POST "/authentication_factors/otp/SMS" is called as the corporate
    And POST "/authentication_factors/otp/SMS/verify" is called as the corporate with:
      """
      {"verificationCode": "000000"}
      """
    And POST "/authentication_factors/otp/SMS/verify" is called as the corporate with:
      """
      {"verificationCode": "000001"}
      """
    And POST "/authentication_factors/otp/SMS/verify" is called as the corporate with:
      """
      {"verificationCode": "000002"}
      """
    Then the error code is "VERIFICATION_CODE_INVALID"
    When POST "/authentication_factors/otp/SMS/verify" is called as the corporate with:
      """
      {"verificationCode": "${code}"}
      """
    Then the response status is 409
    And the error code is "CHALLENGE_LIMIT_EXCEEDED"
    When POST "/authentication_factors/otp/SMS" is called as the corporate
    And POST "/authentication_factors/otp/SMS/verify" is called as the corporate with:
      """
      {"verificationCode": "${code}"}
      """
    Then the response status is 204

  @negative @emulator_only @expiry
  Scenario: An enrolment code expires after 5 minutes
    Given a corporate is onboarded and logged in
    When POST "/authentication_factors/otp/SMS" is called as the corporate
    And 301 seconds pass while the corporate stays active
    And POST "/authentication_factors/otp/SMS/verify" is called as the corporate with:
      """
      {"verificationCode": "${code}"}
      """
    Then the response status is 409
    And the error code is "VERIFICATION_CODE_EXPIRED"

  @negative
  Scenario: An enrolled mobile cannot be enrolled again
    Given a corporate is onboarded and logged in
    And the corporate has enrolled their mobile for SMS one-time passwords
    When POST "/authentication_factors/otp/SMS" is called as the corporate
    Then the response status is 409
    And the error code is "CHANNEL_ALREADY_REGISTERED"
    When POST "/authentication_factors/otp/SMS/verify" is called as the corporate with:
      """
      {"verificationCode": "${code}"}
      """
    Then the response status is 409
    And the error code is "CHANNEL_ALREADY_REGISTERED"

  @negative
  Scenario: A code cannot be verified before one is issued
    Given a corporate is onboarded and logged in
    When POST "/authentication_factors/otp/SMS/verify" is called as the corporate with:
      """
      {"verificationCode": "${code}"}
      """
    Then the response status is 409
    And the error code is "STATE_INVALID"

  @negative
  Scenario: Enrolment needs a token, a known channel and a six-digit code
    Given a corporate is onboarded and logged in
    When POST "/authentication_factors/otp/SMS" is called without a token
    Then the response status is 401
    When GET "/authentication_factors" is called with an invalid token
    Then the response status is 401
    When POST "/authentication_factors/otp/EMAIL" is called as the corporate
    Then the field "channel" is reported invalid with "IN"
    When POST "/authentication_factors/otp/SMS/verify" is called as the corporate with:
      """
      {"verificationCode": "12345"}
      """
    Then the field "verificationCode" is reported invalid with "REGEX"

  @emulator_only
  Scenario: A user enrols an app for AUTHY push notifications
    Given a corporate is onboarded and logged in
    When POST "/authentication_factors/push/AUTHY" is called as the corporate
    Then the response status is 204
    When GET "/authentication_factors" is called as the corporate
    Then the response field "factors" has 1 item
    And the response field "factors.0.type" equals "PUSH"
    And the response field "factors.0.channel" equals "AUTHY"
    And the response field "factors.0.status" equals "ACTIVE"
    When POST "/authentication_factors/push/AUTHY" is called as the corporate
    Then the response status is 409
    And the error code is "CHANNEL_ALREADY_REGISTERED"

  @negative
  Scenario: Push enrolment is for AUTHY only and needs a token
    Given a corporate is onboarded and logged in
    When POST "/authentication_factors/push/BIOMETRIC" is called as the corporate
    Then the field "channel" is reported invalid with "IN"
    When POST "/authentication_factors/push/AUTHY" is called without a token
    Then the response status is 401

  @emulator_only @stepup
  Scenario: Unlinking a push device needs a stepped-up token
    Given a corporate is onboarded and logged in
    And the corporate has enrolled their device for AUTHY push notifications
    When DELETE "/authentication_factors/push/AUTHY" is called as the corporate
    Then the response status is 403
    And the error code is "STEP_UP_REQUIRED"
    When the corporate steps up their token
    And DELETE "/authentication_factors/push/AUTHY" is called as the corporate
    Then the response status is 204
    When GET "/authentication_factors" is called as the corporate
    Then the response field "factors" has 1 item
    And the response field "factors.0.channel" equals "SMS"

  @negative @stepup
  Scenario: A device that is not enrolled cannot be unlinked
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    When DELETE "/authentication_factors/push/AUTHY" is called as the corporate
    Then the response status is 409
    And the error code is "CHANNEL_NOT_REGISTERED"
