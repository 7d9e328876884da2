@identity @due_diligence
Feature: Due diligence: a corporate's KYB and a consumer's KYC
  An identity starts due diligence once its root email is verified, and receives the
  reference that initialises the KYB or KYC UI component. On the sandbox the Simulator
  approves it. Once approved, the details due diligence verified can no longer be
  changed through the API.

  @journey @simulator @corporates
  Scenario: A corporate is onboarded from registration to approved KYB
    Given a corporate is registered
    And the corporate's root email is verified
    When the corporate creates a password
    Then the password creation succeeds
    When the corporate logs in
    Then the corporate is signed in
    And the corporate's KYB is NOT_STARTED
    When the corporate starts KYB
    Then the KYB start answers a reference, remembered as "kyb reference"
    And the corporate's KYB is INITIATED
    When the simulator verifies the corporate
    Then the verification by the simulator succeeds
    And the corporate's KYB is APPROVED
    And the corporate's identity reads:
      | field                         | value |
      | rootUser.emailVerified        | true  |
      | rootUser.mobileNumberVerified | true  |
    When the corporate updates their details with:
      """
      {"surname": "Changed"}
      """
    Then the update is refused with ROOT_USER_ALREADY_VERIFIED

  @journey @simulator @consumers
  Scenario: A consumer is onboarded from registration to approved KYC
    Given a consumer is registered
    And the consumer's root email is verified
    When the consumer creates a password
    Then the password creation succeeds
    When the consumer logs in
    Then the consumer is signed in
    And the consumer's KYC is NOT_STARTED
    When the consumer starts KYC at level KYC_LEVEL_2
    Then the KYC start answers a reference at level KYC_LEVEL_2
    And the consumer's KYC is INITIATED at level KYC_LEVEL_2
    When the simulator verifies the consumer
    Then the verification by the simulator succeeds
    And the consumer's KYC is APPROVED
    When the consumer updates their details with:
      """
      {"name": "Changed"}
      """
    Then the update is refused with CONSUMER_VERIFIED

  @corporates
  Scenario: Starting KYB again while it is in progress gives the same reference
    # The reference is Weavr's own for the KYB UI component: a scenario can only check it is kept.
    Given a corporate is onboarded and logged in
    When the corporate starts KYB
    Then the KYB start answers a reference, remembered as "first reference"
    When the corporate starts KYB
    Then the KYB start answers the reference remembered as "first reference"

  @negative @corporates
  Scenario: KYB cannot start before the root email is verified
    Given a corporate is registered
    And the corporate has a password
    When the corporate starts KYB
    Then the KYB start is refused with EMAIL_UNVERIFIED

  @negative @consumers
  Scenario: KYC cannot start after a root email change until the new email is verified
    Given a consumer is onboarded and logged in
    And a new unique email is remembered as "new email"
    When the consumer updates their details with:
      """
      {"email": "${new email}"}
      """
    Then the consumer's details are updated
    When the consumer starts KYC
    Then the KYC start is refused with EMAIL_UNVERIFIED

  @negative @simulator @corporates
  Scenario: KYB cannot start again once approved
    Given a corporate is onboarded and verified
    When the corporate starts KYB
    Then the KYB start is refused with KYB_ALREADY_APPROVED

  @negative @simulator @consumers
  Scenario: KYC cannot start again once approved
    Given a consumer is onboarded and verified
    When the consumer starts KYC
    Then the KYC start is refused with KYC_ALREADY_APPROVED

  @negative @simulator @corporates
  Scenario Outline: KYB approval locks the corporate's verified details
    Given a corporate is onboarded and verified
    When the corporate updates their details with:
      """
      <change>
      """
    Then the update is refused with ROOT_USER_ALREADY_VERIFIED

    Examples:
      | change                                                                                                         |
      | {"name": "Other"}                                                                                              |
      | {"email": "locked.change@weavr-suite.example.com"}                                                             |
      | {"mobile": {"countryCode": "+44", "number": "7700900123"}}                                                     |
      | {"dateOfBirth": {"year": 1970, "month": 1, "day": 1}}                                                          |
      | {"companyBusinessAddress": {"addressLine1": "9 Bay St", "city": "Sliema", "postCode": "SLM 1", "country": "MT"}} |

  @negative @simulator @consumers
  Scenario Outline: KYC approval locks the consumer's verified details
    Given a consumer is onboarded and verified
    When the consumer updates their details with:
      """
      <change>
      """
    Then the update is refused with CONSUMER_VERIFIED

    Examples:
      | change                                                      |
      | {"surname": "Other"}                                        |
      | {"email": "locked.change@weavr-suite.example.com"}          |
      | {"mobile": {"countryCode": "+44", "number": "7700900123"}}  |
      | {"address": {"addressLine1": "9 New Rd", "country": "GB"}}  |

  @simulator @corporates
  Scenario: After KYB approval the details it did not verify can still change
    Given a corporate is onboarded and verified
    When the corporate updates their details with:
      """
      {"tag": "after_kyb", "industry": "ACCOUNTING"}
      """
    Then the corporate's details are updated
    And the corporate's identity reads:
      | field | value     |
      | tag   | after_kyb |

  @simulator @consumers
  Scenario: After KYC approval the details it did not verify can still change
    Given a consumer is onboarded and verified
    When the consumer updates their details with:
      """
      {"tag": "after_kyc", "occupation": "RETIRED"}
      """
    Then the consumer's details are updated
    And the consumer's identity reads:
      | field               | value   |
      | rootUser.occupation | RETIRED |

  @negative
  Scenario Outline: Due diligence needs a valid token
    Given a <identity> is onboarded and logged in
    When the <identity> <does> with an invalid token
    Then the <act> is unauthorised

    Examples:
      | identity  | does                  | act       |
      | corporate | reads their KYB       | KYB read  |
      | corporate | starts KYB            | KYB start |
      | consumer  | reads their KYC       | KYC read  |
      | consumer  | starts KYC            | KYC start |

  @negative
  Scenario: A consumer cannot start KYB
    Given a consumer is onboarded and logged in
    When the consumer starts KYB
    Then the KYB start is forbidden with INSUFFICIENT_PERMISSIONS

  @negative @consumers
  Scenario: KYC at an unknown level is rejected naming the field
    Given a consumer is onboarded and logged in
    When the consumer starts KYC at level KYC_LEVEL_9
    Then the KYC start is rejected naming "kycLevel" as "IN"
