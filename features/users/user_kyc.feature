@users @due_diligence
Feature: KYC of a corporate's authorised user
  An authorised user of a corporate starts KYC to become a signatory. They need a
  verified email and a verified mobile, and their corporate must have passed KYB.

  @negative
  Scenario: KYC waits for the user's email, then their mobile, then the corporate's KYB
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    And the authorised user has accepted their invite
    When POST "/users/kyc" is called as the authorised user
    Then the response status is 409
    And the error code is "EMAIL_NOT_VERIFIED"
    Given the authorised user has verified their email
    When POST "/users/kyc" is called as the authorised user
    Then the response status is 409
    And the error code is "MOBILE_NOT_VERIFIED"
    Given the authorised user has enrolled their mobile for SMS one-time passwords
    When POST "/users/kyc" is called as the authorised user
    Then the response status is 409
    And the error code is "KYB_IDENTITY_NOT_APPROVED"

  @negative
  Scenario: KYC needs an authorised user's token
    Given a corporate is onboarded and logged in
    When POST "/users/kyc" is called without a token
    Then the response status is 401
    When POST "/users/kyc" is called as the corporate
    Then the response status is 403
    And the error code is "INSUFFICIENT_PERMISSIONS"

  Scenario: Once the corporate passed KYB its verified authorised user starts KYC
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    And the authorised user has accepted their invite
    And the authorised user has verified their email
    And the authorised user has enrolled their mobile for SMS one-time passwords
    When the simulator verifies the corporate
    Then the response status is 204
    When POST "/users/kyc" is called as the authorised user
    Then the response status is 200
    And I remember the response field "reference" as "kyc reference"
    When POST "/users/kyc" is called as the authorised user
    Then the response status is 200
    And the response field "reference" equals "${kyc reference}"
