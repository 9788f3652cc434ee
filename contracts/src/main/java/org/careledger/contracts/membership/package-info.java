/**
 * Who belongs to the consortium: org admins register and revoke their members' certificates
 * ({@link org.careledger.contracts.membership.MembershipContract}, contract {@code membership}).
 *
 * <p>A member's roles are its certificate's OU values. {@code admin} and {@code node} are never member roles
 * (MEMBER_ROLE_INVALID). Role {@code emergency} lets a member break the glass, reading any patient's record without
 * consent; {@code registerMember} gives it only to a member of a provider org (org role hospital or lab) whose
 * certificate also carries a clinical role (nurse, physician, practitioner), and refuses it otherwise with
 * MEMBER_ROLE_NOT_PERMITTED: insurers, pharmacies, manufacturers, distributors, sponsors and authorities never treat
 * patients, so never break the glass. The access policy checks the same rule again at read time (see
 * {@link org.careledger.contracts.audit.AccessPolicy}). Rules in {@link org.careledger.contracts.records.CareRoles}.
 */
package org.careledger.contracts.membership;
