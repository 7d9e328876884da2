@auth @journey
Feature: From registration to a stepped-up session
  A business registers as a corporate, its root user verifies their email, sets a password,
  signs in, enrols their mobile for SMS one-time passwords and steps up their token, which
  then lets them do what needs a stepped-up token.

  @stepup @users
  Scenario: A corporate onboards, enrols SMS OTP, steps up its token and creates a user
    Given a corporate is onboarded and logged in
    When the corporate creates an authorised user
    Then the user creation is forbidden with STEP_UP_REQUIRED
    Given the corporate has enrolled their mobile for SMS one-time passwords
    Then the corporate's authentication factors are SMS OTP ACTIVE
    And the corporate's token is not stepped up
    When the corporate steps up their token
    Then the corporate's token is stepped up
    And the corporate can read their identity
    When the corporate creates an authorised user
    Then the user creation succeeds
