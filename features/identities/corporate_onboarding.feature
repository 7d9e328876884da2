@smoke @identity
Feature: Corporate onboarding, the thin slice
  A business registers as a corporate, its root user verifies their email with the
  sandbox code, creates a password, logs in, reads the corporate back and logs out.

  Scenario: A corporate registers, verifies its root email, sets a password and logs in
    When a corporate is registered
    Then the response status is 200
    And the response field "rootUser.emailVerified" equals false
    And the response field "rootUser.passwordAlreadySet" equals false
    When POST "/corporates/verification/email/send" is called with:
      """
      {"email": "${corporate.email}"}
      """
    Then the response status is 204
    And the response has no body
    When POST "/corporates/verification/email/verify" is called with:
      """
      {"email": "${corporate.email}", "verificationCode": "${code}"}
      """
    Then the response status is 204
    When the corporate creates a password
    Then the response status is 200
    When the corporate logs in
    Then the response status is 200
    And the response field "identity.id" equals "${corporate.id}"
    And the response field "credentials.type" equals "ROOT"
    And the corporate can read their identity
    When GET "/corporates" is called as the corporate
    Then the response field "rootUser.emailVerified" equals true

  @negative
  Scenario: A second corporate cannot reuse a root user's email
    Given a corporate is registered
    When another corporate registers with the corporate's root email
    Then the response status is 409
    And the error code is "ROOT_EMAIL_NOT_UNIQUE"

  @negative
  Scenario: A wrong password does not log the root user in
    Given a corporate is registered
    And the corporate's root email is verified
    And the corporate has a password
    When the corporate logs in with a wrong password
    Then the response status is 403
    And the response has no body

  @negative
  Scenario: A registration without a root user is rejected naming the field
    When POST "/corporates" is called with:
      """
      {"profileId": "${profile.corporate}", "company": {"name": "Acme", "type": "LLC", "registrationCountry": "MT"},
       "ipAddress": "127.0.0.1", "baseCurrency": "EUR"}
      """
    Then the response status is 400
    And the field "rootUser" is reported invalid with "REQUIRED"

  @negative
  Scenario: Reading the corporate needs a token and an api-key
    Given a corporate is onboarded and logged in
    When GET "/corporates" is called without a token
    Then the response status is 401
    And the response has no body
    When GET "/corporates" is called with a wrong api-key
    Then the response status is 401

  Scenario: After logging out the token no longer works
    Given a corporate is onboarded and logged in
    When POST "/logout" is called as the corporate
    Then the response status is 204
    When GET "/corporates" is called as the corporate
    Then the response status is 401
