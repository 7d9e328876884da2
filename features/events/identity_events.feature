@events @emulator_only
Feature: Events of identities and sign-in: KYB and KYC, logins and step-up reach the programme's server
  Due diligence announces each status it reaches; every password login, verified or declined, is a login
  event; a verified step-up is a step-up event. Each is signed, schema-checked and taken once by the receiver.

  Background:
    Given events are delivered to the receiver

  @due_diligence @simulator @corporates
  Scenario: A corporate's KYB announces INITIATED then APPROVED
    Given a corporate is registered
    And the corporate's root email is verified
    And the corporate has a password
    When the corporate logs in
    And POST "/corporates/kyb" is called as the corporate
    And the simulator verifies the corporate
    Then the events for "corporate" arrive in this order: corporates_kyb INITIATED, corporates_kyb APPROVED
    And the last "corporates_kyb" event for "corporate" has:
      | field          | value              |
      | corporateId    | ${corporate.id}    |
      | corporateEmail | ${corporate.email} |
      | status         | APPROVED           |

  @due_diligence @simulator @corporates
  Scenario: Verifying a corporate's KYB verifies its director, announced once as a KYB beneficiary update
    Given a corporate is registered
    And the corporate's root email is verified
    And the corporate has a password
    When the corporate logs in
    And POST "/corporates/kyb" is called as the corporate
    Then no "corporates_kyb_beneficiaries" event arrives for "corporate"
    When the simulator verifies the corporate
    Then a "corporates_kyb_beneficiaries" event arrives for "corporate" with state APPROVED
    And the last "corporates_kyb_beneficiaries" event for "corporate" has:
      | field                                              | value              |
      | event                                              | ["STATUS_UPDATED"] |
      | additionalInformation.corporateId                  | ${corporate.id}    |
      | additionalInformation.rootUserEmail                | ${corporate.email} |
      | additionalInformation.kybStatus                    | APPROVED           |
      | additionalInformation.beneficiary.type             | DIRECTOR           |
      | additionalInformation.beneficiary.email            | ${corporate.email} |
      | additionalInformation.beneficiary.status           | APPROVED           |
      | additionalInformation.beneficiary.ongoingKybStatus | APPROVED           |
    When the simulator verifies the corporate
    Then the events for "corporate" arrive in this order: corporates_kyb_beneficiaries APPROVED

  @due_diligence @simulator @consumers
  Scenario: A consumer's KYC announces INITIATED then APPROVED
    Given a consumer is registered
    And the consumer's root email is verified
    And the consumer has a password
    When the consumer logs in
    And POST "/consumers/kyc" is called as the consumer with:
      """
      {"kycLevel": "KYC_LEVEL_2"}
      """
    And the simulator verifies the consumer
    Then the events for "consumer" arrive in this order: consumers_kyc INITIATED, consumers_kyc APPROVED
    And the last "consumers_kyc" event for "consumer" has:
      | field         | value             |
      | consumerId    | ${consumer.id}    |
      | consumerEmail | ${consumer.email} |

  @auth
  Scenario: Each password login is a login event, verified or declined
    Given a corporate is registered
    And the corporate has a password
    When the corporate logs in with a wrong password
    And the corporate logs in
    Then the events for "corporate" arrive in this order: login DECLINED, login VERIFIED
    And the last "login" event for "corporate" has:
      | field       | value                                            |
      | identity    | {"type": "CORPORATE", "id": "${corporate.id}"}   |
      | type        | PASSWORD                                         |

  @auth @stepup
  Scenario: A verified step-up is a step-up event
    Given a corporate is onboarded and logged in
    When the corporate steps up their token
    Then a "stepup" event arrives for "corporate" with state VERIFIED
    And the last "stepup" event for "corporate" has:
      | field | value |
      | type  | SMS   |
