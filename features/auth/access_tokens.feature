@auth @access_tokens
Feature: Access tokens and the identities a user can act for
  A signed-in user lists the identities their token gives access to, and exchanges their
  token for an access token to one of them; the access token carries the token's status
  (standard or stepped up).

  Scenario: The root user lists their corporate among their identities
    Given a corporate is onboarded and logged in
    When the corporate lists their identities
    Then the identities listed are the corporate's alone

  @negative
  Scenario: Listing identities needs a sensible page
    Given a corporate is onboarded and logged in
    When the corporate lists their identities with "limit=0"
    Then the identities list is rejected naming "limit" as "RANGE"
    When the corporate lists their identities with "offset=-1"
    Then the identities list is rejected naming "offset" as "RANGE"

  Scenario: A token is exchanged for an access token to the user's identity
    Given a corporate is onboarded and logged in
    When the corporate asks for an access token to their identity
    Then the corporate receives a STANDARD access token to their identity, remembered as "access token"
    When the corporate switches to the token remembered as "access token"
    And the corporate lists their identities
    Then the identities listed are the corporate's alone

  @stepup
  Scenario: The access token of a stepped-up token is stepped up
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    When the corporate asks for an access token to their identity
    Then the corporate receives a STEPPED_UP access token to their identity

  @negative
  Scenario: An access token needs the user's token and one of their identities
    Given a corporate is onboarded and logged in
    And a corporate outsider is onboarded and logged in
    When someone asks for an access token to the corporate's identity
    Then the access token request is forbidden
    When someone asks for an access token to the corporate's identity with an invalid token
    Then the access token request is forbidden
    When the corporate outsider asks for an access token to the corporate's identity
    Then the access token request is forbidden
    When the corporate asks for an access token to no identity
    Then the access token request is rejected naming "identity" as "REQUIRED"
