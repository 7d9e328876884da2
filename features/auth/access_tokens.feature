@auth @access_tokens
Feature: Access tokens and the identities a user can act for
  A signed-in user lists the identities their token gives access to, and exchanges their
  token for an access token to one of them; the access token carries the token's status
  (standard or stepped up).

  Scenario: The root user lists their corporate among their identities
    Given a corporate is onboarded and logged in
    When GET "/corporates" is called as the corporate
    Then I remember the response field "company.name" as "company name"
    When GET "/identities" is called as the corporate
    Then the response status is 200
    And the response field "identities" has 1 item
    And the response field "identities.0.id.type" equals "CORPORATE"
    And the response field "identities.0.id.id" equals "${corporate.id}"
    And the response field "identities.0.name" equals "${company name}"
    And the response field "count" equals 1
    And the response field "responseCount" equals 1

  @negative
  Scenario: Listing identities needs a token and a sensible page
    Given a corporate is onboarded and logged in
    When GET "/identities" is called without a token
    Then the response status is 401
    When GET "/identities?limit=0" is called as the corporate
    Then the field "limit" is reported invalid with "RANGE"
    When GET "/identities?offset=-1" is called as the corporate
    Then the field "offset" is reported invalid with "RANGE"

  Scenario: A token is exchanged for an access token to the user's identity
    Given a corporate is onboarded and logged in
    When POST "/access_token" is called as the corporate with:
      """
      {"identity": {"type": "CORPORATE", "id": "${corporate.id}"}}
      """
    Then the response status is 200
    And the response field "identity.type" equals "CORPORATE"
    And the response field "identity.id" equals "${corporate.id}"
    And the response field "credentials.type" equals "ROOT"
    And the response field "credentials.id" equals "${corporate.user id}"
    And the response field "status" equals "STANDARD"
    And I remember the response field "token" as "access token"
    When the corporate switches to the token remembered as "access token"
    And GET "/identities" is called as the corporate
    Then the response status is 200
    And the response field "identities.0.id.id" equals "${corporate.id}"

  @stepup
  Scenario: The access token of a stepped-up token is stepped up
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    When POST "/access_token" is called as the corporate with:
      """
      {"identity": {"type": "CORPORATE", "id": "${corporate.id}"}}
      """
    Then the response status is 200
    And the response field "status" equals "STEPPED_UP"

  @negative
  Scenario: An access token needs the user's token and one of their identities
    Given a corporate is onboarded and logged in
    And a corporate outsider is onboarded and logged in
    When POST "/access_token" is called without a token with:
      """
      {"identity": {"type": "CORPORATE", "id": "${corporate.id}"}}
      """
    Then the response status is 403
    And the response has no body
    When POST "/access_token" is called with an invalid token with:
      """
      {"identity": {"type": "CORPORATE", "id": "${corporate.id}"}}
      """
    Then the response status is 403
    When POST "/access_token" is called as the corporate outsider with:
      """
      {"identity": {"type": "CORPORATE", "id": "${corporate.id}"}}
      """
    Then the response status is 403
    When POST "/access_token" is called as the corporate with:
      """
      {}
      """
    Then the field "identity" is reported invalid with "REQUIRED"
