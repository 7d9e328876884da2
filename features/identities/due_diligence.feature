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
    Then the response status is 200
    When the corporate logs in
    Then the response status is 200
    When GET "/corporates/kyb" is called as the corporate
    Then the response status is 200
    And the response field "kybStatus" equals "NOT_STARTED"
    When POST "/corporates/kyb" is called as the corporate
    Then the response status is 200
    And I remember the response field "reference" as "kyb reference"
    When GET "/corporates/kyb" is called as the corporate
    Then the response field "kybStatus" equals "INITIATED"
    When the simulator verifies the corporate
    Then the response status is 204
    When GET "/corporates/kyb" is called as the corporate
    Then the response status is 200
    And the response field "kybStatus" equals "APPROVED"
    # Just approved, so no re-verification is under way: the ongoing status is the approval itself.
    And the response field "ongoingKybStatus" equals "APPROVED"
    When GET "/corporates" is called as the corporate
    Then the response field "rootUser.emailVerified" equals true
    And the response field "rootUser.mobileNumberVerified" equals true
    When PATCH "/corporates" is called as the corporate with:
      """
      {"surname": "Changed"}
      """
    Then the response status is 409
    And the error code is "ROOT_USER_ALREADY_VERIFIED"

  @journey @simulator @consumers
  Scenario: A consumer is onboarded from registration to approved KYC
    Given a consumer is registered
    And the consumer's root email is verified
    When the consumer creates a password
    Then the response status is 200
    When the consumer logs in
    Then the response status is 200
    When GET "/consumers/kyc" is called as the consumer
    Then the response status is 200
    And the response field "fullDueDiligence" equals "NOT_STARTED"
    When POST "/consumers/kyc" is called as the consumer with:
      """
      {"kycLevel": "KYC_LEVEL_2"}
      """
    Then the response status is 200
    And the response field "kycLevel" equals "KYC_LEVEL_2"
    And the response field "reference" exists
    When GET "/consumers/kyc" is called as the consumer
    Then the response field "fullDueDiligence" equals "INITIATED"
    And the response field "kycLevel" equals "KYC_LEVEL_2"
    And the response field "ongoingKycLevel" equals "KYC_LEVEL_2"
    When the simulator verifies the consumer
    Then the response status is 204
    When GET "/consumers/kyc" is called as the consumer
    Then the response status is 200
    And the response field "fullDueDiligence" equals "APPROVED"
    # Just approved, so no re-verification is under way: the ongoing status is the approval itself.
    And the response field "ongoingFullDueDiligence" equals "APPROVED"
    When PATCH "/consumers" is called as the consumer with:
      """
      {"name": "Changed"}
      """
    Then the response status is 409
    And the error code is "CONSUMER_VERIFIED"

  @corporates
  Scenario: Starting KYB again while it is in progress gives the same reference
    # The reference is Weavr's own for the KYB UI component: a scenario can only check it is kept.
    Given a corporate is onboarded and logged in
    When POST "/corporates/kyb" is called as the corporate
    Then the response status is 200
    And I remember the response field "reference" as "first reference"
    When POST "/corporates/kyb" is called as the corporate
    Then the response status is 200
    And the response field "reference" equals "${first reference}"

  @negative @corporates
  Scenario: KYB cannot start before the root email is verified
    Given a corporate is registered
    And the corporate has a password
    When POST "/corporates/kyb" is called as the corporate
    Then the response status is 409
    And the error code is "EMAIL_UNVERIFIED"

  @negative @consumers
  Scenario: KYC cannot start after a root email change until the new email is verified
    Given a consumer is onboarded and logged in
    And a new unique email is remembered as "new email"
    When PATCH "/consumers" is called as the consumer with:
      """
      {"email": "${new email}"}
      """
    Then the response status is 200
    When POST "/consumers/kyc" is called as the consumer
    Then the response status is 409
    And the error code is "EMAIL_UNVERIFIED"

  @negative @simulator @corporates
  Scenario: KYB cannot start again once approved
    Given a corporate is onboarded and verified
    When POST "/corporates/kyb" is called as the corporate
    Then the response status is 409
    And the error code is "KYB_ALREADY_APPROVED"

  @negative @simulator @consumers
  Scenario: KYC cannot start again once approved
    Given a consumer is onboarded and verified
    When POST "/consumers/kyc" is called as the consumer
    Then the response status is 409
    And the error code is "KYC_ALREADY_APPROVED"

  @negative @simulator @corporates
  Scenario Outline: KYB approval locks the corporate's verified details
    Given a corporate is onboarded and verified
    When PATCH "/corporates" is called as the corporate with:
      """
      <change>
      """
    Then the response status is 409
    And the error code is "ROOT_USER_ALREADY_VERIFIED"

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
    When PATCH "/consumers" is called as the consumer with:
      """
      <change>
      """
    Then the response status is 409
    And the error code is "CONSUMER_VERIFIED"

    Examples:
      | change                                                      |
      | {"surname": "Other"}                                        |
      | {"email": "locked.change@weavr-suite.example.com"}          |
      | {"mobile": {"countryCode": "+44", "number": "7700900123"}}  |
      | {"address": {"addressLine1": "9 New Rd", "country": "GB"}}  |

  @simulator @corporates
  Scenario: After KYB approval the details it did not verify can still change
    Given a corporate is onboarded and verified
    When PATCH "/corporates" is called as the corporate with:
      """
      {"tag": "after_kyb", "industry": "ACCOUNTING"}
      """
    Then the response status is 200
    And the response field "tag" equals "after_kyb"

  @simulator @consumers
  Scenario: After KYC approval the details it did not verify can still change
    Given a consumer is onboarded and verified
    When PATCH "/consumers" is called as the consumer with:
      """
      {"tag": "after_kyc", "occupation": "RETIRED"}
      """
    Then the response status is 200
    And the response field "rootUser.occupation" equals "RETIRED"

  @negative
  Scenario Outline: Due diligence needs a token
    When <method> "<path>" is called without a token
    Then the response status is 401
    And the response has no body

    Examples:
      | method | path           |
      | GET    | /corporates/kyb |
      | POST   | /corporates/kyb |
      | GET    | /consumers/kyc  |
      | POST   | /consumers/kyc  |

  @negative
  Scenario: A consumer cannot start KYB
    Given a consumer is onboarded and logged in
    When POST "/corporates/kyb" is called as the consumer
    Then the response status is 403
    And the error code is "INSUFFICIENT_PERMISSIONS"

  @negative @consumers
  Scenario: KYC at an unknown level is rejected naming the field
    Given a consumer is onboarded and logged in
    When POST "/consumers/kyc" is called as the consumer with:
      """
      {"kycLevel": "KYC_LEVEL_9"}
      """
    Then the response status is 400
    And the field "kycLevel" is reported invalid with "IN"
