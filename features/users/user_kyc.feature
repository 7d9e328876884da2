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
    When the authorised user starts their KYC as an authorised user
    Then the user KYC start is refused with EMAIL_NOT_VERIFIED
    Given the authorised user has verified their email
    When the authorised user starts their KYC as an authorised user
    Then the user KYC start is refused with MOBILE_NOT_VERIFIED
    Given the authorised user has enrolled their mobile for SMS one-time passwords
    When the authorised user starts their KYC as an authorised user
    Then the user KYC start is refused with KYB_IDENTITY_NOT_APPROVED

  @negative
  Scenario: KYC needs an authorised user's token
    Given a corporate is onboarded and logged in
    When the corporate starts their KYC as an authorised user
    Then the user KYC start is forbidden with INSUFFICIENT_PERMISSIONS

  Scenario: Once the corporate passed KYB its verified authorised user starts KYC
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    And the authorised user has accepted their invite
    And the authorised user has verified their email
    And the authorised user has enrolled their mobile for SMS one-time passwords
    When the simulator verifies the corporate
    Then the verification by the simulator succeeds
    When the authorised user starts their KYC as an authorised user
    Then the user KYC start answers a reference, remembered as "kyc reference"
    When the authorised user starts their KYC as an authorised user
    Then the user KYC start answers the reference remembered as "kyc reference"
